import { io, type Socket } from 'socket.io-client';
import { eventsRoutes, LiveSync, SOCKET_PATH, type ServerToClient } from '@sanfang/shared';
import { callApi } from '../../api/call';
import { loadLastSeq, saveLastSeq } from '../state/lastSeqStorage';
import type { LiveStore } from '../state/liveStore';

const BACKFILL = 200;

export interface LiveConnection {
  stop(): void;
}

/**
 * The app's one socket. socket.io reconnects by itself; every (re)connect sends the current
 * lastSeq, the server replays the gap, and LiveSync applies everything once, in order.
 */
export function startLive(token: string, userId: string, store: LiveStore): LiveConnection {
  const sync = new LiveSync({
    lastSeq: loadLastSeq(userId),
    apply: (events) => store.apply(events),
    onProgress: (seq) => {
      saveLastSeq(userId, seq);
      store.setLastSeq(seq);
    },
    fetchPage: async (after) => {
      store.setStatus('catching_up');
      try {
        // A hung request must not block every later catch-up: give up and let LiveSync retry.
        return await callApi(eventsRoutes.page, {
          query: { after: String(after), limit: '1000' },
          token,
          signal: AbortSignal.timeout(10_000),
        });
      } finally {
        if (socket.connected) store.setStatus('live');
      }
    },
  });

  const socket: Socket<ServerToClient> = io({
    path: SOCKET_PATH,
    transports: ['websocket', 'polling'],
    reconnectionDelay: 500,
    reconnectionDelayMax: 5_000,
    auth: (cb) => cb({ token, lastSeq: sync.handshakeSeq() }),
  });

  socket.on('connect', () => store.setStatus('catching_up'));
  let backfilled = false;
  socket.on('resumed', (r) => {
    sync.onResumed(r);
    store.setStatus('live');
    if (!backfilled) {
      backfilled = true;
      void backfill(r.lastSeq);
    }
  });
  socket.on('event', (e) => sync.onEvent(e));
  socket.on('accounted', (r) => sync.onAccounted(r));
  socket.on('disconnect', () => sync.onDisconnect());
  socket.on('head', (h) => sync.onHead(h));
  socket.on('rejected', (r) => store.setStatus('offline', r.code));
  socket.on('disconnect', () => store.setStatus('offline'));
  socket.on('connect_error', (err) => {
    const code = (err as Error & { data?: { code?: string } }).data?.code ?? null;
    // A refused token will not get better by retrying; the sign-in flow takes over.
    if (code === 'AUTH_TOKEN_INVALID' || code === 'AUTH_FORBIDDEN') {
      store.setStatus('refused', code);
      socket.disconnect();
    } else {
      store.setStatus('offline', code);
    }
  });

  // After a page load the timeline shows the recent past too, not only what arrives next.
  async function backfill(upTo: number): Promise<void> {
    const page = await callApi(eventsRoutes.page, {
      query: { after: String(Math.max(0, upTo - BACKFILL)), limit: String(BACKFILL) },
      token,
    }).catch(() => null);
    if (page) store.backfill(page.events.filter((e) => e.seq <= upTo));
  }

  return {
    stop() {
      sync.dispose();
      socket.disconnect();
    },
  };
}
