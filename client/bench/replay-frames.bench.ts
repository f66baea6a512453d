/**
 * npm run bench:replay:frames — the frame half of bench:replay (issue 14). On the generated
 * half-year log (server/bench/replay-log.ts, database sanfang_replay_bench; generate it with
 * `npm run bench:replay -- --generate-only`), in headless Chromium against the real console:
 *  - replay: the 复盘 page playing a storm day at 600× (a replayed 10 s a frame) from start to
 *    end: the page folds the day's events with the shared reducers and redraws the whole console
 *    (map, banner, responses, dispatch board, feed) against the replay clock;
 *  - live: the same day's events applied to the live console as the socket delivers them
 *    (`LiveStore.apply`), in the same per-frame batches, for the same number of frames.
 * The frame cost is the main thread's task time (Chromium's own TaskDuration) over the run,
 * divided by the frames painted; printed for both, with the ratio. Target: replay ≤ 1.5× live.
 * Writes bench/results/replay-frames.json.
 *
 * Env: DATABASE_URL (the PostgreSQL server; the bench database is sanfang_replay_bench on it),
 *      REPLAY_DATABASE_URL (that database directly), REPLAY_STORM=0 (which storm's day),
 *      REPLAY_FRAMES_HOURS=24 (the whole day; fewer: that many hours from the storm's start),
 *      REPLAY_PROFILE=1 (only the replay run, with a CPU profile in bench/results)
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import type { EventEnvelope } from '@sanfang/shared';
import { Client } from 'pg';
import type { BrowserContext, CDPSession, Page } from 'playwright-core';
import { fmt, launch, ROOT, startServer } from './harness';

const TARGET_RATIO = 1.5;
const SPEED = 600;
const FRAME_MS = 1000 / 60;
const HOURS = Number(process.env.REPLAY_FRAMES_HOURS ?? 24);
const STORM = Number(process.env.REPLAY_STORM ?? 0);
const DAY_MS = 24 * 3_600_000;
const BEIJING_MS = 8 * 3_600_000;

function benchDatabase(): string {
  if (process.env.REPLAY_DATABASE_URL) return process.env.REPLAY_DATABASE_URL;
  const server = process.env.DATABASE_URL;
  if (!server) throw new Error('set DATABASE_URL (the PostgreSQL server of bench:replay)');
  const url = new URL(server);
  url.pathname = '/sanfang_replay_bench';
  return url.toString();
}

interface LogMeta {
  from: string;
  to: string;
  events: number;
  storms: { start: string; end: string }[];
}

async function logMeta(url: string): Promise<LogMeta> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ value: LogMeta | string }>(
      `SELECT value FROM bench_replay_meta WHERE key = 'log'`,
    );
    const value = rows[0]?.value;
    if (!value) throw new Error('no generated log');
    return typeof value === 'string' ? (JSON.parse(value) as LogMeta) : value;
  } catch (error) {
    throw new Error(
      `no generated half-year log in ${url} (${String(error)}): run \`npm run bench:replay -- --generate-only\` first`,
    );
  } finally {
    await client.end();
  }
}

const login = (url: string, username: string): Promise<string> =>
  fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'demo' }),
  })
    .then((r) => r.json() as Promise<{ accessToken: string }>)
    .then((b) => b.accessToken);

/** The range's events as the duty officer's replay reads them (seq order, every page). */
async function dayEvents(url: string, token: string, from: number, to: number) {
  const state = (await fetch(`${url}/api/replay/state?at=${new Date(from).toISOString()}`, {
    headers: { authorization: `Bearer ${token}` },
  }).then((r) => r.json())) as { seq: number };
  const events: EventEnvelope[] = [];
  let fromSeq = state.seq;
  for (;;) {
    const page = (await fetch(
      `${url}/api/replay/events?fromSeq=${fromSeq}&to=${new Date(to).toISOString()}&limit=10000`,
      { headers: { authorization: `Bearer ${token}` } },
    ).then((r) => r.json())) as { events: EventEnvelope[]; lastSeq: number; more: boolean };
    events.push(...page.events);
    if (!page.more) return events;
    fromSeq = page.lastSeq;
  }
}

async function taskMs(cdp: CDPSession): Promise<number> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return (metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0) * 1000;
}

async function signIn(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.locator('input').first().fill('duty');
  await page.locator('input[type=password]').fill('demo');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.body.dataset.mapReady === '1', null, {
    timeout: 120_000,
  });
}

