import { activeResponses, type DispatchDto } from '@sanfang/shared';
import { useLayoutEffect, useMemo, useState, type ReactNode } from 'react';
import { ReplayClockContext } from '../../../hooks/useNow';
import { DispatchesContext, type LiveDispatches } from '../../dispatch/state/DispatchesProvider';
import { IncidentsContext } from '../../incidents/state/IncidentsProvider';
import { LiveContext } from '../../live/hooks/useLive';
import { LiveStore } from '../../live/state/liveStore';
import {
  ReferenceDataContext,
  useReferenceData,
  type ReferenceDataValue,
} from '../../map/state/referenceDataContext';
import type { ReferenceDataState } from '../../map/state/referenceDataState';
import { ResponsesContext } from '../../responses/state/ResponsesProvider';
import { WarningsContext } from '../../warnings/state/WarningsProvider';
import type { ReplayView } from '../state/replayTimeline';

const NONE_LOADING: ReadonlySet<string> = new Set();

/**
 * The console's feature contexts filled from a replayed moment instead of the live providers:
 * the same panels (banner, map, responses, dispatch board, event feed) read `useWarnings()`,
 * `useResponses()`, `useIncidents()`, `useDispatches()`, `useReferenceData()` and the timeline's
 * live store as they do live, and `useNow()` reads the replay's clock. The live providers keep
 * running outside it; nothing live reaches in here (the inner live store is fed by the replay only).
 */
export function ReplayConsoleState({
  view,
  children,
}: {
  /** The moment shown; null until its state has loaded. */
  view: ReplayView | null;
  children: ReactNode;
}) {
  // Geography (district and subdistrict outlines) is not in the log and does not change: the
  // live console's copy; the layers the log changes (points, shelters, teams) come from the replay.
  const live = useReferenceData();
  const [store] = useState(() => new LiveStore());
  const state = view?.state ?? null;
  const loaded = state !== null;

  useLayoutEffect(() => {
    store.showReplayed(view?.recent ?? []);
  }, [store, view?.recent]);

  const reference = useMemo<ReferenceDataValue>(() => {
    const geography = live.state;
    let replayed: ReferenceDataState;
    if (geography.status !== 'ready' || !state) {
      replayed = geography.status === 'error' ? geography : { status: 'loading' };
    } else {
      replayed = {
        status: 'ready',
        data: { ...geography.data, ...state.reference },
        loadedAt: geography.loadedAt,
      };
    }
    return { state: replayed, reload: live.reload };
  }, [live, state]);

  const warnings = useMemo(
    () => ({ warnings: state?.warnings ?? { byId: new Map() }, loaded }),
    [state?.warnings, loaded],
  );
  const responses = useMemo(
    () => ({
      state: state?.responses ?? { responses: new Map(), suggestions: new Map() },
      loaded,
      error: false,
    }),
    [state?.responses, loaded],
  );
  const incidents = useMemo(
    () => state?.incidents ?? { incidents: new Map(), ponding: new Set<string>() },
    [state?.incidents],
  );
  const active = useMemo(
    () => (state ? activeResponses(state.responses) : []),
    [state?.responses], // eslint-disable-line react-hooks/exhaustive-deps -- the responses only
  );
  const dispatches = useMemo<LiveDispatches>(() => {
    const byResponse = new Map<string, Map<string, DispatchDto>>(
      active.map((r) => [r.id, new Map()]),
    );
    const all: DispatchDto[] = [];
    for (const d of state?.dispatches.values() ?? []) {
      const of = byResponse.get(d.responseId);
      if (!of) continue;
      of.set(d.id, d);
      all.push(d);
    }
    return { responses: active, byResponse, all, loading: NONE_LOADING, settled: loaded };
  }, [active, state?.dispatches, loaded]);

  return (
    <ReplayClockContext.Provider value={view?.at ?? 0}>
      <LiveContext.Provider value={store}>
        <ReferenceDataContext.Provider value={reference}>
          <WarningsContext.Provider value={warnings}>
            <ResponsesContext.Provider value={responses}>
              <IncidentsContext.Provider value={incidents}>
                <DispatchesContext.Provider value={dispatches}>
                  {children}
                </DispatchesContext.Provider>
              </IncidentsContext.Provider>
            </ResponsesContext.Provider>
          </WarningsContext.Provider>
        </ReferenceDataContext.Provider>
      </LiveContext.Provider>
    </ReplayClockContext.Provider>
  );
}
