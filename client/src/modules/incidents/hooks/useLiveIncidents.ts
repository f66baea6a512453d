import { incidentsRoutes, type EventEnvelope } from '@sanfang/shared';
import { useEffect, useState } from 'react';
import { callApi } from '../../api/call';
import { useLiveStore } from '../../live/hooks/useLive';
import {
  addIncident,
  applyIncidentEvents,
  emptyIncidents,
  incidentsFromList,
  type IncidentsState,
} from '../state/applyIncidentEvents';

/** Open incidents and raised sensor alarms for the map: REST snapshot, then events. */
export function useLiveIncidents(token: string): IncidentsState {
  const live = useLiveStore();
  const [value, setValue] = useState<IncidentsState>(emptyIncidents);

  useEffect(() => {
    let current: IncidentsState | null = null;
    let pending: EventEnvelope[] = [];
    const controller = new AbortController();
    const publish = (state: IncidentsState) => {
      current = state;
      if (!controller.signal.aborted) setValue(state);
    };
    const fetchOne = (id: string) =>
      callApi(incidentsRoutes.get, { params: { id }, token }).then(
        (incident) => current && publish(addIncident(current, incident)),
        () => undefined,
      );
    const apply = (base: IncidentsState, events: EventEnvelope[]) => {
      const next = applyIncidentEvents(base, events);
      if (next.state !== base || current === null) publish(next.state);
      for (const id of next.fetch) void fetchOne(id);
    };
    callApi(incidentsRoutes.list, {
      query: { open: 'true', limit: '500' },
      token,
      signal: controller.signal,
    }).then(
      (list) => {
        const replay = pending;
        pending = [];
        apply(incidentsFromList(list), replay);
      },
      () => {
        if (!controller.signal.aborted) apply(emptyIncidents, pending);
      },
    );
    const off = live.onEvents((events) => {
      if (current === null) pending.push(...events);
      else apply(current, events);
    });
    return () => {
      controller.abort();
      off();
    };
  }, [live, token]);

  return value;
}
