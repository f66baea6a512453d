import type { IncidentDto } from '@sanfang/shared';
import { apiRequest } from '../../api/http';
import { useLiveFeature } from '../../live/hooks/useLiveFeature';
import type { LiveFeature } from '../../live/state/liveFeature';
import {
  addIncident,
  applyIncidentEvent,
  emptyIncidents,
  incidentsFromList,
  incidentToFetch,
  type IncidentsState,
} from '../state/applyIncidentEvents';

/** Open incidents and raised sensor alarms: the REST snapshot, then incident events. */
export const incidentsFeature = (token: string): LiveFeature<IncidentsState> => ({
  empty: emptyIncidents,
  apply: applyIncidentEvent,
  load: (signal) =>
    apiRequest<IncidentDto[]>('/api/incidents?open=true&limit=500', {
      token,
      signal,
    }).then(incidentsFromList),
  followUp: (state, event) => {
    const id = incidentToFetch(state, event);
    if (!id) return null;
    return {
      key: id,
      run: () =>
        apiRequest<IncidentDto>(`/api/incidents/${encodeURIComponent(id)}`, { token }).then(
          (incident) => (s: IncidentsState) => addIncident(s, incident),
        ),
    };
  },
});

/** Open incidents and raised sensor alarms for the map. */
export function useLiveIncidents(token: string): IncidentsState {
  return useLiveFeature(() => incidentsFeature(token), token).state;
}
