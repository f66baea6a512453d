import { useMemo, type ReactNode } from 'react';
import { useSession } from '../../auth/state/useSession';
import { featureContext } from '../../live/hooks/featureContext';
import { useLiveResponses, type LiveResponses } from '../hooks/useLiveResponses';

const responses = featureContext<LiveResponses>('ResponsesProvider');
export const ResponsesContext = responses.Context;

/** Active responses and pending suggestions, live (`useResponses()`). */
export const useResponses = responses.use;

export function ResponsesProvider({ children }: { children: ReactNode }) {
  const live = useLiveResponses(useSession().accessToken);
  const { state, loaded, error } = live;
  const value = useMemo(() => ({ state, loaded, error }), [state, loaded, error]);
  return <ResponsesContext.Provider value={value}>{children}</ResponsesContext.Provider>;
}
