/**
 * Bench worker: holds contact socket clients (one token each) in its own process and records
 * when each first receives a dispatch.created after `arm`.
 */
import { io, type Socket } from 'socket.io-client';
import { SOCKET_PATH } from '@sanfang/shared';
import { nowMs } from './lib/stats';

type Msg =
  | { cmd: 'connect'; url: string; tokens: string[] }
  | { cmd: 'arm' }
  | { cmd: 'received' }
  | { cmd: 'disconnect' };

let sockets: Socket[] = [];
let got: (number | null)[] = [];

const reply = (m: unknown): void => void process.send?.(m);

async function connect(url: string, tokens: string[]): Promise<void> {
  const ready: Promise<void>[] = [];
  for (const token of tokens) {
    const i = got.length;
    const s = io(url, {
      path: SOCKET_PATH,
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      auth: { token },
    });
    got.push(null);
    s.on('event', (e: { type: string }) => {
      if (e.type === 'dispatch.created' && got[i] === null) got[i] = nowMs();
    });
    ready.push(
      new Promise((resolve, reject) => {
        s.once('resumed', () => resolve());
        s.once('connect_error', reject);
      }),
    );
    sockets.push(s);
  }
  await Promise.all(ready);
}

process.on('message', (m: Msg) => {
  void (async () => {
    switch (m.cmd) {
      case 'connect':
        for (let i = 0; i < m.tokens.length; i += 200)
          await connect(m.url, m.tokens.slice(i, i + 200));
        reply({ ok: 'connected' });
        break;
      case 'arm':
        got = got.map(() => null);
        reply({ ok: 'armed' });
        break;
      case 'received': {
        const times = got.filter((t): t is number => t !== null);
        reply({ ok: 'received', count: times.length, last: times.length ? Math.max(...times) : 0 });
        break;
      }
      case 'disconnect':
        for (const s of sockets) s.disconnect();
        sockets = [];
        got = [];
        reply({ ok: 'disconnected' });
        break;
    }
  })().catch((e: unknown) => reply({ error: String(e) }));
});
