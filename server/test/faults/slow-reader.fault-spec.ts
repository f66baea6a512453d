import type { Socket } from 'socket.io-client';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { liveClient } from '../helpers/live-client';
import { ensureBuilt, startServer } from '../helpers/processes';
import { clients, expectContiguous, FULL, head, login, postNotice, record } from './lib';

const HEALTHY = FULL ? 50 : 10;
/**
 * Writers go on until the server has cut the silent client, up to this many events: how
 * many it takes depends on how much the kernel buffers first (loopback receive buffers
 * autotune up to tcp_rmem's maximum, 32 MiB here), not on the console.
 */
const MAX_EVENTS = FULL ? 8000 : 6000;
const WRITERS = 8;
const BOUND = 500;
// Large payloads fill the kernel's socket buffers fast, so the app-level queue is what grows.
const TEXT = '暴雨红色预警，请立即转移下穿隧道附近人员。'.repeat(90);

/** Stops reading from the TCP socket under a socket.io client (the peer sees a full window). */
function stopReading(s: Socket): void {
  const engine = (
    s.io as unknown as { engine: { transport: { ws?: { _socket?: { pause(): void } } } } }
  ).engine;
  const tcp = engine.transport.ws?._socket;
  if (!tcp)
    throw new Error(
      `no TCP socket under the client: ${String(engine.transport.ws && Object.keys(engine.transport.ws))}`,
    );
  tcp.pause();
}

async function waitFor(ok: () => Promise<boolean>, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (!(await ok())) {
    if (Date.now() > until) throw new Error(`condition not met within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const METRICS_TOKEN = 'slow-reader-drill-metrics-token';

async function metric(url: string, name: string): Promise<number> {
  const text = await (
    await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })
  ).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  return line ? Number(line.split(' ')[1]) : 0;
}

describe('fault: a client that stops reading', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    ensureBuilt();
    db = await createTestDatabase();
  });
  afterAll(() => db.drop());

  it('is cut off at its bound while everyone else gets every event', async () => {
    const server = await startServer({
      DATABASE_URL: db.url,
      LIVE_MAX_BUFFERED_PACKETS: String(BOUND),
      METRICS_TOKEN,
    });
    const token = await login(server.url);
    const start = await head(server.url, token);
    const healthy = clients(server.url, token, HEALTHY, start);
    const slow = liveClient(server.url, token, { lastSeq: start, reconnect: false });
    try {
      await Promise.all([...healthy, slow].map((c) => c.ready()));
      let healthyDrops = 0;
      for (const c of healthy) c.socket.on('disconnect', () => healthyDrops++);
      const slowCut = new Promise<void>((resolve) =>
        slow.socket.once('disconnect', () => resolve()),
      );
      stopReading(slow.socket);
      const t0 = Date.now();
      let next = 0;
      let cutSeen = false;
      await Promise.all(
        Array.from({ length: WRITERS }, async (_, w) => {
          // Until the server cut it at the bound, or its heartbeat gave up on it first (a
          // slow pace lets the kernel buffers absorb more than ping interval + timeout).
          while (next < MAX_EVENTS && !cutSeen && slow.socket.connected) {
            next++;
            expect(await postNotice(server.url, token, TEXT)).toBe(201);
            // One writer looks every 100 events whether the server has cut the silent client.
            if (w === 0 && next % 100 < WRITERS)
              cutSeen = (await metric(server.url, 'sanfang_live_slow_clients_cut_total')) >= 1;
          }
        }),
      );
      const end = await head(server.url, token);
      await Promise.all(healthy.map((c) => c.until(end, 120_000)));
      const deliveredMs = Date.now() - t0;
      expectContiguous(healthy, start, end);
      const cut = await metric(server.url, 'sanfang_live_slow_clients_cut_total');
      // The short drill writes fast enough that the bound, not the heartbeat, ends it.
      if (!FULL) expect(cut).toBeGreaterThanOrEqual(1);
      // The server closed the silent client's connection: its queue can no longer grow.
      await slowCut;
      expect(slow.socket.connected).toBe(false);
      // Only the healthy clients are still connected to the server.
      await waitFor(
        async () => (await metric(server.url, 'sanfang_live_connections')) === HEALTHY,
        30_000,
      );
      const rssMiB = (await metric(server.url, 'process_resident_memory_bytes')) / 2 ** 20;
      record({
        fault: 'slow-reader',
        showed: [
          `One client stopped reading from its TCP socket while ${end - start} events of ~${Buffer.byteLength(TEXT)} bytes were written by ${WRITERS} writers.`,
          cut >= 1
            ? `The server cut it off once its queue passed the bound (LIVE_MAX_BUFFERED_PACKETS=${BOUND}): ${cut} cut-off(s); it would resume from the log on reconnect.`
            : `Its heartbeat timed out (ping interval + timeout, 20 s) before its queue reached the bound (LIVE_MAX_BUFFERED_PACKETS=${BOUND}), the kernel having absorbed the first megabytes; the server closed it either way, and it would resume from the log on reconnect.`,
          `All ${HEALTHY} healthy clients received the full contiguous sequence (${healthyDrops} of their connections were also cut while busy, and resumed); server RSS stayed at ${rssMiB.toFixed(0)} MiB.`,
        ],
        figures: {
          healthyClients: HEALTHY,
          events: end - start,
          msUntilAllHealthyHadAll: deliveredMs,
          cutOffs: cut,
          healthyDrops,
          serverRssMiB: Math.round(rssMiB),
        },
      });
    } finally {
      slow.close();
      for (const c of healthy) c.close();
      await server.kill();
    }
  });
});
