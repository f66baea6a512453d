/**
 * npm run bench:incidents — a burst of incident reports from concurrent senders (in a worker
 * process) over HTTP to the console (validation, idempotency, grading, duties + timers, event log),
 * against a plain INSERT of the same JSON rows over as many PostgreSQL connections, in one
 * run on the same database, and the HTTP floor (the same posts refused by validation, no
 * database). Prints them, the ratio and the target; writes
 * bench/results/incidents.json.
 *
 * Env: INCIDENT_REPORTS=1000  INCIDENT_SENDERS=8  INCIDENT_RUNS=3  (DATABASE_URL)
 *      BENCH_PROFILE=1: one more console burst under the CPU profiler, with PostgreSQL's
 *      per-statement cost (lib/profile.ts); its summary goes in the result file and report.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import type { Burst } from './incidents-senders.worker';
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
import { fmt, machine, summarize, type Summary } from './lib/stats';
import { startWorker } from './lib/workers';

const REPORTS = Number(process.env.INCIDENT_REPORTS ?? 1000);
const SENDERS = Number(process.env.INCIDENT_SENDERS ?? 8);
const RUNS = Number(process.env.INCIDENT_RUNS ?? 3);
const TARGET = 0.25;

async function main(): Promise<void> {
  const app = await startConsole();
  const ds = app.app.get(DataSource);
  const url = (ds.options as { url: string }).url;
  await trackPostgres((sql) => ds.query(sql));
  let profile: ProfileSummary | null = null;
  await ds.query(
    `CREATE TABLE IF NOT EXISTS bench_plain_reports (id bigserial PRIMARY KEY, source text, external_id text, body jsonb)`,
  );
  // The senders run in their own process (as feeds do); this one runs only the console.
  const senders = startWorker('incidents-senders.worker.js');
  await senders.call({ cmd: 'init', url: app.url, dbUrl: url, senders: SENDERS, reports: REPORTS });
  const consoleRuns: Burst[] = [];
  const plainRuns: Burst[] = [];
  const floorRuns: Burst[] = [];
  const cpu: { console: CpuSample[]; plain: CpuSample[]; floor: CpuSample[] } = {
    console: [],
    plain: [],
    floor: [],
  };
  /** One burst, with the CPU each process spent on it per report (a console burst's once settled). */
  const measure = async (cmd: 'console' | 'plain' | 'floor', run: number): Promise<Burst> => {
    const before = cpuSample(senders.child.pid);
    const b = await senders.call<Burst>({ cmd, run });
    if (cmd === 'console') await settle(app.app);
    cpu[cmd].push(cpuPerMessage(before, cpuSample(senders.child.pid), REPORTS));
    return b;
  };
  try {
    for (let run = 0; run < RUNS; run++) {
      plainRuns.push(await measure('plain', run));
      consoleRuns.push(await measure('console', run));
      floorRuns.push(await measure('floor', run));
      console.log(
        `run ${run + 1}: console ${fmt(consoleRuns[run]!.rate, 0)}/s p99 ${fmt(consoleRuns[run]!.p99)} ms · plain ${fmt(plainRuns[run]!.rate, 0)}/s p99 ${fmt(plainRuns[run]!.p99)} ms · HTTP floor ${fmt(floorRuns[run]!.rate, 0)}/s`,
      );
    }
    if (profiling()) {
      profile = await profileRun('incidents', ds, async () => {
        await senders.call<Burst>({ cmd: 'console', run: RUNS });
        await settle(app.app);
        return REPORTS;
      });
      printProfile(profile);
    }
  } finally {
    await senders.call({ cmd: 'end' }).catch(() => undefined);
  }
  await ds.query(`DROP TABLE bench_plain_reports`);

  const pick = (rs: Burst[], k: keyof Burst): Summary => summarize(rs.map((r) => r[k]));
  const ratio = summarize(consoleRuns.map((c, i) => c.rate / plainRuns[i]!.rate));
  const results = {
    console: {
      rate: pick(consoleRuns, 'rate'),
      p50: pick(consoleRuns, 'p50'),
      p99: pick(consoleRuns, 'p99'),
    },
    plainInsert: {
      rate: pick(plainRuns, 'rate'),
      p50: pick(plainRuns, 'p50'),
      p99: pick(plainRuns, 'p99'),
    },
    rateRatio: ratio,
    httpFloor: { rate: pick(floorRuns, 'rate') },
    cpuPerReportMs: {
      console: medianCpu(cpu.console),
      plain: medianCpu(cpu.plain),
      floor: medianCpu(cpu.floor),
    },
  };
  console.log(
    `\nbench:incidents — ${REPORTS} reports from ${SENDERS} senders (median of ${RUNS} runs)`,
  );
  console.log('               | reports/s | p50 ms | p99 ms');
  console.log(
    `console intake | ${fmt(results.console.rate.median, 0).padStart(9)} | ${fmt(results.console.p50.median).padStart(6)} | ${fmt(results.console.p99.median)}`,
  );
  console.log(
    `plain INSERT   | ${fmt(results.plainInsert.rate.median, 0).padStart(9)} | ${fmt(results.plainInsert.p50.median).padStart(6)} | ${fmt(results.plainInsert.p99.median)}`,
  );
  console.log(
    `rate ratio ${fmt(ratio.median, 3)} (target ≥ ${TARGET}) → ${ratio.median >= TARGET ? 'MET' : 'NOT MET'}`,
  );
  console.log(
    `HTTP floor ${fmt(results.httpFloor.rate.median, 0)}/s (the same posts refused by validation, no database): floor/plain ${fmt(results.httpFloor.rate.median / results.plainInsert.rate.median, 3)}`,
  );
  // Where the rate is paid from: the console, its senders and PostgreSQL share the cores.
  console.log(`CPU per report (ms, median of runs):`);
  console.log(`  console intake ${fmtCpu(results.cpuPerReportMs.console)}`);
  console.log(`  plain INSERT   ${fmtCpu(results.cpuPerReportMs.plain, false)}`);
  console.log(`  HTTP floor     ${fmtCpu(results.cpuPerReportMs.floor)}`);
  const out = {
    bench: 'incidents',
    machine: { ...machine(), postgres: app.pgVersion, engine: app.engine },
    runs: RUNS,
    reports: REPORTS,
    senders: SENDERS,
    target: { rateRatio: TARGET },
    results,
    profile,
    load: loadavg(),
  };
  const dir = join(__dirname, '../../../bench/results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'incidents.json'), JSON.stringify(out, null, 2));
  await app.close();
}

void main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
