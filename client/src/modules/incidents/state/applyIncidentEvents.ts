import type { EventEnvelope, IncidentDto, IncidentEventPayload } from '@sanfang/shared';
import type { KeyedFeature } from '../../map/live/featureDiff';

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
  const before = state.incidents.get(p.incidentId);
  // Reported after the snapshot: the event has no location; `incidentToFetch` names it.
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

/** An open incident the state does not hold yet (its event carries no location): fetch it. */
export function incidentToFetch(state: IncidentsState, e: EventEnvelope): string | null {
  if (!isIncidentEvent(e) || !isOpen(e.payload.status)) return null;
  return state.incidents.has(e.payload.incidentId) ? null : e.payload.incidentId;
}

export function addIncident(state: IncidentsState, incident: IncidentDto): IncidentsState {
  if (!isOpen(incident.status)) return state;
  return { ...state, incidents: new Map(state.incidents).set(incident.id, incident) };
}

/** Located open incidents as map features (reports without coordinates stay off the map). */
export function incidentFeatures(incidents: Iterable<IncidentDto>): KeyedFeature[] {
  const features: KeyedFeature[] = [];
  for (const i of incidents) {
    if (i.lon === null || i.lat === null) continue;
    features.push({
      type: 'Feature',
      id: i.id,
      geometry: { type: 'Point', coordinates: [i.lon, i.lat] },
      properties: { id: i.id, grade: i.grade, status: i.status, title: i.title, type: i.type },
    });
  }
  return features;
}
