/**
 * npm run bench:live — commit→client latency of the console's live path against a bare
 * socket.io broadcast of the same payload to the same number of clients, measured in one run;
 * plus server memory per connected client. Prints a table and writes bench/results/live.json.
 *
 * Env: LIVE_SIZES=1000,5000  LIVE_RUNS=5  LIVE_EVENTS=50  LIVE_WORKERS=1  (DATABASE_URL, REDIS_URL)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type Server as HttpServer } from 'node:http';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { SOCKET_PATH, type EventEnvelope } from '@sanfang/shared';
import { Server } from 'socket.io';
import { EventLog } from '../src/events/event-log.service';
import { EventsPublisher } from '../src/events/events.publisher';
import { LIVE } from '../src/events/live.config';
import { login, startConsole } from './lib/console-app';
import { fmt, machine, nowMs, percentile, sortedCopy, summarize, type Summary } from './lib/stats';
import { startWorker, type Worker } from './lib/workers';

const SIZES = (process.env.LIVE_SIZES ?? '1000,5000').split(',').map(Number);
const RUNS = Number(process.env.LIVE_RUNS ?? 5);
const EVENTS = Number(process.env.LIVE_EVENTS ?? 50);
const WORKERS = Number(process.env.LIVE_WORKERS ?? 1);
const INTERVAL_MS = 100;

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const gc = (): void => (globalThis as { gc?: () => void }).gc?.();
// RSS never shrinks back after a run; the heap (plus buffers) does, so it measures each run.
const retained = (): number => {
  const m = process.memoryUsage();
  return m.heapUsed + m.external;
};

interface RunResult {
  p50: number;
  p99: number;
  delivered: number;
  expected: number;
  loopP99: number;
}

async function collect(
  workers: Worker[],
  expected: number,
  sent: Map<number, number>,
): Promise<RunResult & { all: Float64Array }> {
  const deadline = Date.now() + 60_000;
  let delivered = 0;
  while (Date.now() < deadline) {
    const counts = await Promise.all(
      workers.map((w) => w.call<{ total: number }>({ cmd: 'received' })),
    );
    delivered = counts.reduce((s, c) => s + c.total, 0);
    if (delivered >= expected) break;
    await sleep(200);
  }
  const sentObj = Object.fromEntries(sent);
  const parts = await Promise.all(
    workers.map((w) => w.call<{ latencies: Float64Array }>({ cmd: 'latencies', sent: sentObj })),
  );
  const all = sortedCopy(parts.flatMap((p) => Array.from(p.latencies)));
  return {
    p50: percentile(all, 50),
    p99: percentile(all, 99),
    delivered,
    expected,
    loopP99: 0,
    all,
  };
}

/** Until the server holds no connection (at most 10 s). */
async function closed(server: HttpServer): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const n = await new Promise<number>((res) =>
      server.getConnections((err, count) => res(err ? 0 : count)),
    );
    if (n === 0) return;
    await sleep(100);
  }
}

async function connectAll(
  workers: Worker[],
  url: string,
  token: string | null,
  n: number,
): Promise<void> {
  const per = Math.ceil(n / workers.length);
  await Promise.all(
    workers.map((w, i) =>
      w.call({ cmd: 'connect', url, token, count: Math.min(per, n - i * per) }),
    ),
  );
}

