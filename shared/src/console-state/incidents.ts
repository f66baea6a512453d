import type { EventEnvelope, IncidentDto, IncidentEventPayload } from '../index';

export interface IncidentsState {
  /** Open incidents (not resolved or closed) by id. */
  incidents: ReadonlyMap<string, IncidentDto>;
  /** Waterlogging points whose sensor is over its alarm depth. */
  ponding: ReadonlySet<string>;
}

export const emptyIncidents: IncidentsState = { incidents: new Map(), ponding: new Set() };

const isOpen = (status: IncidentDto['status']): boolean =>
  status !== 'resolved' && status !== 'closed';

export function incidentsFromList(list: readonly IncidentDto[]): IncidentsState {
  const open = list.filter((i) => isOpen(i.status));
  return {
    incidents: new Map(open.map((i) => [i.id, i])),
    ponding: new Set(open.filter((i) => i.sensorAlarm && i.pointId).map((i) => i.pointId!)),
  };
}

type IncidentEvent = Extract<EventEnvelope, { payload: IncidentEventPayload }>;
const TYPES = new Set<string>([
  'incident.reported',
  'incident.updated',
  'incident.regraded',
  'incident.status_changed',
]);
const isIncidentEvent = (e: EventEnvelope): e is IncidentEvent => TYPES.has(e.type);

/**
 * An incident built from its event alone (events written since the payload carries `detail`):
 * what the console would have fetched. Older events return null (no location to draw).
 */
function fromPayload(p: IncidentEventPayload): IncidentDto | null {
  const d = p.detail;
  if (!d) return null;
  return {
    id: p.incidentId,
    type: p.type,
    grade: p.grade,
    status: p.status,
    title: p.title,
    description: d.description,
    occurredAt: d.occurredAt,
    lon: d.lon,
    lat: d.lat,
    address: d.address,
    subdistrictCode: p.subdistrictCode,
    casualties: p.casualties,
    directLossCny: p.directLossCny,
    version: p.version,
    reportCount: d.reportCount,
    pointId: d.pointId,
    sensorAlarm: d.sensorAlarm,
    createdAt: d.createdAt,
    statusHistory: [],
  };
}

/** Applies one event (incident.* change the state; any other passes through): the reducer. */
export function applyIncidentEvent(state: IncidentsState, e: EventEnvelope): IncidentsState {
  if (e.type === 'incident.sensor_alarm') {
    const ponding = new Set(state.ponding);
    if (e.payload.state === 'raised') ponding.add(e.payload.pointId);
    else ponding.delete(e.payload.pointId);
    return { ...state, ponding };
  }
  if (!isIncidentEvent(e)) return state;
  const p = e.payload;
  if (!isOpen(p.status)) {
    if (!state.incidents.has(p.incidentId)) return state;
    const incidents = new Map(state.incidents);
    incidents.delete(p.incidentId);
    return { ...state, incidents };
  }
  const before = state.incidents.get(p.incidentId) ?? fromPayload(p);
  // Reported after the snapshot by an event without its details (written before they were
  // added to the payload): `incidentToFetch` names it.
  if (!before) return state;
  const incidents = new Map(state.incidents).set(p.incidentId, {
    ...before,
    grade: p.grade,
    status: p.status,
    title: p.title,
    casualties: p.casualties,
    directLossCny: p.directLossCny,
    version: p.version,
  });
  return { ...state, incidents };
}

/**
 * An open incident the live state did not hold before this event: the console fetches it (the
 * full DTO, with its status history) even when the event carries `detail`.
 */
export function incidentToFetch(state: IncidentsState, e: EventEnvelope): string | null {
  if (!isIncidentEvent(e) || !isOpen(e.payload.status)) return null;
  return state.incidents.has(e.payload.incidentId) ? null : e.payload.incidentId;
}

export function addIncident(state: IncidentsState, incident: IncidentDto): IncidentsState {
  if (!isOpen(incident.status)) return state;
  return { ...state, incidents: new Map(state.incidents).set(incident.id, incident) };
}
