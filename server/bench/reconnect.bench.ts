/**
 * npm run bench:reconnect — a reconnect storm: N live clients drop, events are written while
 * they are away, then all N reconnect at random moments inside a window (default 2,000 within
 * 10 s). Measured: time from the start of the storm until every client has caught up (resumed
 * with every missed event), and each client's own reconnect→caught-up time; against a bare
 * socket.io server that replays the same missed envelopes from memory to the same clients, in
 * the same run. Also the console's event-loop delay p99 during the storm. Writes
 * bench/results/reconnect.json.
 *
 * Env: RECONNECT_CLIENTS=2000  RECONNECT_SPREAD_S=10  RECONNECT_MISSED=20  RECONNECT_RUNS=3
 *      RECONNECT_WORKERS=2  (DATABASE_URL, REDIS_URL)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { SOCKET_PATH, type EventEnvelope } from '@sanfang/shared';
import { Server } from 'socket.io';
import { EventLog } from '../src/events/event-log.service';
import { LIVE } from '../src/events/live.config';
import { login, startConsole } from './lib/console-app';
import { fmt, machine, nowMs, percentile, sortedCopy, summarize } from './lib/stats';
import { startWorker, type Worker } from './lib/workers';

const CLIENTS = Number(process.env.RECONNECT_CLIENTS ?? 2000);
const SPREAD_MS = Number(process.env.RECONNECT_SPREAD_S ?? 10) * 1000;
const MISSED = Number(process.env.RECONNECT_MISSED ?? 20);
const RUNS = Number(process.env.RECONNECT_RUNS ?? 3);
const WORKERS = Number(process.env.RECONNECT_WORKERS ?? 2);
// Past the window, how long the stragglers get before the run counts as failed.
const TAIL_TIMEOUT_MS = 60_000;
// Target (our own; the issue names none): everyone caught up within 5 s of the last reconnect.
const TARGET_TAIL_MS = 5_000;

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

interface StormReply {
  caughtUp: number;
  lastCaughtUpAt: number;
  perClientMs: Float64Array;
}

interface Storm {
  allCaughtUpMs: number;
  tailMs: number;
  p50: number;
  p99: number;
  caughtUp: number;
}

async function connectAll(ws: Worker[], url: string, token: string | null): Promise<void> {
  const per = Math.ceil(CLIENTS / ws.length);
  await Promise.all(
    ws.map((w, i) =>
      w.call({ cmd: 'connect', url, token, count: Math.min(per, CLIENTS - i * per) }),
    ),
  );
}

/** Drops every client, lets `writeMissed` run while they are away, then storms back. */
async function storm(ws: Worker[], writeMissed: () => Promise<number>): Promise<Storm> {
  await Promise.all(ws.map((w) => w.call({ cmd: 'drop' })));
  await sleep(500);
  const target = await writeMissed();
  const startAt = nowMs() + 200;
  const replies = await Promise.all(
    ws.map((w) =>
      w.call<StormReply>({
        cmd: 'storm',
        startAt,
        spreadMs: SPREAD_MS,
        target,
        timeoutMs: TAIL_TIMEOUT_MS,
      }),
    ),
  );
  const caughtUp = replies.reduce((s, r) => s + r.caughtUp, 0);
  const last = Math.max(...replies.map((r) => r.lastCaughtUpAt));
  const per = sortedCopy(replies.flatMap((r) => Array.from(r.perClientMs)));
  return {
    allCaughtUpMs: caughtUp === CLIENTS ? last - startAt : Number.NaN,
    tailMs: caughtUp === CLIENTS ? last - startAt - SPREAD_MS : Number.NaN,
    p50: percentile(per, 50),
    p99: percentile(per, 99),
    caughtUp,
  };
}

