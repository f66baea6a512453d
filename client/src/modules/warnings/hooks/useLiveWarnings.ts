import type { EventEnvelope, WarningDto } from '@sanfang/shared';
import { useEffect, useState } from 'react';
import { useLiveStore } from '../../live/hooks/useLive';
import { fetchActiveWarnings, fetchWarning } from '../api/warningsApi';
import {
  applyWarningDetail,
  applyWarningEvents,
  emptyWarnings,
  warningsFromList,
  type WarningsState,
} from '../state/applyWarningEvents';

export interface LiveWarnings {
  warnings: WarningsState;
  loaded: boolean;
}

/**
 * Active warnings: the REST snapshot, then warning.* events applied in place. Events that
 * arrive before the snapshot are replayed onto it; each issued/updated warning's detail
 * (areas, description) is fetched after the event has already put it on screen.
 */
export function useLiveWarnings(token: string): LiveWarnings {
  const live = useLiveStore();
  const [state, setState] = useState<LiveWarnings>({ warnings: emptyWarnings, loaded: false });

  useEffect(() => {
    let stopped = false;
    let current: WarningsState | null = null;
    let pending: EventEnvelope[] = [];
    const publish = (warnings: WarningsState) => {
      current = warnings;
      if (!stopped) setState({ warnings, loaded: true });
    };
    // Only the latest fetch per warning may land: a slow fetch started for the yellow signal
    // must not paint over the orange update that arrived while it was in flight.
    const latest = new Map<string, number>();
    let fetches = 0;
    const details = (ids: string[]) => {
      for (const id of ids) {
        const mine = ++fetches;
        latest.set(id, mine);
        fetchWarning(token, id).then(
          (detail: WarningDto) => {
            if (latest.get(id) === mine && current) publish(applyWarningDetail(current, detail));
          },
          // The provisional entry stays; the next event or a reload brings the detail.
          () => undefined,
        );
      }
    };
    const apply = (base: WarningsState, events: EventEnvelope[]) => {
      const next = applyWarningEvents(base, events);
      if (next.state !== base || current === null) publish(next.state);
      details(next.fetch);
    };

    const controller = new AbortController();
    fetchActiveWarnings(token, controller.signal).then(
      (list) => {
        const replay = pending;
        pending = [];
        apply(warningsFromList(list), replay);
      },
      () => {
        if (!controller.signal.aborted) apply(emptyWarnings, pending);
      },
    );
    const off = live.onEvents((events) => {
      if (current === null) pending.push(...events);
      else apply(current, events);
    });
    return () => {
      stopped = true;
      controller.abort();
      off();
    };
  }, [live, token]);

  return state;
}
