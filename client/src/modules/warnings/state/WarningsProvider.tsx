import { useMemo, type ReactNode } from 'react';
import { useSession } from '../../auth/state/useSession';
import { featureContext } from '../../live/hooks/featureContext';
import { useLiveWarnings, type LiveWarnings } from '../hooks/useLiveWarnings';

const warnings = featureContext<LiveWarnings>('WarningsProvider');
export const WarningsContext = warnings.Context;

/** The active warnings, live: the banner, the map and any page read them with `useWarnings()`. */
export const useWarnings = warnings.use;

export function WarningsProvider({ children }: { children: ReactNode }) {
  const live = useLiveWarnings(useSession().accessToken);
  const { warnings: state, loaded } = live;
  const value = useMemo(() => ({ warnings: state, loaded }), [state, loaded]);
  return <WarningsContext.Provider value={value}>{children}</WarningsContext.Provider>;
}
