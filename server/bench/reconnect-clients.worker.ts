/**
 * Bench worker for bench:reconnect: holds live clients that remember their lastSeq, drops them
 * all, then reconnects each at its own moment inside the storm window and reports when each
 * has caught up (resumed, and holding every event up to the target head).
 */
import { io, type Socket } from 'socket.io-client';
import { SOCKET_PATH } from '@sanfang/shared';
import { nowMs } from './lib/stats';

type Msg =
  | { cmd: 'connect'; url: string; token: string | null; count: number }
  | { cmd: 'drop' }
  | { cmd: 'storm'; startAt: number; spreadMs: number; target: number; timeoutMs: number }
  | { cmd: 'close' };

interface Client {
  socket: Socket;
  lastSeq: number;
  resumed: boolean;
  attemptAt: number;
  caughtUpAt: number | null;
}

let clients: Client[] = [];
let target = Number.POSITIVE_INFINITY;
let onProgress: (() => void) | null = null;

const reply = (m: unknown): void => void process.send?.(m);

function check(c: Client): void {
  if (c.caughtUpAt === null && c.resumed && c.lastSeq >= target) {
    c.caughtUpAt = nowMs();
    onProgress?.();
  }
}

async function connect(url: string, token: string | null, count: number): Promise<void> {
  const ready: Promise<void>[] = [];
  for (let i = 0; i < count; i++) {
    const c: Client = {
      socket: null as unknown as Socket,
      lastSeq: 0,
      resumed: false,
      attemptAt: 0,
      caughtUpAt: null,
    };
    // The auth callback runs on every (re)connect, so the resume point is always current.
    c.socket = io(url, {
      path: SOCKET_PATH,
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      auth: (cb) => cb(token ? { token, lastSeq: c.lastSeq || undefined } : { lastSeq: c.lastSeq }),
    });
    c.socket.on('event', (e: { seq: number }) => {
      c.lastSeq = Math.max(c.lastSeq, e.seq);
      check(c);
    });
    c.socket.on('resumed', (r: { lastSeq: number }) => {
      c.lastSeq = Math.max(c.lastSeq, r.lastSeq);
      c.resumed = true;
      check(c);
    });
    c.socket.on('disconnect', () => (c.resumed = false));
    ready.push(
      new Promise((resolve, reject) => {
        c.socket.once('resumed', () => resolve());
        c.socket.once('connect_error', reject);
      }),
    );
    clients.push(c);
    // Pace the first connections: the storm is measured later, not here.
    if (i % 200 === 199) await new Promise((r) => setTimeout(r, 20));
  }
  await Promise.all(ready);
}

async function storm(m: Extract<Msg, { cmd: 'storm' }>): Promise<unknown> {
  target = m.target;
  for (const c of clients) {
    c.caughtUpAt = null;
    c.attemptAt = m.startAt + Math.random() * m.spreadMs;
    setTimeout(
      () => {
        c.attemptAt = nowMs();
        c.socket.connect();
      },
      Math.max(0, c.attemptAt - nowMs()),
    );
  }
  await new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, m.spreadMs + m.timeoutMs);
    onProgress = () => {
      if (clients.every((c) => c.caughtUpAt !== null)) {
        clearTimeout(timer);
        resolve();
      }
    };
  });
  onProgress = null;
  const done = clients.filter((c) => c.caughtUpAt !== null);
  return {
    ok: 'storm',
    caughtUp: done.length,
    lastCaughtUpAt: Math.max(...done.map((c) => c.caughtUpAt ?? 0)),
    perClientMs: Float64Array.from(done.map((c) => (c.caughtUpAt ?? 0) - c.attemptAt)),
  };
}

process.on('message', (m: Msg) => {
  void (async () => {
    switch (m.cmd) {
      case 'connect':
        await connect(m.url, m.token, m.count);
        reply({ ok: 'connected' });
        break;
      case 'drop':
        for (const c of clients) c.socket.disconnect();
        reply({ ok: 'dropped' });
        break;
      case 'storm':
        reply(await storm(m));
        break;
      case 'close':
        for (const c of clients) c.socket.disconnect();
        clients = [];
        reply({ ok: 'closed' });
        break;
    }
  })().catch((e: unknown) => reply({ error: String(e) }));
});
