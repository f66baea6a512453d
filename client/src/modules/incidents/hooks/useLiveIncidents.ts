import { incidentsRoutes } from '@sanfang/shared';
import { callApi } from '../../api/call';
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
    callApi(incidentsRoutes.list, {
      query: { open: 'true', limit: '500' },
      token,
      signal,
    }).then(incidentsFromList),
  followUp: (state, event) => {
    const id = incidentToFetch(state, event);
    if (!id) return null;
    return {
      key: id,
      run: () =>
        callApi(incidentsRoutes.get, { params: { id }, token }).then(
          (incident) => (s: IncidentsState) => addIncident(s, incident),
        ),
    };
  },
});

/** Open incidents and raised sensor alarms for the map. */
export function useLiveIncidents(token: string): IncidentsState {
  return useLiveFeature(() => incidentsFeature(token), token).state;
}
