import type { IncidentDto } from '@sanfang/shared';
import type { KeyedFeature } from '../../map/live/featureDiff';

// The reducer lives in shared (console-state) so the live console, the replay and the server
// fold events with the same code.
export {
  addIncident,
  applyIncidentEvent,
  emptyIncidents,
  incidentsFromList,
  incidentToFetch,
  type IncidentsState,
} from '@sanfang/shared';

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
