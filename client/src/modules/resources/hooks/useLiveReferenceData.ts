import { useMemo } from 'react';
import { useLiveFeature } from '../../live/hooks/useLiveFeature';
import type { LiveFeature } from '../../live/state/liveFeature';
import { fetchReferenceData, type ReferenceData } from '../../map/api/referenceApi';
import { emptyReferenceData, type ReferenceDataState } from '../../map/state/referenceDataState';
import { applyResourceEvent, reloadsReferenceData } from '../state/applyResourceEvents';

/**
 * The map's reference data kept live: loaded once, then patched by resources events (they
 * carry absolute figures, so replaying older ones in order still ends at the newest); an
 * import reloads it.
 */
export const referenceDataFeature = (token: string): LiveFeature<ReferenceData> => ({
  empty: emptyReferenceData,
  apply: applyResourceEvent,
  load: (signal) => fetchReferenceData(token, signal),
  reloadOn: reloadsReferenceData,
});

export function useLiveReferenceData(token: string): {
  state: ReferenceDataState;
  reload: () => void;
} {
  const live = useLiveFeature(() => referenceDataFeature(token), token);
  const state = useMemo((): ReferenceDataState => {
    if (live.status === 'ready' && live.loadedAt)
      return { status: 'ready', data: live.state, loadedAt: live.loadedAt };
    if (live.status === 'error') return { status: 'error', error: live.error };
    return { status: 'loading' };
  }, [live.status, live.state, live.loadedAt, live.error]);
  return { state, reload: live.reload };
}
