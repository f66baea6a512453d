import type { DispatchDto, EventEnvelope } from '@sanfang/shared';
import { useEffect, useRef, useState } from 'react';
import { useLiveStore } from '../../live/hooks/useLive';
import { fetchDispatches } from '../api/dispatchApi';
import {
  applyDispatchEvents,
  keepResponses,
  replaceResponseDispatches,
  type DispatchMap,
} from '../state/applyDispatchEvents';

// A whole-district activation creates thousands of dispatches in a burst: one refetch after it.
const REFETCH_DELAY_MS = 250;

/**
 * Dispatches of the active responses: one REST snapshot per response, then dispatch.* events
 * applied in place. Events for dispatches the snapshot did not have trigger a (debounced)
 * refetch of that response; events seen while a fetch is in flight are replayed onto it.
 */
export function useLiveDispatches(token: string, responseIds: readonly string[]): DispatchMap {
  const live = useLiveStore();
  const [dispatches, setDispatches] = useState<DispatchMap>(new Map());
  const current = useRef<DispatchMap>(new Map());
  const idsKey = [...responseIds].sort().join(',');

  useEffect(() => {
    let stopped = false;
    const inFlight = new Map<string, EventEnvelope[]>();
    const timers = new Map<string, ReturnType<typeof setTimeout>>();
    const wanted = new Set(idsKey ? idsKey.split(',') : []);
    const publish = (next: DispatchMap) => {
      current.current = next;
      if (!stopped) setDispatches(next);
    };
    function load(responseId: string): void {
      if (stopped || !wanted.has(responseId) || inFlight.has(responseId)) return;
      inFlight.set(responseId, []);
      fetchDispatches(token, responseId).then(
        (fresh: DispatchDto[]) => {
          const replay = inFlight.get(responseId) ?? [];
          inFlight.delete(responseId);
          if (stopped) return;
          const replaced = replaceResponseDispatches(current.current, responseId, fresh);
          const applied = applyDispatchEvents(replaced, replay);
          publish(applied.dispatches);
          // Created after the snapshot was read: fetch once more.
          if (applied.refetch.includes(responseId)) later(responseId);
        },
        () => inFlight.delete(responseId),
      );
    }
    function later(responseId: string): void {
      clearTimeout(timers.get(responseId));
      timers.set(
        responseId,
        setTimeout(() => {
          timers.delete(responseId);
          load(responseId);
        }, REFETCH_DELAY_MS),
      );
    }
    publish(keepResponses(current.current, wanted));
    for (const id of wanted) load(id);

    const off = live.onEvents((events) => {
      for (const list of inFlight.values()) list.push(...events);
      const { dispatches: next, refetch } = applyDispatchEvents(current.current, events);
      if (next !== current.current) publish(next);
      for (const id of refetch) if (wanted.has(id) && !inFlight.has(id)) later(id);
    });
    return () => {
      stopped = true;
      off();
      for (const t of timers.values()) clearTimeout(t);
    };
  }, [live, token, idsKey]);

  return dispatches;
}
