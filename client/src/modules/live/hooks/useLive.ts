import { createContext, useContext, useSyncExternalStore } from 'react';
import type { LiveState, LiveStore } from '../state/liveStore';

export const LiveContext = createContext<LiveStore | null>(null);

export function useLiveStore(): LiveStore {
  const store = useContext(LiveContext);
  if (!store) throw new Error('useLiveStore must be used inside <LiveProvider>');
  return store;
}

export function useLiveState(): LiveState {
  const store = useLiveStore();
  return useSyncExternalStore(store.subscribe, store.getSnapshot);
}
