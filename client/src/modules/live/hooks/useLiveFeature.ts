import { useCallback, useEffect, useMemo, useSyncExternalStore } from 'react';
import { LiveFeatureStore, type LiveFeature, type LiveFeatureState } from '../state/liveFeature';
import { useLiveStore } from './useLive';

/**
 * A feature's live state (snapshot, then events) for as long as the component is mounted.
 * `feature` is rebuilt when `key` changes (e.g. the session's token), which restarts the load.
 */
export function useLiveFeature<S>(
  feature: () => LiveFeature<S>,
  key: string,
): LiveFeatureState<S> & { reload: () => void } {
  const live = useLiveStore();
  // `key` names what `feature` closes over: a new key, a new store.
  // eslint-disable-next-line react-hooks/exhaustive-deps -- `feature` is a fresh closure each render; `key` is its identity
  const store = useMemo(() => new LiveFeatureStore(feature()), [key]);
  useEffect(() => store.start((l) => live.onEvents(l)), [store, live]);
  const value = useSyncExternalStore(store.subscribe, store.getSnapshot);
  const reload = useCallback(() => store.reload(), [store]);
  return useMemo(() => ({ ...value, reload }), [value, reload]);
}
