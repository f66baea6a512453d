import { io, type Socket } from 'socket.io-client';
import {
  LiveSync,
  SOCKET_PATH,
  type EventEnvelope,
  type EventsPage,
  type ServerToClient,
} from '@sanfang/shared';

export interface TestLiveClient {
  socket: Socket<ServerToClient>;
  sync: LiveSync;
  applied: EventEnvelope[];
  /** How many times the log was read over HTTP to fill a gap. */
  fetches: () => number;
  /** Resolves once the server has finished its first replay (the client is live). */
  ready(): Promise<void>;
  /** Resolves when lastSeq reaches `seq`. */
  until(seq: number, timeoutMs?: number): Promise<void>;
  close(): void;
}

/** A node client wired exactly like the console: socket.io + LiveSync + HTTP gap fill. */
export function liveClient(
  baseUrl: string,
  token: string,
  opts: { lastSeq?: number; gapWaitMs?: number; reconnect?: boolean } = {},
): TestLiveClient {
  const applied: EventEnvelope[] = [];
  const waiters: { seq: number; resolve: () => void }[] = [];
  let fetches = 0;
  const sync = new LiveSync({
    lastSeq: opts.lastSeq,
    gapWaitMs: opts.gapWaitMs ?? 300,
    apply: (es) => applied.push(...es),
    onProgress: (last) => {
      for (const w of waiters.filter((x) => x.seq <= last)) w.resolve();
    },
    fetchPage: async (after) => {
      fetches++;
      // A hung request must not block every later catch-up: give up and let LiveSync retry.
      const res = await fetch(`${baseUrl}/api/events?after=${after}&limit=1000`, {
        headers: { authorization: `Bearer ${token}` },
        signal: AbortSignal.timeout(5_000),
      });
      if (!res.ok) throw new Error(`GET /api/events ${res.status}`);
      return (await res.json()) as EventsPage;
    },
  });
  const socket: Socket<ServerToClient> = io(baseUrl, {
    path: SOCKET_PATH,
    transports: ['websocket'],
    reconnection: opts.reconnect ?? true,
    reconnectionDelay: 100,
    reconnectionDelayMax: 500,
    auth: (cb) => cb({ token, lastSeq: sync.handshakeSeq() }),
  });
  socket.on('event', (e) => sync.onEvent(e));
  socket.on('accounted', (r) => sync.onAccounted(r));
  socket.on('disconnect', () => sync.onDisconnect());
  const ready = new Promise<void>((resolve) => socket.once('resumed', () => resolve()));
  socket.on('resumed', (r) => sync.onResumed(r));
  socket.on('head', (h) => sync.onHead(h));
  return {
    socket,
    sync,
    applied,
    fetches: () => fetches,
    ready: () => ready,
    until(seq, timeoutMs = 15_000) {
      if ((sync.lastSeq ?? -1) >= seq) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const t = setTimeout(
          () => reject(new Error(`timed out at lastSeq ${sync.lastSeq} waiting for ${seq}`)),
          timeoutMs,
        );
        waiters.push({
          seq,
          resolve: () => {
            clearTimeout(t);
            resolve();
          },
        });
      });
    },
    close() {
      sync.dispose();
      socket.disconnect();
    },
  };
}

export function connected(socket: Socket): Promise<void> {
  if (socket.connected) return Promise.resolve();
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
}
