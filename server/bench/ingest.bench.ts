/**
 * npm run bench:ingest — sustained CAP ingest over HTTP with 8 concurrent senders against the
 * console, and the bare anchor: a plain PostgreSQL INSERT of the same raw XML in one
 * transaction over 8 connections, measured in the same run. The senders (both kinds) run in a
 * worker process; this process runs only the console. Writes bench/results/ingest.json.
 *
 * Env: INGEST_RUNS=3  INGEST_SECONDS=8  INGEST_SENDERS=8  (DATABASE_URL)
 *      BENCH_CALL_RULES=1: keep the district's 叫应 call rules (see below).
 *      BENCH_PROFILE=1: one more console run under the CPU profiler, with PostgreSQL's
 *      per-statement cost (lib/profile.ts); its summary goes in the result file and report.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import type { Run } from './ingest-senders.worker';
import { startConsole } from './lib/console-app';
import {
  cpuPerMessage,
  cpuSample,
  fmtCpu,
  medianCpu,
  trackPostgres,
  type CpuSample,
} from './lib/cpu';
import { printProfile, profileRun, profiling, type ProfileSummary } from './lib/profile';
import { settle } from './lib/settle';
import { fmt, machine, summarize } from './lib/stats';
import { startWorker } from './lib/workers';

const RUNS = Number(process.env.INGEST_RUNS ?? 3);
const SECONDS = Number(process.env.INGEST_SECONDS ?? 8);
const SENDERS = Number(process.env.INGEST_SENDERS ?? 8);
const CALL_RULES = process.env.BENCH_CALL_RULES === '1';

async function main(): Promise<void> {
  const app = await startConsole();
  const ds = app.app.get(DataSource);
  const dbUrl = (ds.options as { url?: string }).url;
  if (!dbUrl) throw new Error('no database url');
  await trackPostgres((sql) => ds.query(sql));
  // The CAP path, without 叫应 call-outs: the senders' chains change colour every 10th message
  // (to raise suggestions), and with the district's call rules each change would call ~2,750
  // people, 275 calls per CAP message, work no feed sets off and that the console runs minutes
  // behind the senders (bench:lastmile measures call-outs at a real round's size).
  // BENCH_CALL_RULES=1 keeps the rules (an experiment; its runs then take minutes to settle).
  if (!CALL_RULES) await ds.query(`DELETE FROM call_rules`);
  // The senders run in their own process (as feeds do); this one runs only the console.
  const senders = startWorker('ingest-senders.worker.js');
  await senders.call({ cmd: 'init', url: app.url, dbUrl, senders: SENDERS, seconds: SECONDS });
  const consoleRate: number[] = [];
  const consoleP99: number[] = [];
  const bareRate: number[] = [];
  const bareP99: number[] = [];
  const floorRate: number[] = [];
  let profile: ProfileSummary | null = null;
  const cpu: { console: CpuSample[]; plain: CpuSample[]; floor: CpuSample[] } = {
    console: [],
    plain: [],
    floor: [],
  };
  const settleMs: number[] = [];
  /**
   * One timed run, with the CPU each process spent on it per message. A console run's CPU is
   * read once the console has done everything its messages set off (叫应 rounds, delivery):
   * the rate is the senders', the CPU the whole cost.
   */
  const measure = async (cmd: 'console' | 'plain' | 'floor'): Promise<Run> => {
    const before = cpuSample(senders.child.pid);
    const r = await senders.call<Run>({ cmd });
    if (cmd === 'console') settleMs.push(await settle(app.app));
    cpu[cmd].push(cpuPerMessage(before, cpuSample(senders.child.pid), r.n));
    return r;
  };
  try {
    await senders.call({ cmd: 'warm' });
    await settle(app.app);
    // Statistics, as a console has them once autovacuum has looked at its tables (within a
    // minute of the first rows). Without them the first measured runs timed the planner's
    // guesses for tables created seconds before: lineage_read's orphan lookup, planned once
    // per connection, scanned every message on every batch until the first autoanalyze.
    await ds.query('ANALYZE');
    for (let run = 0; run < RUNS; run++) {
      const c = await measure('console');
      const b = await measure('plain');
      const f = await measure('floor');
      floorRate.push(f.rate);
      consoleRate.push(c.rate);
      consoleP99.push(c.p99);
      bareRate.push(b.rate);
      bareP99.push(b.p99);
      console.log(
        `run ${run + 1}/${RUNS}: console ${fmt(c.rate, 0)}/s p99 ${fmt(c.p99)} ms (${c.n}; settled ${fmt(settleMs[run] ?? NaN, 0)} ms after) | plain insert ${fmt(b.rate, 0)}/s p99 ${fmt(b.p99)} ms (${b.n}) | HTTP floor ${fmt(f.rate, 0)}/s`,
      );
    }
    if (profiling()) {
      profile = await profileRun('ingest', ds, async () => {
        const r = await senders.call<Run>({ cmd: 'console' });
        await settle(app.app);
        return r.n;
      });
      printProfile(profile);
    }
  } finally {
    await senders.call({ cmd: 'end' }).catch(() => undefined);
    await app.close();
  }
  const results = {
    consoleRate: summarize(consoleRate),
    consoleP99: summarize(consoleP99),
    bareRate: summarize(bareRate),
    bareP99: summarize(bareP99),
    httpFloorRate: summarize(floorRate),
    settleMs: summarize(settleMs),
    cpuPerMessageMs: {
      console: medianCpu(cpu.console),
      plain: medianCpu(cpu.plain),
      floor: medianCpu(cpu.floor),
    },
  };
  const ratio = results.consoleRate.median / results.bareRate.median;
  console.log(
    `\nbench:ingest — ${SENDERS} concurrent senders, ${SECONDS}s per run, median of ${RUNS}; 叫应 call rules: ${CALL_RULES ? "the district's" : 'none'}`,
  );
  console.log(
    `console ${fmt(results.consoleRate.median, 0)} msg/s (p99 ${fmt(results.consoleP99.median)} ms) | plain insert ${fmt(results.bareRate.median, 0)}/s (p99 ${fmt(results.bareP99.median)} ms)`,
  );
  console.log(
    `ratio ${fmt(ratio, 3)} (target ≥ 0.25) | console p99 ${fmt(results.consoleP99.median)} ms (target ≤ 50)`,
  );
  // Context, not a target: how close ingest comes to the HTTP stack's own ceiling here.
  console.log(
    `HTTP floor ${fmt(results.httpFloorRate.median, 0)}/s (post refused after authentication): floor/plain ${fmt(results.httpFloorRate.median / results.bareRate.median, 3)}, console/floor ${fmt(results.consoleRate.median / results.httpFloorRate.median, 3)}`,
  );
  // Where the rate is paid from: the console, its senders and PostgreSQL share the cores.
  const perMsg = results.cpuPerMessageMs;
  console.log(`CPU per message (ms, median of runs):`);
  console.log(`  console      ${fmtCpu(perMsg.console)}`);
  console.log(`  plain insert ${fmtCpu(perMsg.plain, false)}`);
  console.log(`  HTTP floor   ${fmtCpu(perMsg.floor)}`);
  const out = {
    bench: 'ingest',
    machine: { ...machine(), postgres: app.pgVersion, engine: app.engine },
    runs: RUNS,
    seconds: SECONDS,
    senders: SENDERS,
    callRules: CALL_RULES,
    ratio,
    httpFloorRatio: results.httpFloorRate.median / results.bareRate.median,
    targets: { ratio: 0.25, p99Ms: 50 },
    results,
    profile,
    load: loadavg(),
  };
  const dir = join(__dirname, '../../../bench/results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'ingest.json'), JSON.stringify(out, null, 2));
}

void main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
