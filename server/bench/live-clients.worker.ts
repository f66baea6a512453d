/**
 * Bench worker: holds many socket.io clients in its own process (its own core), records when
 * each event reaches each client, and turns that into latencies on request.
 */
import { io, type Socket } from 'socket.io-client';
import { SOCKET_PATH } from '@sanfang/shared';
import { nowMs } from './lib/stats';

type Msg =
  | { cmd: 'connect'; url: string; token: string | null; count: number }
  | { cmd: 'latencies'; sent: Record<number, number> }
  | { cmd: 'received' }
  | { cmd: 'disconnect' };

let sockets: Socket[] = [];
// seq -> receive times (one per client)
const recv = new Map<number, number[]>();

function reply(m: unknown): void {
  process.send?.(m);
}

async function connect(url: string, token: string | null, count: number): Promise<void> {
  const ready: Promise<void>[] = [];
  const retried: string[] = [];
  for (let i = 0; i < count; i++) {
    const s = io(url, {
      path: SOCKET_PATH,
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      auth: token ? { token } : {},
    });
    s.on('event', (e: { seq: number }) => {
      const t = nowMs();
      let arr = recv.get(e.seq);
      if (!arr) recv.set(e.seq, (arr = []));
      arr.push(t);
    });
    ready.push(
      new Promise((resolve, reject) => {
        // Console clients are ready when the replay is done; bare ones on connect.
        s.once(token ? 'resumed' : 'connect', () => resolve());
        // A handshake lost in a connect storm is retried, as the console's own client does.
        let attempts = 0;
        s.on('connect_error', (e) => {
          retried.push(e.message);
          if (++attempts >= 5) return reject(e);
          setTimeout(() => s.connect(), 200 * attempts);
        });
      }),
    );
    sockets.push(s);
    // Pace the handshakes: 250 at a time, each group in before the next (a storm of them
    // overflows the server's accept queue; the storm is bench:reconnect's business).
    if (i % 250 === 249) await Promise.all(ready);
  }
  await Promise.all(ready);
  if (retried.length > 0)
    console.warn(`live worker: ${retried.length} handshakes retried (first: ${retried[0]})`);
}

process.on('message', (m: Msg) => {
  void (async () => {
    switch (m.cmd) {
      case 'connect':
        await connect(m.url, m.token, m.count);
        reply({ ok: 'connected' });
        break;
      case 'received': {
        let total = 0;
        for (const arr of recv.values()) total += arr.length;
        reply({ ok: 'received', total });
        break;
      }
      case 'latencies': {
        const out: number[] = [];
        for (const [seq, times] of recv) {
          const t0 = m.sent[seq];
          if (t0 === undefined) continue;
          for (const t of times) out.push(t - t0);
        }
        reply({ ok: 'latencies', latencies: Float64Array.from(out) });
        break;
      }
      case 'disconnect':
        for (const s of sockets) s.disconnect();
        sockets = [];
        recv.clear();
        reply({ ok: 'disconnected' });
        break;
    }
  })().catch((e: unknown) => reply({ error: String(e) }));
});
