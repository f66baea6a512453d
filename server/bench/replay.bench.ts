/**
 * npm run bench:replay — after-action review at a season's scale. Generates (or reuses) a
 * half-year log of over 2 million events in its own database (bench/replay-log.ts: GENERATED,
 * written straight into the events table), empties the checkpoint cache (a cold start, as after
 * an upgrade), starts the console on it and lets its background warm-up (CheckpointWarmer) build
 * the checkpoints — printing the catch-up rate, the live console's event-loop delay and read
 * latency meanwhile, and the idle CPU once caught up — then opens the replay at random moments over HTTP (GET /api/replay/state?at=), against
 * the bare anchor: a plain SELECT of as many event rows as that open folded. Prints p50/p95 of
 * both, the ratio and the target (p95 ≤ 1 s); writes bench/results/replay.json.
 *
 *   npm run bench:replay                          (DATABASE_URL's server, database sanfang_replay_bench)
 *   npm run bench:replay -- --database <url>      (that database; created when missing)
 *   npm run bench:replay -- --generate-only       (generate + warm-up, print how to serve it)
 *   npm run bench:replay -- --keep-checkpoints    (no cold start: keep the checkpoints built before)
 *   npm run bench:replay -- --serve               (generate if needed, then keep the console running)
 *   npm run bench:replay -- --regenerate          (drop and generate again)
 *
 * Env: REPLAY_OPENS=30  REPLAY_CHECKPOINT_EVERY=5000  REPLAY_TRACK_MINUTES=155  REPLAY_IDLE_S=20
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { DISPOSABLE_FLAG, DISPOSABLE_VALUE } from '../src/config/secrets';
import { performance, monitorEventLoopDelay } from 'node:perf_hooks';
import { EventsRepository } from '../src/events/events.repository';
import { CheckpointWarmer } from '../src/replay/checkpoint-warmer.service';
import { ReplayService } from '../src/replay/replay.service';
import { startConsole, login } from './lib/console-app';
import { generateLog, withDatabase } from './replay-log';
import { fmt, machine, percentile, sortedCopy } from './lib/stats';

const OPENS = Number(process.env.REPLAY_OPENS ?? 30);
const TARGET_P95_MS = 1000;

/** `--database <url>` or REPLAY_DATABASE_URL; `--generate-only` or REPLAY_GENERATE_ONLY=1, … */
const envName = (name: string) => `REPLAY_${name.slice(2).replace(/-/g, '_').toUpperCase()}`;
function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0
    ? process.argv[i + 1]
    : process.env[envName(name === '--database' ? '--database-url' : name)];
}
const flag = (name: string): boolean =>
  process.argv.includes(name) || process.env[envName(name)] === '1';

function benchUrl(): string {
  const given = arg('--database');
  if (given) return given;
  const server = process.env.DATABASE_URL;
  if (!server) {
    throw new Error('set DATABASE_URL (a PostgreSQL server) or pass --database <url>');
  }
  return withDatabase(server, 'sanfang_replay_bench');
}

/** Everything the warm-up measures (bench/results/replay.json `warmup`). */
interface Warmup {
  cold: boolean;
  checkpoints: number;
  seconds: number;
  checkpointsPerS: number;
  eventsPerS: number;
  /** The console's event loop while catching up (a request waits at most this long for it). */
  loopDelayMs: { p50: number; p99: number; max: number };
  /** A live console read (GET /api/warnings?active=true) every second while catching up. */
  liveReadMs: { p50: number; p95: number; max: number };
  liveReadIdleMs: { p50: number; p95: number };
  /** Process CPU while caught up and idle, with the warm-up's poll running and stopped. */
  idleCpuMsPerMin: { warmer: number; stopped: number };
}

const ms = (ns: number) => ns / 1e6;

