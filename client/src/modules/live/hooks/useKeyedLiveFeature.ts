import { useEffect, useMemo, useSyncExternalStore } from 'react';
import {
  KeyedLiveFeatureStore,
  type KeyedLiveFeature,
  type KeyedLiveState,
} from '../state/keyedLiveFeature';
import { useLiveStore } from './useLive';

/**
 * A keyed feature's live state (one snapshot per key) while mounted. `feature` is rebuilt when
 * `identity` changes (the session's token); `keys` may change freely: new keys are read, gone
 * ones dropped.
 */
export function useKeyedLiveFeature<S>(
  feature: () => KeyedLiveFeature<S>,
  identity: string,
  keys: readonly string[],
): KeyedLiveState<S> {
  const live = useLiveStore();
  // eslint-disable-next-line react-hooks/exhaustive-deps -- `feature` is a fresh closure each render; `identity` is its identity
  const store = useMemo(() => new KeyedLiveFeatureStore(feature()), [identity]);
  const keysKey = [...keys].sort().join(',');
  // Keys first, then start: the first start reads every key at once.
  useEffect(() => store.setKeys(keysKey ? keysKey.split(',') : []), [store, keysKey]);
  useEffect(() => store.start((l) => live.onEvents(l)), [store, live]);
  return useSyncExternalStore(store.subscribe, store.getSnapshot);
}
