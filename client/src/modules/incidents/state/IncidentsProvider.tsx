import type { ReactNode } from 'react';
import { useSession } from '../../auth/state/useSession';
import { featureContext } from '../../live/hooks/featureContext';
import { useLiveIncidents } from '../hooks/useLiveIncidents';
import type { IncidentsState } from './applyIncidentEvents';

const incidents = featureContext<IncidentsState>('IncidentsProvider');
export const IncidentsContext = incidents.Context;

/** Open incidents and raised sensor alarms, live (`useIncidents()`). */
export const useIncidents = incidents.use;

export function IncidentsProvider({ children }: { children: ReactNode }) {
  const state = useLiveIncidents(useSession().accessToken);
  return <IncidentsContext.Provider value={state}>{children}</IncidentsContext.Provider>;
}
