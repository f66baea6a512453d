import { useEffect, useState, type ReactNode } from 'react';
import { startLive } from '../api/liveConnection';
import { LiveContext } from '../hooks/useLive';
import { LiveStore } from '../state/liveStore';

interface LiveProviderProps {
  token: string;
  userId: string;
  children: ReactNode;
}

/** Owns the app's single live connection for the signed-in session. */
export function LiveProvider({ token, userId, children }: LiveProviderProps) {
  const [store] = useState(() => new LiveStore());
  useEffect(() => {
    const conn = startLive(token, userId, store);
    window.__sanfangLive = store;
    return () => {
      conn.stop();
      if (window.__sanfangLive === store) delete window.__sanfangLive;
    };
  }, [token, userId, store]);
  return <LiveContext.Provider value={store}>{children}</LiveContext.Provider>;
}