async function main(): Promise<void> {
  const app = await startConsole();
  const token = await login(app.url);
  const log = app.app.get(EventLog);

  // The anchor: a bare socket.io server, same transport options, replaying from memory.
  const missed: EventEnvelope[] = [];
  const http = createServer();
  const bare = new Server(http, {
    path: SOCKET_PATH,
    serveClient: false,
    maxHttpBufferSize: LIVE.maxHttpBufferSize,
    pingInterval: LIVE.pingIntervalMs,
    pingTimeout: LIVE.pingTimeoutMs,
  });
  bare.on('connection', (s) => {
    const after = Number((s.handshake.auth as { lastSeq?: number }).lastSeq ?? 0);
    for (const e of missed) if (e.seq > after) s.emit('event', e);
    s.emit('resumed', { lastSeq: missed.at(-1)?.seq ?? after });
  });
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', () => r()));
  const bareUrl = `http://127.0.0.1:${(http.address() as { port: number }).port}`;

  const notice = (i: number) => ({
    id: `r${i}`,
    text: '台风红色预警：各街道立即转移危险区域人员',
    level: 'warning' as const,
    author: 'bench',
  });
  const consoleRuns: Storm[] = [];
  const bareRuns: Storm[] = [];
  const loops: number[] = [];
  const loop = monitorEventLoopDelay({ resolution: 10 });
  const cw = Array.from({ length: WORKERS }, () => startWorker('reconnect-clients.worker.js'));
  const bw = Array.from({ length: WORKERS }, () => startWorker('reconnect-clients.worker.js'));
  try {
    await connectAll(cw, app.url, token);
    await connectAll(bw, bareUrl, null);
    for (let run = 0; run < RUNS; run++) {
      loop.reset();
      loop.enable();
      const c = await storm(cw, async () => {
        let last = 0;
        for (let i = 0; i < MISSED; i++) {
          const { events } = await log.writeWithEvents('bench', (tx) =>
            tx.emit('notice.posted', notice(i)),
          );
          last = events.at(-1)?.seq ?? last;
        }
        return last;
      });
      loop.disable();
      loops.push(loop.percentile(99) / 1e6);
      await sleep(1000);
      const b = await storm(bw, () => {
        const base = missed.at(-1)?.seq ?? 0;
        for (let i = 0; i < MISSED; i++)
          missed.push({
            seq: base + i + 1,
            type: 'notice.posted',
            occurredAt: new Date().toISOString(),
            payload: notice(i),
          });
        return Promise.resolve(base + MISSED);
      });
      consoleRuns.push(c);
      bareRuns.push(b);
      console.log(
        `run ${run + 1}/${RUNS}: console all caught up ${fmt(c.allCaughtUpMs, 0)} ms (${c.caughtUp}/${CLIENTS}), per client p50 ${fmt(c.p50)} p99 ${fmt(c.p99)} ms, loop p99 ${fmt(loops.at(-1) ?? NaN)} ms | bare ${fmt(b.allCaughtUpMs, 0)} ms (${b.caughtUp}/${CLIENTS}), p50 ${fmt(b.p50)} p99 ${fmt(b.p99)} ms`,
      );
      await sleep(1000);
    }
  } finally {
    await Promise.all([...cw, ...bw].map((w) => w.call({ cmd: 'close' }).catch(() => undefined)));
    for (const w of [...cw, ...bw]) w.child.kill();
    await bare.close();
    await app.close();
  }

  const pick = (rs: Storm[], k: keyof Storm) => summarize(rs.map((r) => r[k]));
  const results = {
    console: {
      allCaughtUpMs: pick(consoleRuns, 'allCaughtUpMs'),
      tailMs: pick(consoleRuns, 'tailMs'),
      perClientP50: pick(consoleRuns, 'p50'),
      perClientP99: pick(consoleRuns, 'p99'),
      caughtUp: pick(consoleRuns, 'caughtUp'),
    },
    bare: {
      allCaughtUpMs: pick(bareRuns, 'allCaughtUpMs'),
      tailMs: pick(bareRuns, 'tailMs'),
      perClientP50: pick(bareRuns, 'p50'),
      perClientP99: pick(bareRuns, 'p99'),
      caughtUp: pick(bareRuns, 'caughtUp'),
    },
    loopP99: summarize(loops),
  };
  const ratio = results.console.perClientP99.median / results.bare.perClientP99.median;
  console.log(
    `\nbench:reconnect — ${CLIENTS} clients reconnecting within ${SPREAD_MS / 1000} s, ${MISSED} missed events, median of ${RUNS}`,
  );
  console.log(
    `console: all caught up ${fmt(results.console.allCaughtUpMs.median, 0)} ms after the storm began (tail ${fmt(results.console.tailMs.median, 0)} ms, target ≤ ${TARGET_TAIL_MS}), per client p99 ${fmt(results.console.perClientP99.median)} ms, loop p99 ${fmt(results.loopP99.median)} ms`,
  );
  console.log(
    `bare:    all caught up ${fmt(results.bare.allCaughtUpMs.median, 0)} ms (tail ${fmt(results.bare.tailMs.median, 0)} ms), per client p99 ${fmt(results.bare.perClientP99.median)} ms | p99 ratio ${fmt(ratio)}`,
  );
  const out = {
    bench: 'reconnect',
    machine: { ...machine(), postgres: app.pgVersion, engine: app.engine },
    runs: RUNS,
    clients: CLIENTS,
    spreadMs: SPREAD_MS,
    missedEvents: MISSED,
    targets: { tailMs: TARGET_TAIL_MS },
    ratio,
    results,
  };
  const dir = join(__dirname, '../../../bench/results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'reconnect.json'), JSON.stringify(out, null, 2));
}

void main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
