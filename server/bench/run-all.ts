/**
 * npm run bench — every benchmark in sequence, each bounded by its own time limit (killed past
 * it), with sizes chosen so the whole run takes about 10 minutes on a 2-core machine; then
 * bench/REPORT.md from bench/results/*.json. Sizes given in the environment win over ours.
 *
 * Env: BENCH_ONLY=live,ingest  BENCH_QUICK=1 (tiny sizes, to check the runner)
 *      (DATABASE_URL, REDIS_URL are passed through to every benchmark)
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { RESULTS_DIR, ROOT, type BenchStatus, type RunLog } from './report/files';
import { writeReport } from './report/write-report';

interface Spec {
  name: string;
  cmd: string[];
  /** Sizes for the ~10 minute run, and tiny ones for BENCH_QUICK. */
  env: Record<string, string>;
  quick: Record<string, string>;
  timeoutS: number;
}

const SERVER = join(__dirname, '..', '..');
const node = (file: string, ...flags: string[]): string[] => [
  process.execPath,
  ...flags,
  join(SERVER, 'dist-bench/bench', file),
];

const SPECS: Spec[] = [
  {
    name: 'live',
    cmd: node('live.bench.js', '--expose-gc'),
    env: { LIVE_SIZES: '1000,5000', LIVE_RUNS: '5', LIVE_EVENTS: '50' },
    quick: { LIVE_SIZES: '100', LIVE_RUNS: '1', LIVE_EVENTS: '5' },
    // Five runs of 50 events: the p99 of one run turns on one or two late events.
    timeoutS: 720,
  },
  {
    name: 'ingest',
    cmd: node('ingest.bench.js'),
    // BENCH_PROFILE: one extra profiled run, so the report carries where the CPU went.
    env: { INGEST_RUNS: '3', INGEST_SECONDS: '5', BENCH_PROFILE: '1' },
    quick: { INGEST_RUNS: '1', INGEST_SECONDS: '1' },
    timeoutS: 150,
  },
  {
    name: 'dispatch',
    cmd: node('dispatch.bench.js'),
    env: {},
    quick: {},
    timeoutS: 240,
  },
  {
    name: 'incidents',
    cmd: node('incidents.bench.js'),
    env: { INCIDENT_RUNS: '3', INCIDENT_REPORTS: '1000', BENCH_PROFILE: '1' },
    quick: { INCIDENT_RUNS: '1', INCIDENT_REPORTS: '50' },
    // The profiled extra burst takes a fourth run's time.
    timeoutS: 180,
  },
  {
    name: 'reconnect',
    cmd: node('reconnect.bench.js'),
    env: { RECONNECT_CLIENTS: '2000', RECONNECT_SPREAD_S: '10', RECONNECT_RUNS: '3' },
    quick: { RECONNECT_CLIENTS: '100', RECONNECT_SPREAD_S: '1', RECONNECT_RUNS: '1' },
    timeoutS: 180,
  },
  {
    // The client's map bench (issue 6) runs headless Chromium; optional until it exists.
    name: 'map',
    cmd: ['npm', 'run', 'bench:map'],
    env: {},
    quick: {},
    timeoutS: 180,
  },
];

function available(spec: Spec): boolean {
  if (spec.name !== 'map') return true;
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    scripts?: Record<string, string>;
  };
  return Boolean(pkg.scripts?.['bench:map']);
}

/** Runs one benchmark in its own process group, so a timeout kills its workers too. */
function run(spec: Spec, env: NodeJS.ProcessEnv): Promise<Omit<BenchStatus, 'name' | 'env'>> {
  const started = Date.now();
  return new Promise((resolve) => {
    const [cmd, ...args] = spec.cmd as [string, ...string[]];
    const child = spawn(cmd, args, { cwd: ROOT, env, stdio: 'inherit', detached: true });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      if (child.pid) process.kill(-child.pid, 'SIGKILL');
    }, spec.timeoutS * 1000);
    const done = (exitCode: number | null): void => {
      clearTimeout(timer);
      const seconds = Math.round((Date.now() - started) / 100) / 10;
      resolve({
        status: timedOut ? 'timeout' : exitCode === 0 ? 'ok' : 'failed',
        exitCode,
        seconds,
      });
    };
    child.on('exit', (code) => done(code));
    child.on('error', () => done(null));
  });
}

async function main(): Promise<void> {
  const quick = process.env.BENCH_QUICK === '1';
  const only = process.env.BENCH_ONLY?.split(',').filter(Boolean);
  mkdirSync(RESULTS_DIR, { recursive: true });
  const log: RunLog = { startedAt: new Date().toISOString(), quick, benches: [] };
  for (const spec of SPECS) {
    if (only && !only.includes(spec.name)) continue;
    const sizes = quick ? spec.quick : spec.env;
    // Explicit sizes in the environment win over the runner's.
    const env = { ...process.env, ...sizes };
    for (const k of Object.keys(sizes)) if (process.env[k] !== undefined) env[k] = process.env[k];
    const shown = Object.fromEntries(Object.keys(sizes).map((k) => [k, env[k] ?? '']));
    if (!available(spec)) {
      console.log(`\n== bench:${spec.name}: not available (no bench:${spec.name} script)`);
      log.benches.push({
        name: spec.name,
        env: shown,
        status: 'not available',
        exitCode: null,
        seconds: 0,
      });
      continue;
    }
    // A stale result must not stand in for a run that failed.
    rmSync(join(RESULTS_DIR, `${spec.name}.json`), { force: true });
    console.log(`\n== bench:${spec.name} ${JSON.stringify(shown)} (limit ${spec.timeoutS} s)`);
    const r = await run(spec, env);
    console.log(`== bench:${spec.name}: ${r.status} in ${r.seconds} s`);
    log.benches.push({ name: spec.name, env: shown, ...r });
    writeFileSync(join(RESULTS_DIR, 'run.json'), JSON.stringify(log, null, 2));
  }
  log.finishedAt = new Date().toISOString();
  writeFileSync(join(RESULTS_DIR, 'run.json'), JSON.stringify(log, null, 2));
  const path = writeReport();
  console.log(`\n${path} written`);
}

void main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
