import type { EventEnvelope } from '@sanfang/shared';
import { useEffect, useState } from 'react';
import { useLiveStore } from '../../live/hooks/useLive';
import { fetchActiveResponses, fetchPendingSuggestions } from '../api/responsesApi';
import {
  applyResponseEvents,
  emptyResponses,
  responsesFromLists,
  type ResponsesState,
} from '../state/applyResponseEvents';

export interface LiveResponses {
  state: ResponsesState;
  loaded: boolean;
  error: boolean;
}

/** Active responses and pending suggestions: REST snapshot, then events applied in place. */
export function useLiveResponses(token: string): LiveResponses {
  const live = useLiveStore();
  const [value, setValue] = useState<LiveResponses>({
    state: emptyResponses,
    loaded: false,
    error: false,
  });

  useEffect(() => {
    let current: ResponsesState | null = null;
    let pending: EventEnvelope[] = [];
    const controller = new AbortController();
    const publish = (state: ResponsesState, error = false) => {
      current = state;
      if (!controller.signal.aborted) setValue({ state, loaded: true, error });
    };
    Promise.all([
      fetchActiveResponses(token, controller.signal),
      fetchPendingSuggestions(token, controller.signal),
    ]).then(
      ([responses, suggestions]) => {
        publish(applyResponseEvents(responsesFromLists(responses, suggestions), pending));
        pending = [];
      },
      () => publish(applyResponseEvents(emptyResponses, pending), true),
    );
    const off = live.onEvents((events) => {
      if (current === null) {
        pending.push(...events);
        return;
      }
      const next = applyResponseEvents(current, events);
      if (next !== current) publish(next);
    });
    return () => {
      controller.abort();
      off();
    };
  }, [live, token]);

  return value;
}