async function main(): Promise<void> {
  const app = await startConsole();
  const token = await login(app.url);
  const log = app.app.get(EventLog);
  const publisher = app.app.get(EventsPublisher);
  // Commit time = the moment the publisher is handed the committed events.
  const committedAt = new Map<number, number>();
  const publish = publisher.publish.bind(publisher);
  publisher.publish = (events) => {
    const t = nowMs();
    for (const e of events) committedAt.set(e.seq, t);
    publish(events);
  };

  // The anchor: a bare socket.io server with the same transport options, same process.
  const http = createServer();
  const bare = new Server(http, {
    path: SOCKET_PATH,
    serveClient: false,
    maxHttpBufferSize: LIVE.maxHttpBufferSize,
    pingInterval: LIVE.pingIntervalMs,
    pingTimeout: LIVE.pingTimeoutMs,
  });
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', () => r()));
  const bareUrl = `http://127.0.0.1:${(http.address() as { port: number }).port}`;

  const workers = Array.from({ length: WORKERS }, () => startWorker('live-clients.worker.js'));
  const results: Record<
    string,
    {
      console: Summary;
      consoleP50: Summary;
      bare: Summary;
      bareP50: Summary;
      memKiB: Summary;
      loopP99: Summary;
      delivered: string;
    }
  > = {};
  const loop = monitorEventLoopDelay({ resolution: 10 });

  try {
    for (const n of SIZES) {
      const c99: number[] = [];
      const c50: number[] = [];
      const b99: number[] = [];
      const b50: number[] = [];
      const mem: number[] = [];
      const loops: number[] = [];
      let delivered = '';
      for (let run = 0; run < RUNS; run++) {
        // Console. The baseline is taken once the last run's sockets are gone from the
        // server, or it would hold them and understate this run's memory per client.
        await Promise.all([closed(app.app.getHttpServer()), closed(http)]);
        gc();
        await sleep(200);
        const before = retained();
        await connectAll(workers, app.url, token, n);
        await sleep(500);
        gc();
        await sleep(200);
        mem.push((retained() - before) / 1024 / n);
        const sentC = new Map<number, number>();
        loop.reset();
        loop.enable();
        for (let i = 0; i < EVENTS; i++) {
          const { events } = await log.writeWithEvents('bench', (tx) =>
            tx.emit('notice.posted', {
              id: `b${i}`,
              text: '暴雨橙色预警：请各街道加强巡查',
              level: 'warning',
              author: 'bench',
            }),
          );
          for (const e of events) sentC.set(e.seq, committedAt.get(e.seq) ?? nowMs());
          await sleep(INTERVAL_MS);
        }
        loop.disable();
        loops.push(loop.percentile(99) / 1e6);
        const rc = await collect(workers, n * EVENTS, sentC);
        c99.push(rc.p99);
        c50.push(rc.p50);
        delivered = `${rc.delivered}/${rc.expected}`;
        await Promise.all(workers.map((w) => w.call({ cmd: 'disconnect' })));
        await sleep(500);

        // Bare broadcast of the same envelope shape
        await connectAll(workers, bareUrl, null, n);
        await sleep(500);
        const sentB = new Map<number, number>();
        for (let i = 0; i < EVENTS; i++) {
          const seq = 1_000_000 + run * 10_000 + i;
          const env: EventEnvelope = {
            seq,
            type: 'notice.posted',
            occurredAt: new Date().toISOString(),
            payload: {
              id: `b${i}`,
              text: '暴雨橙色预警：请各街道加强巡查',
              level: 'warning',
              author: 'bench',
            },
          };
          sentB.set(seq, nowMs());
          bare.emit('event', env);
          await sleep(INTERVAL_MS);
        }
        const rb = await collect(workers, n * EVENTS, sentB);
        b99.push(rb.p99);
        b50.push(rb.p50);
        await Promise.all(workers.map((w) => w.call({ cmd: 'disconnect' })));
        await sleep(500);
        console.log(
          `n=${n} run ${run + 1}/${RUNS}: console p50 ${fmt(rc.p50)} p99 ${fmt(rc.p99)} ms (${rc.delivered}/${rc.expected}) | bare p50 ${fmt(rb.p50)} p99 ${fmt(rb.p99)} ms | ${fmt(mem.at(-1) ?? NaN, 1)} KiB/client`,
        );
      }
      results[String(n)] = {
        console: summarize(c99),
        consoleP50: summarize(c50),
        bare: summarize(b99),
        bareP50: summarize(b50),
        memKiB: summarize(mem),
        loopP99: summarize(loops),
        delivered,
      };
    }
  } finally {
    for (const w of workers) w.child.kill();
    await bare.close();
    await app.close();
  }

  console.log(
    '\nbench:live — commit→client latency, console vs bare socket.io broadcast (median of runs)',
  );
  console.log(
    'clients | console p50 / p99 ms | bare p50 / p99 ms | p99 ratio (target ≤ 1.5) | KiB/client (≤ 40) | loop p99 ms',
  );
  for (const [n, r] of Object.entries(results)) {
    console.log(
      `${n.padStart(7)} | ${fmt(r.consoleP50.median)} / ${fmt(r.console.median)} | ${fmt(r.bareP50.median)} / ${fmt(r.bare.median)} | ${fmt(r.console.median / r.bare.median)} | ${fmt(r.memKiB.median, 1)} | ${fmt(r.loopP99.median)}`,
    );
  }
  const out = {
    bench: 'live',
    machine: { ...machine(), postgres: app.pgVersion, engine: app.engine },
    runs: RUNS,
    events: EVENTS,
    results,
  };
  const dir = join(__dirname, '../../../bench/results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'live.json'), JSON.stringify(out, null, 2));
}

void main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