/** In the page: counts painted frames until `window.__benchStop` (rAF intervals too). */
function countFrames(): void {
  const w = window as unknown as { __frames: number[]; __benchStop?: boolean };
  w.__frames = [];
  w.__benchStop = false;
  let last = performance.now();
  const onFrame = (now: number) => {
    w.__frames.push(now - last);
    last = now;
    if (!w.__benchStop) requestAnimationFrame(onFrame);
  };
  requestAnimationFrame(onFrame);
}
const stopFrames = (page: Page): Promise<number[]> =>
  page.evaluate(() => {
    const w = window as unknown as { __frames: number[]; __benchStop?: boolean };
    w.__benchStop = true;
    return w.__frames;
  });

interface Run {
  /** Frames painted during the run. */
  frames: number;
  taskMs: number;
  perFrameMs: number;
  wallMs: number;
  frameIntervalP50: number;
  frameIntervalP95: number;
  longFrames: number;
}

function run(frames: number[], task: number, wall: number): Run {
  const sorted = [...frames].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
  return {
    frames: frames.length,
    taskMs: task,
    perFrameMs: task / Math.max(1, frames.length),
    wallMs: wall,
    frameIntervalP50: at(0.5),
    frameIntervalP95: at(0.95),
    longFrames: frames.filter((f) => f > 50).length,
  };
}

/** The 复盘 page playing the range at 600× to its end. */
async function replayRun(page: Page, cdp: CDPSession, url: string, from: number, to: number) {
  const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');
  await page.goto(`${url}/replay?replay=${iso(from)}..${iso(to)}&at=${iso(from)}`);
  await page.locator('[data-testid=replay-console][aria-busy=false]').waitFor({ timeout: 120_000 });
  await page.locator(`[data-testid=replay-speed-${SPEED}]`).check();
  // Let the first page of events land (a real user presses play a moment after opening).
  await page.waitForTimeout(1_500);
  await page.evaluate(countFrames);
  const before = await taskMs(cdp);
  const t0 = Date.now();
  await page.locator('[data-testid=replay-play]').click();
  await page.waitForFunction(
    (end) =>
      document.querySelector('[data-testid=replay-at]')?.getAttribute('data-at') === String(end) &&
      document.querySelector('[data-testid=replay-play]')?.getAttribute('aria-pressed') === 'false',
    to,
    { timeout: ((to - from) / SPEED) * 6 + 120_000, polling: 500 },
  );
  const wall = Date.now() - t0;
  const frames = await stopFrames(page);
  const task = (await taskMs(cdp)) - before;
  const buffering = await page.locator('[data-testid=replay-page] [role=status]').count();
  return { ...run(frames, task, wall), bufferingAtEnd: buffering };
}

/** The same events applied to the live console, one frame's batch per animation frame. */
async function liveRun(page: Page, cdp: CDPSession, batches: EventEnvelope[][]) {
  await page.evaluate(countFrames);
  const before = await taskMs(cdp);
  const t0 = Date.now();
  // Sent in chunks of frames (one evaluate per chunk): the page applies one batch a frame.
  const CHUNK = 600;
  for (let i = 0; i < batches.length; i += CHUNK) {
    await page.evaluate(
      async (chunk) => {
        const store = (
          window as unknown as { __sanfangLive?: { apply(events: EventEnvelope[]): void } }
        ).__sanfangLive;
        if (!store) throw new Error('no live store');
        for (const batch of chunk) {
          if (batch.length > 0) store.apply(batch);
          await new Promise((r) => requestAnimationFrame(r));
        }
      },
      batches.slice(i, i + CHUNK),
    );
  }
  const wall = Date.now() - t0;
  const frames = await stopFrames(page);
  const task = (await taskMs(cdp)) - before;
  return run(frames, task, wall);
}

