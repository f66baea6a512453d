import { readdirSync, readFileSync } from 'node:fs';
import { fmt, median } from './stats';

/**
 * CPU time (ms, user + system) used so far by the processes a bench run involves: this one
 * (the console), the sender worker, and every PostgreSQL process on the machine (the
 * embedded server's, or the service's). Read from /proc; NaN where there is none.
 *
 * Differences of two samples, divided by the messages a run sent, give each side's CPU per
 * message: on a small machine the three share the same cores, so this is the budget a rate
 * is paid from.
 */
export interface CpuSample {
  console: number;
  senders: number;
  postgres: number;
}

/** A sample as taken: PostgreSQL per process, since backends start and end during a run. */
export interface CpuReading {
  console: number;
  senders: number;
  postgres: Map<string, number>;
}

const TICK_MS = 10; // USER_HZ is 100 on Linux

function ticksOf(pid: number | string): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces): state is field 3, utime 14, stime 15.
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(rest[11]) + Number(rest[12]);
  } catch {
    return NaN;
  }
}

/**
 * The bench's own PostgreSQL server (its postmaster pid): only it and its children count.
 * Unset, every process named postgres counts — on a shared machine, other users' servers too.
 */
let postmaster: number | null = null;

/** Counts only this server's processes from now on: the parent of one of its backends. */
export async function trackPostgres(
  query: (sql: string) => Promise<{ pid: number }[]>,
): Promise<void> {
  const [row] = await query(`SELECT pg_backend_pid() AS pid`);
  const ppid = row ? parentOf(row.pid) : NaN;
  postmaster = Number.isFinite(ppid) ? ppid : null;
}

function parentOf(pid: number | string): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return NaN;
  }
}

function postgresMs(): Map<string, number> {
  const out = new Map<string, number>();
  let dirs: string[] = [];
  try {
    dirs = readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  } catch {
    /* no /proc: nothing to read */
  }
  for (const pid of dirs) {
    try {
      if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() !== 'postgres') continue;
      if (postmaster !== null && Number(pid) !== postmaster && parentOf(pid) !== postmaster)
        continue;
    } catch {
      continue; // gone meanwhile
    }
    const t = ticksOf(pid);
    if (Number.isFinite(t)) out.set(pid, t * TICK_MS);
  }
  return out;
}

export function cpuSample(senderPid: number | undefined): CpuReading {
  return {
    console: ticksOf(process.pid) * TICK_MS,
    senders: senderPid === undefined ? NaN : ticksOf(senderPid) * TICK_MS,
    postgres: postgresMs(),
  };
}

/**
 * CPU ms per message between two readings, for `n` messages. A PostgreSQL process that
 * started meanwhile counts in full; one that ended meanwhile is lost (short-lived only).
 */
export function cpuPerMessage(before: CpuReading, after: CpuReading, n: number): CpuSample {
  let pg = 0;
  for (const [pid, ms] of after.postgres) pg += ms - (before.postgres.get(pid) ?? 0);
  return {
    console: (after.console - before.console) / n,
    senders: (after.senders - before.senders) / n,
    postgres: after.postgres.size === 0 ? NaN : pg / n,
  };
}

export const fmtCpu = (c: CpuSample, withConsole = true): string =>
  [
    withConsole ? `console ${fmt(c.console)}` : null,
    `senders ${fmt(c.senders)}`,
    `PostgreSQL ${fmt(c.postgres)}`,
    `total ${fmt((withConsole ? c.console : 0) + c.senders + c.postgres)} ms`,
  ]
    .filter(Boolean)
    .join(' · ');

/** The median of each side over runs. */
export function medianCpu(runs: CpuSample[]): CpuSample {
  const m = (k: keyof CpuSample): number => median(runs.map((r) => r[k]));
  return { console: m('console'), senders: m('senders'), postgres: m('postgres') };
}
