import type { EventEnvelope } from '@sanfang/shared';
import { useEffect, useRef, useState } from 'react';
import { useLiveStore } from '../../live/hooks/useLive';
import { useReferenceData, type ReferenceDataState } from '../../map/hooks/useReferenceData';
import { applyResourceEvents, needsReload } from '../state/applyResourceEvents';

/**
 * The map's reference data kept live: loaded once, then patched by resources events. Events
 * that arrive while a load is in flight are kept and replayed onto it (they carry absolute
 * figures, so replaying older ones in order still ends at the newest).
 */
export function useLiveReferenceData(token: string): {
  state: ReferenceDataState;
  reload: () => void;
} {
  const { state: base, reload } = useReferenceData(token);
  const live = useLiveStore();
  const pending = useRef<EventEnvelope[]>([]);
  const [state, setState] = useState<ReferenceDataState>(base);
  const ready = useRef(false);

  useEffect(() => {
    ready.current = base.status === 'ready';
    if (base.status === 'ready') {
      const replay = pending.current;
      pending.current = [];
      setState({ ...base, data: applyResourceEvents(base.data, replay) });
    } else {
      setState(base);
    }
  }, [base]);

  useEffect(
    () =>
      live.onEvents((events) => {
        if (needsReload(events)) {
          pending.current = [];
          reload();
          return;
        }
        if (!ready.current) {
          pending.current.push(...events);
          return;
        }
        setState((s) =>
          s.status === 'ready' ? { ...s, data: applyResourceEvents(s.data, events) } : s,
        );
      }),
    [live, reload],
  );

  return { state, reload };
}