async function main(): Promise<void> {
  const database = benchDatabase();
  const meta = await logMeta(database);
  const storm = meta.storms[STORM] ?? meta.storms[0];
  if (!storm) throw new Error('the generated log has no storm');
  // The storm's day in Beijing time (00:00–24:00 +08:00); a shorter run: HOURS from the storm's start.
  const start = Date.parse(storm.start);
  const from =
    HOURS >= 24 ? Math.floor((start + BEIJING_MS) / DAY_MS) * DAY_MS - BEIJING_MS : start;
  const to = from + HOURS * 3_600_000;

  // The bench database is a disposable demo (demo users, generated log); secrets for this run only.
  const { url, child } = await startServer({
    DATABASE_URL: database,
    SEED: 'demo',
    SANFANG_DISPOSABLE_DEMO: 'yes-destroy-nothing-real',
    JWT_SECRET: randomBytes(36).toString('base64'),
    ACK_TOKEN_SECRET: randomBytes(36).toString('base64'),
  });
  let context: BrowserContext | undefined;
  try {
    const token = await login(url, 'duty');
    const events = await dayEvents(url, token, from, to);
    // 600× at 60 frames a second: each frame moves the clock 10 replayed seconds.
    const step = SPEED * FRAME_MS;
    const frames = Math.ceil((to - from) / step);
    const batches: EventEnvelope[][] = Array.from({ length: frames }, () => []);
    for (const e of events) {
      const i = Math.min(frames - 1, Math.floor((Date.parse(e.occurredAt) - from) / step));
      batches[Math.max(0, i)]!.push(e);
    }
    console.log(
      `bench:replay:frames — storm day ${new Date(from + BEIJING_MS).toISOString().slice(0, 10)} (Beijing), ${HOURS} h, ${events.length} events the duty officer sees, ${frames} frames at ${SPEED}×`,
    );

    context = await launch();
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    await signIn(page, url);

    // REPLAY_PROFILE=1: a CPU profile of the replay run (bench/results/replay-frames.cpuprofile).
    const profile = process.env.REPLAY_PROFILE === '1';
    if (profile) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.start');
    }
    const replay = await replayRun(page, cdp, url, from, to);
    if (profile) {
      const { profile: p } = await cdp.send('Profiler.stop');
      mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
      writeFileSync(join(ROOT, 'bench/results/replay-frames.cpuprofile'), JSON.stringify(p));
      console.log(`replay: ${JSON.stringify(replay)}`);
      return;
    }
    // Back to the live console (a fresh load: nothing of the replay left in the page).
    await page.goto(url);
    await page.waitForFunction(() => document.body.dataset.mapReady === '1', null, {
      timeout: 120_000,
    });
    await page.locator('[data-testid=live-indicator][data-status=live]').waitFor();
    const live = await liveRun(page, cdp, batches);

    // The frame cost: main-thread time through the same events, per frame of the 600× schedule
    // (a frame = 10 replayed seconds). Per painted frame is printed too: a run that falls
    // behind paints fewer, fuller frames (the replay folds all events up to its clock each one).
    const perScheduled = (r: Run) => r.taskMs / frames;
    const ratio = perScheduled(replay) / perScheduled(live);
    const paintedRatio = replay.perFrameMs / live.perFrameMs;
    console.log(
      'run     | painted | main-thread ms | per 600× frame ms | per painted frame ms | frame p50/p95 ms | > 50 ms | wall s',
    );
    for (const [name, r] of [
      ['replay', replay],
      ['live  ', live],
    ] as const) {
      console.log(
        `${name}  | ${String(r.frames).padStart(7)} | ${fmt(r.taskMs).padStart(14)} | ${fmt(perScheduled(r)).padStart(17)} | ${fmt(r.perFrameMs).padStart(20)} | ${fmt(r.frameIntervalP50)} / ${fmt(r.frameIntervalP95)} | ${String(r.longFrames).padStart(7)} | ${fmt(r.wallMs / 1000)}`,
      );
    }
    console.log(`per painted frame: replay/live ${fmt(paintedRatio)}×`);
    console.log(
      `target: replay's frame cost (per 600× frame) ≤ ${TARGET_RATIO}× live's — ${ratio <= TARGET_RATIO ? 'MET' : 'NOT MET'} (${fmt(ratio)}×)`,
    );
    const out = {
      bench: 'replay-frames',
      machine: {
        cores: cpus().length,
        memoryGiB: Math.round(totalmem() / 2 ** 30),
        node: process.version,
        date: new Date().toISOString(),
      },
      log: { from: meta.from, to: meta.to, events: meta.events },
      range: { from: new Date(from).toISOString(), to: new Date(to).toISOString() },
      events: events.length,
      speed: SPEED,
      target: `replay frame cost ≤ ${TARGET_RATIO}× live`,
      frames,
      ratio,
      paintedRatio,
      replay: { ...replay, perScheduledFrameMs: perScheduled(replay) },
      live: { ...live, perScheduledFrameMs: perScheduled(live) },
    };
    const dir = join(ROOT, 'bench/results');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'replay-frames.json'), JSON.stringify(out, null, 2));
  } finally {
    await context?.close();
    child.kill('SIGTERM');
  }
}

void main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
