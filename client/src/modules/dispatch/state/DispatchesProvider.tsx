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
}

const dispatches = featureContext<LiveDispatches>('DispatchesProvider');
export const DispatchesContext = dispatches.Context;

/** The call-outs of the active responses, live (`useDispatches()`). */
export const useDispatches = dispatches.use;

/** `responses`: the active ones (the shell reads them from the responses feature). */
export function DispatchesProvider({
  responses,
  children,
}: {
  responses: readonly ResponseDto[];
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
    }),
    [responses, live],
  );
  return <DispatchesContext.Provider value={value}>{children}</DispatchesContext.Provider>;
}
