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

/**
 * Applies incident events; an incident not yet loaded (reported after the snapshot) has no
 * location in its event, so its id is returned to be fetched.
 */
export function applyIncidentEvents(
  state: IncidentsState,
  events: readonly EventEnvelope[],
): { state: IncidentsState; fetch: string[] } {
  let incidents: Map<string, IncidentDto> | null = null;
  let ponding: Set<string> | null = null;
  const fetch = new Set<string>();
  for (const e of events) {
    if (e.type === 'incident.sensor_alarm') {
      ponding ??= new Set(state.ponding);
      if (e.payload.state === 'raised') ponding.add(e.payload.pointId);
      else ponding.delete(e.payload.pointId);
      continue;
    }
    if (!isIncidentEvent(e)) continue;
    const p = e.payload;
    incidents ??= new Map(state.incidents);
    if (!isOpen(p.status)) {
      incidents.delete(p.incidentId);
      fetch.delete(p.incidentId);
      continue;
    }
    const before = incidents.get(p.incidentId);
    if (!before) {
      fetch.add(p.incidentId);
      continue;
    }
    incidents.set(p.incidentId, {
      ...before,
      grade: p.grade,
      status: p.status,
      title: p.title,
      casualties: p.casualties,
      directLossCny: p.directLossCny,
      version: p.version,
    });
  }
  if (!incidents && !ponding) return { state, fetch: [] };
  return {
    state: { incidents: incidents ?? state.incidents, ponding: ponding ?? state.ponding },
    fetch: [...fetch],
  };
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
