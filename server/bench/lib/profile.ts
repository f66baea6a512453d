import { Session } from 'node:inspector/promises';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { RESULTS_DIR } from '../report/files';

/**
 * Profiles for the intake benches (BENCH_PROFILE=1): the console's CPU profile (V8's sampling
 * profiler through node:inspector, in this process, which runs only the console) and
 * PostgreSQL's per-statement cost (pg_stat_statements, when the server has it loaded), over
 * one extra console run after the measured ones, so the profiler's own cost never enters the
 * reported rates.
 */

/** A V8 .cpuprofile, as `node --cpu-prof` writes it. */
export interface CpuProfile {
  nodes: {
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
    children?: number[];
  }[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface FrameRow {
  /** function (file:line) or package name */
  name: string;
  selfMs: number;
  /** share of the profile's sampled time, 0–1 */
  share: number;
  /** self ms per message of the profiled run */
  perMessageMs: number;
}

export interface StatementRow {
  query: string;
  calls: number;
  totalMs: number;
  share: number;
  perMessageMs: number;
  /** planning time per message (each statement whose values are inlined is planned anew) */
  planPerMessageMs: number;
  meanMs: number;
  rows: number;
}

export interface ProfileSummary {
  /** messages the profiled run handled */
  messages: number;
  /** console-process sampled time, ms (idle excluded) */
  busyMs: number;
  frames: FrameRow[];
  packages: FrameRow[];
  /**
   * Native self time (syscalls such as socket writes, crypto, zlib) by the package of the
   * nearest JavaScript frame that called it: whose writes they are.
   */
  nativeCallers: FrameRow[];
  /** null: pg_stat_statements not loaded on this server */
  statements: StatementRow[] | null;
  statementsTotalMs: number | null;
  /** planning, on top of the execution time */
  statementsPlanMs: number | null;
  /** statements executed and rows they read or wrote, per message: load-independent work */
  statementsPerMessage: number | null;
  rowsPerMessage: number | null;
  /** where the raw .cpuprofile was written */
  file: string;
}

export const profiling = (): boolean => process.env.BENCH_PROFILE === '1';

/** The console's package or folder a script belongs to. */
export function packageOf(url: string, functionName: string): string {
  if (!url) {
    if (functionName === '(garbage collector)') return '(gc)';
    if (functionName.startsWith('(')) return functionName;
    return '(native)';
  }
  const nm = url.lastIndexOf('/node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + '/node_modules/'.length).split('/');
    const name = rest[0]?.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
    return name === '@sanfang/shared' ? '@sanfang/shared' : (name ?? '(unknown)');
  }
  if (url.startsWith('node:')) return 'node (core)';
  const src = /\/(?:dist(?:-bench)?\/)?src\/([^/]+)\//.exec(url);
  if (/\/shared\/(?:dist|src)\//.test(url)) return '@sanfang/shared';
  if (src) return `console: ${src[1]}`;
  if (/\/bench\//.test(url)) return 'bench harness';
  return url.replace(/^file:\/\//, '');
}

const shortUrl = (url: string): string => {
  const nm = url.lastIndexOf('/node_modules/');
  if (nm >= 0) return url.slice(nm + '/node_modules/'.length);
  const src = url.indexOf('/src/');
  if (src >= 0) return url.slice(src + 1);
  return url.replace(/^file:\/\//, '');
};

/** Self time by function and by package, idle excluded; top `limit` of each. */
export function summarizeProfile(
  p: CpuProfile,
  messages: number,
  limit = 25,
): { busyMs: number; frames: FrameRow[]; packages: FrameRow[]; nativeCallers: FrameRow[] } {
  const self = new Map<number, number>();
  const parent = new Map<number, number>();
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  /** The package of the nearest ancestor with a script, for a native frame. */
  const callerOf = (id: number): string => {
    const name = byId.get(id)?.callFrame.functionName;
    for (let at = parent.get(id); at !== undefined; at = parent.get(at)) {
      const f = byId.get(at)?.callFrame;
      if (!f?.url) continue;
      const pkg = packageOf(f.url, f.functionName);
      // Node's own net and stream code only passes a write on: whose write is it?
      if (pkg !== 'node (core)') return `${pkg} → ${name}`;
    }
    return `(no caller outside Node) → ${name}`;
  };
  for (let i = 0; i < p.samples.length; i++) {
    const id = p.samples[i]!;
    self.set(id, (self.get(id) ?? 0) + (p.timeDeltas[i] ?? 0) / 1000);
  }
  const byFrame = new Map<string, number>();
  const byPkg = new Map<string, number>();
  const byCaller = new Map<string, number>();
  let busy = 0;
  for (const n of p.nodes) {
    const ms = self.get(n.id) ?? 0;
    if (ms === 0) continue;
    const { functionName, url, lineNumber } = n.callFrame;
    // Idle, and the profiler's own calls (node:inspector) at its start and stop.
    if (functionName === '(idle)' || url.startsWith('node:inspector')) continue;
    busy += ms;
    const frame = url
      ? `${functionName || '(anonymous)'} (${shortUrl(url)}:${lineNumber + 1})`
      : functionName;
    byFrame.set(frame, (byFrame.get(frame) ?? 0) + ms);
    const pkg = packageOf(url, functionName);
    byPkg.set(pkg, (byPkg.get(pkg) ?? 0) + ms);
    if (pkg === '(native)') {
      const caller = callerOf(n.id);
      byCaller.set(caller, (byCaller.get(caller) ?? 0) + ms);
    }
  }
  const rows = (m: Map<string, number>): FrameRow[] =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, limit)
      .map(([name, ms]) => ({
        name,
        selfMs: ms,
        share: busy > 0 ? ms / busy : 0,
        perMessageMs: messages > 0 ? ms / messages : 0,
      }));
  return {
    busyMs: busy,
    frames: rows(byFrame),
    packages: rows(byPkg),
    nativeCallers: rows(byCaller),
  };
}

/** Loads pg_stat_statements in the bench database when the server has it; false if not. */
export async function statementsAvailable(ds: DataSource): Promise<boolean> {
  const [row] = await ds.query<{ libs: string }[]>(
    `SELECT current_setting('shared_preload_libraries') AS libs`,
  );
  if (!row?.libs.split(',').some((l) => l.trim() === 'pg_stat_statements')) return false;
  await ds.query(`CREATE EXTENSION IF NOT EXISTS pg_stat_statements`);
  return true;
}

async function statements(
  ds: DataSource,
  messages: number,
  limit = 20,
): Promise<{
  rows: StatementRow[];
  totalMs: number;
  planMs: number;
  calls: number;
  touched: number;
}> {
  // Only this database's statements, and not the bench's own reads of the view.
  const all = await ds.query<
    { query: string; calls: string; total: number; plan: number; mean: number; rows: string }[]
  >(
    `SELECT query, calls, total_exec_time AS total, total_plan_time AS plan,
            mean_exec_time AS mean, rows
       FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
      WHERE d.datname = current_database() AND query NOT ILIKE '%pg_stat_statements%'
      ORDER BY total_exec_time DESC`,
  );
  const totalMs = all.reduce((a, r) => a + Number(r.total), 0);
  const planMs = all.reduce((a, r) => a + Number(r.plan), 0);
  const perMessage = (x: number): number => (messages > 0 ? x / messages : 0);
  const rows = all.slice(0, limit).map((r) => ({
    query: r.query.replace(/\s+/g, ' ').trim(),
    calls: Number(r.calls),
    totalMs: Number(r.total),
    share: totalMs > 0 ? Number(r.total) / totalMs : 0,
    perMessageMs: perMessage(Number(r.total)),
    planPerMessageMs: perMessage(Number(r.plan)),
    meanMs: Number(r.mean),
    rows: Number(r.rows),
  }));
  const calls = all.reduce((a, r) => a + Number(r.calls), 0);
  const touched = all.reduce((a, r) => a + Number(r.rows), 0);
  return { rows, totalMs, planMs, calls, touched };
}

/**
 * Runs `work` (one console run returning its message count) under the CPU profiler and with
 * pg_stat_statements reset before it; writes the .cpuprofile to bench/results and returns
 * the summary.
 */
export async function profileRun(
  name: string,
  ds: DataSource,
  work: () => Promise<number>,
): Promise<ProfileSummary> {
  const pgss = await statementsAvailable(ds).catch(() => false);
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 250 });
  if (pgss) await ds.query(`SELECT pg_stat_statements_reset()`);
  await session.post('Profiler.start');
  let messages = 0;
  let profile: CpuProfile;
  try {
    messages = await work();
  } finally {
    profile = ((await session.post('Profiler.stop')) as { profile: CpuProfile }).profile;
    session.disconnect();
  }
  const pg = pgss ? await statements(ds, messages) : null;
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = join(RESULTS_DIR, `${name}.cpuprofile`);
  writeFileSync(file, JSON.stringify(profile));
  return {
    messages,
    ...summarizeProfile(profile, messages),
    statements: pg?.rows ?? null,
    statementsTotalMs: pg?.totalMs ?? null,
    statementsPlanMs: pg?.planMs ?? null,
    statementsPerMessage: pg && messages > 0 ? pg.calls / messages : null,
    rowsPerMessage: pg && messages > 0 ? pg.touched / messages : null,
    file: `bench/results/${name}.cpuprofile`,
  };
}

/** The summary on the console, for a bench run by hand. */
export function printProfile(s: ProfileSummary): void {
  const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
  console.log(
    `\nprofile (${s.messages} messages, ${s.busyMs.toFixed(0)} ms busy = ${(s.busyMs / s.messages).toFixed(2)} ms/msg; ${s.file})`,
  );
  console.log('by package (self):');
  for (const r of s.packages.slice(0, 12))
    console.log(`  ${pct(r.share).padStart(6)} ${r.perMessageMs.toFixed(3)} ms/msg  ${r.name}`);
  console.log('native time by caller:');
  for (const r of s.nativeCallers.slice(0, 10))
    console.log(`  ${pct(r.share).padStart(6)} ${r.perMessageMs.toFixed(3)} ms/msg  ${r.name}`);
  console.log('top frames (self):');
  for (const r of s.frames.slice(0, 15))
    console.log(`  ${pct(r.share).padStart(6)} ${r.perMessageMs.toFixed(3)} ms/msg  ${r.name}`);
  if (!s.statements) {
    console.log('PostgreSQL statements: pg_stat_statements not loaded on this server');
    return;
  }
  console.log(
    `PostgreSQL statements (exec ${(s.statementsTotalMs ?? 0).toFixed(0)} ms = ${((s.statementsTotalMs ?? 0) / s.messages).toFixed(3)} ms/msg, planning ${((s.statementsPlanMs ?? 0) / s.messages).toFixed(3)} ms/msg; ${(s.statementsPerMessage ?? 0).toFixed(2)} statements and ${(s.rowsPerMessage ?? 0).toFixed(1)} rows per message):`,
  );
  for (const r of s.statements.slice(0, 12))
    console.log(
      `  ${pct(r.share).padStart(6)} ${r.perMessageMs.toFixed(3)} ms/msg (+${r.planPerMessageMs.toFixed(3)} planning) ${String(r.calls).padStart(6)}× ${r.query.slice(0, 100)}`,
    );
}