async function main(): Promise<void> {
  const url = benchUrl();
  const generated = await generateLog(url, { regenerate: flag('--regenerate') });
  // A cold start, as after an upgrade on a long log: no checkpoint yet (the cache is emptied;
  // `--keep-checkpoints` keeps what an earlier run built).
  const cold = !flag('--keep-checkpoints');
  if (cold) {
    const pg = new Client({ connectionString: url });
    await pg.connect();
    await pg.query(`DELETE FROM replay_checkpoints`);
    await pg.end();
  }
  // The bench database is generated and disposable: demo users and generated keys are fine.
  const app = await startConsole({
    DATABASE_URL: url,
    SEED: 'demo',
    [DISPOSABLE_FLAG]: DISPOSABLE_VALUE,
  });
  try {
    const replay = app.app.get(ReplayService);
    const warmer = app.app.get(CheckpointWarmer);
    if (process.env.REPLAY_CHECKPOINT_EVERY) {
      replay.checkpointEvery = Number(process.env.REPLAY_CHECKPOINT_EVERY);
    }
    const token = await login(app.url, 'duty');
    const liveRead = async (): Promise<number> => {
      const s = performance.now();
      const res = await fetch(`${app.url}/api/warnings?active=true`, {
        headers: { authorization: `Bearer ${token}` },
      });
      await res.arrayBuffer();
      if (!res.ok) throw new Error(`warnings ${res.status}`);
      return performance.now() - s;
    };

    // The background warm-up (CheckpointWarmer) started with the console: catch-up rate and
    // what the live console feels meanwhile.
    const t0 = performance.now();
    const built0 = warmer.built;
    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    const reads: number[] = [];
    let catching = true;
    const probe = (async () => {
      while (catching) {
        reads.push(await liveRead());
        await new Promise((r) => setTimeout(r, 1_000));
      }
    })();
    const head = (await app.app.get(EventsRepository).head()) || 0;
    await warmer.caughtUp(head);
    catching = false;
    await probe;
    loop.disable();
    const seconds = (performance.now() - t0) / 1000;
    const checkpoints = warmer.built - built0;
    const idleReads: number[] = [];
    for (let i = 0; i < 20; i++) idleReads.push(await liveRead());
    const cpuOver = async (s: number) => {
      const c = process.cpuUsage();
      await new Promise((r) => setTimeout(r, s * 1000));
      const d = process.cpuUsage(c);
      return ((d.user + d.system) / 1000) * (60 / s);
    };
    const idleS = Number(process.env.REPLAY_IDLE_S ?? 20);
    const idleWarmer = await cpuOver(idleS);
    warmer.onModuleDestroy();
    const idleStopped = await cpuOver(idleS);
    const rs = sortedCopy(reads);
    const ir = sortedCopy(idleReads);
    const warmup: Warmup = {
      cold,
      checkpoints,
      seconds,
      checkpointsPerS: checkpoints / seconds,
      eventsPerS: (checkpoints * replay.checkpointEvery) / seconds,
      loopDelayMs: {
        p50: ms(loop.percentile(50)),
        p99: ms(loop.percentile(99)),
        max: ms(loop.max),
      },
      liveReadMs: { p50: percentile(rs, 50), p95: percentile(rs, 95), max: rs[rs.length - 1] ?? 0 },
      liveReadIdleMs: { p50: percentile(ir, 50), p95: percentile(ir, 95) },
      idleCpuMsPerMin: { warmer: idleWarmer, stopped: idleStopped },
    };
    console.log(
      `warm-up (${cold ? 'cold start, no checkpoint' : 'from the checkpoints kept'}): ${checkpoints} checkpoints of ${replay.checkpointEvery} events in ${fmt(seconds, 1)} s = ${fmt(warmup.checkpointsPerS, 2)} checkpoints/s, ${fmt(warmup.eventsPerS, 0)} events folded/s`,
    );
    console.log(
      `  meanwhile: event-loop delay p50 ${fmt(warmup.loopDelayMs.p50, 1)} ms, p99 ${fmt(warmup.loopDelayMs.p99, 0)} ms, max ${fmt(warmup.loopDelayMs.max, 0)} ms; live read (warnings) p50 ${fmt(warmup.liveReadMs.p50, 0)} ms, p95 ${fmt(warmup.liveReadMs.p95, 0)} ms (idle p50 ${fmt(warmup.liveReadIdleMs.p50, 0)} ms, p95 ${fmt(warmup.liveReadIdleMs.p95, 0)} ms; ${reads.length} reads)`,
    );
    console.log(
      `  caught up, idle: process CPU ${fmt(idleWarmer, 0)} ms/min with the warm-up polling, ${fmt(idleStopped, 0)} ms/min with it stopped`,
    );
    if (flag('--generate-only') || flag('--serve')) {
      console.log(
        `log ${generated.from} .. ${generated.to}, ${generated.events} events; storm days: ${generated.storms
          .slice(0, 3)
          .map((s) => s.start)
          .join(', ')} …`,
      );
      if (flag('--serve')) {
        console.log(`console on ${app.url} (demo users, password demo); Ctrl-C to stop`);
        await new Promise(() => undefined);
      }
      console.log(
        `serve it: DATABASE_URL=${url} SEED=demo ${DISPOSABLE_FLAG}=${DISPOSABLE_VALUE} npm start (or --serve)`,
      );
      return;
    }

    const from = Date.parse(generated.from);
    const to = Date.parse(generated.to);
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    // Half the moments inside storms (where the log is dense), half anywhere in the season.
    const moments = Array.from({ length: OPENS }, (_, i) => {
      if (i % 2 === 0) {
        const s = generated.storms[Math.floor(rnd() * generated.storms.length)]!;
        return new Date(Date.parse(s.start) + rnd() * (Date.parse(s.end) - Date.parse(s.start)));
      }
      return new Date(from + rnd() * (to - from));
    });
    const pg = new Client({ connectionString: url });
    await pg.connect();
    const open: number[] = [];
    const anchor: number[] = [];
    const folded: number[] = [];
    const bytes: number[] = [];
    try {
      // One warm-up open (JIT, connection pool), not counted.
      await fetch(`${app.url}/api/replay/state?at=${moments[0]!.toISOString()}`, {
        headers: { authorization: `Bearer ${token}` },
      }).then((r) => r.arrayBuffer());
      for (const at of moments) {
        const s = performance.now();
        const res = await fetch(`${app.url}/api/replay/state?at=${at.toISOString()}`, {
          headers: { authorization: `Bearer ${token}` },
        });
        const body = await res.text();
        open.push(performance.now() - s);
        if (!res.ok) throw new Error(`replay/state ${res.status}: ${body.slice(0, 200)}`);
        const dto = JSON.parse(body) as { seq: number; checkpointSeq: number; folded: number };
        folded.push(dto.folded);
        bytes.push(body.length);
        // The anchor: the same number of event rows, read plainly.
        const a = performance.now();
        await pg.query(
          `SELECT seq, type, occurred_at, actor, subdistrict_codes, contact_ids, payload
             FROM events WHERE seq > $1 ORDER BY seq LIMIT $2`,
          [dto.checkpointSeq, Math.max(1, dto.folded)],
        );
        anchor.push(performance.now() - a);
      }
    } finally {
      await pg.end();
    }
    const o = sortedCopy(open);
    const a = sortedCopy(anchor);
    const p = (xs: Float64Array, q: number) => percentile(xs, q);
    const results = {
      machine: machine(),
      log: { events: generated.events, from: generated.from, to: generated.to, generated: true },
      checkpointEvery: replay.checkpointEvery,
      warmup,
      opens: OPENS,
      openMs: { p50: p(o, 50), p95: p(o, 95), max: o[o.length - 1] },
      anchorSelectMs: { p50: p(a, 50), p95: p(a, 95) },
      ratioP95: p(o, 95) / Math.max(0.001, p(a, 95)),
      foldedEvents: { p50: percentile(sortedCopy(folded), 50), max: Math.max(...folded) },
      responseKiB: { p50: percentile(sortedCopy(bytes), 50) / 1024 },
      targetP95Ms: TARGET_P95_MS,
    };
    console.log(
      `\nreplay open over ${generated.events} events (${OPENS} random moments): p50 ${fmt(results.openMs.p50, 0)} ms, p95 ${fmt(results.openMs.p95, 0)} ms (target ≤ ${TARGET_P95_MS} ms: ${results.openMs.p95 <= TARGET_P95_MS ? 'met' : 'MISSED'})`,
    );
    console.log(
      `anchor (plain SELECT of the same ${fmt(results.foldedEvents.p50, 0)} rows, p50; max ${results.foldedEvents.max}): p50 ${fmt(results.anchorSelectMs.p50, 1)} ms, p95 ${fmt(results.anchorSelectMs.p95, 1)} ms; ratio p95 ${fmt(results.ratioP95, 1)}×`,
    );
    console.log(`response p50 ${fmt(results.responseKiB.p50, 0)} KiB`);
    const dir = join(__dirname, '../../../bench/results');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'replay.json'), `${JSON.stringify(results, null, 2)}\n`);
  } finally {
    await app.close();
  }
}

void main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
