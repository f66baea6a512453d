import type { DispatchDto, ResponseDto } from '@sanfang/shared';
import { useMemo, type ReactNode } from 'react';
import { useSession } from '../../auth/state/useSession';
import { featureContext } from '../../live/hooks/featureContext';
import { useLiveDispatches } from '../hooks/useLiveDispatches';
import type { DispatchMap } from './applyDispatchEvents';

export interface LiveDispatches {
  /** The active responses the call-outs belong to (the board's tabs), newest first as given. */
  responses: readonly ResponseDto[];
  /** Per response id, its call-outs by id. */
  byResponse: ReadonlyMap<string, DispatchMap>;
  /** Every call-out of every active response (the map's point states). */
  all: readonly DispatchDto[];
  /** Responses whose first snapshot has not landed. */
  loading: ReadonlySet<string>;
  /** The active responses are known and each one's call-outs have landed once. */
  settled: boolean;
}

const dispatches = featureContext<LiveDispatches>('DispatchesProvider');
export const DispatchesContext = dispatches.Context;

/** The call-outs of the active responses, live (`useDispatches()`). */
export const useDispatches = dispatches.use;

/** `responses`: the active ones (the shell reads them from the responses feature). */
export function DispatchesProvider({
  responses,
  responsesLoaded,
  children,
}: {
  responses: readonly ResponseDto[];
  /** The responses' own snapshot has landed (until then "no response" is not yet known). */
  responsesLoaded: boolean;
  children: ReactNode;
}) {
  const ids = useMemo(() => responses.map((r) => r.id), [responses]);
  const live = useLiveDispatches(useSession().accessToken, ids);
  const value = useMemo<LiveDispatches>(
    () => ({
      responses,
      byResponse: live.states,
      all: [...live.states.values()].flatMap((m) => [...m.values()]),
      loading: live.loading,
      settled: responsesLoaded && ids.every((id) => live.states.has(id) && !live.loading.has(id)),
    }),
    [responses, responsesLoaded, ids, live],
  );
  return <DispatchesContext.Provider value={value}>{children}</DispatchesContext.Provider>;
}
