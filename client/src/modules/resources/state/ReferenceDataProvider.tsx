import { useMemo, type ReactNode } from 'react';
import { useSession } from '../../auth/state/useSession';
import { ReferenceDataContext } from '../../map/state/referenceDataContext';
import { useLiveReferenceData } from '../hooks/useLiveReferenceData';

/** Loads the map's reference data once for the console and keeps it live (`useReferenceData()`). */
export function ReferenceDataProvider({ children }: { children: ReactNode }) {
  const { state, reload } = useLiveReferenceData(useSession().accessToken);
  const value = useMemo(() => ({ state, reload }), [state, reload]);
  return <ReferenceDataContext.Provider value={value}>{children}</ReferenceDataContext.Provider>;
}
