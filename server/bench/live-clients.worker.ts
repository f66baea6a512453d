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
        s.once('connect_error', reject);
      }),
    );
    sockets.push(s);
    // Pace the handshakes a little so the server is not measured on a connect storm.
    if (i % 200 === 199) await new Promise((r) => setTimeout(r, 20));
  }
  await Promise.all(ready);
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
