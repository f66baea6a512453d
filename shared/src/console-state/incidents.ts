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
export const applyIncidentEvent = (state: IncidentsState, e: EventEnvelope): IncidentsState =>
  applyIncidentEvents(state, [e]);

/**
 * Applies events in seq order, as `events.reduce(applyIncidentEvent, state)` would, copying
 * the open incidents (and the ponding points) once for the whole run instead of once per
 * event: folding a storm's reports through thousands of open incidents stays linear. The
 * state given is never changed; with no change it is returned as it is.
 */
export function applyIncidentEvents(
  state: IncidentsState,
  events: readonly EventEnvelope[],
): IncidentsState {
  // This fold's own copies, made at the first change.
  let incidents: Map<string, IncidentDto> | null = null;
  let ponding: Set<string> | null = null;
  const ownIncidents = () => (incidents ??= new Map(state.incidents));
  const ownPonding = () => (ponding ??= new Set(state.ponding));
  for (const e of events) {
    if (e.type === 'incident.sensor_alarm') {
      if (e.payload.state === 'raised') ownPonding().add(e.payload.pointId);
      else ownPonding().delete(e.payload.pointId);
      continue;
    }
    if (!isIncidentEvent(e)) continue;
    const p = e.payload;
    const open = incidents ?? state.incidents;
    if (!isOpen(p.status)) {
      if (open.has(p.incidentId)) ownIncidents().delete(p.incidentId);
      continue;
    }
    const before = open.get(p.incidentId) ?? fromPayload(p);
    // Reported after the snapshot by an event without its details (written before they were
    // added to the payload): `incidentToFetch` names it.
    if (!before) continue;
    ownIncidents().set(p.incidentId, {
      ...before,
      grade: p.grade,
      status: p.status,
      title: p.title,
      casualties: p.casualties,
      directLossCny: p.directLossCny,
      version: p.version,
    });
  }
  if (!incidents && !ponding) return state;
  return { incidents: incidents ?? state.incidents, ponding: ponding ?? state.ponding };
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
