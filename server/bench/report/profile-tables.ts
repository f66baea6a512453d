import type { BenchFile } from './files';

interface Frame {
  name: string;
  selfMs: number;
  share: number;
  perMessageMs: number;
}

interface Statement {
  query: string;
  calls: number;
  totalMs: number;
  share: number;
  perMessageMs: number;
  /** absent in results written before planning was measured */
  planPerMessageMs?: number;
  meanMs: number;
  rows: number;
}

interface Profile {
  messages: number;
  busyMs: number;
  frames: Frame[];
  packages: Frame[];
  /** absent in results written before it was measured */
  nativeCallers?: Frame[];
  statements: Statement[] | null;
  statementsTotalMs: number | null;
  statementsPlanMs?: number | null;
  statementsPerMessage?: number | null;
  rowsPerMessage?: number | null;
  file: string;
}

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
const ms = (x: number): string => x.toFixed(3);
/** A table cell: no pipes or newlines, long SQL cut. */
const cellText = (s: string, max = 160): string => {
  const t = s.replace(/\|/g, '\\|').replace(/\s+/g, ' ');
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
};

/**
 * The profile tables of an intake bench run with BENCH_PROFILE=1 (lib/profile.ts): where the
 * console's CPU went, by package and by function (self time), and PostgreSQL's statements by
 * their share of execution time. Empty when the run had no profile.
 */
export function profileTables(f: BenchFile): string[] {
  const p = f.profile as Profile | null | undefined;
  if (!p || !Array.isArray(p.frames)) return [];
  const load = Array.isArray(f.load)
    ? (f.load as number[]).map((x) => x.toFixed(2)).join(', ')
    : '?';
  const out = [
    `Profile: one more console run after the measured ones, under V8's sampling profiler (${p.messages} messages, ${ms(p.busyMs / Math.max(1, p.messages))} ms sampled non-idle time per message; the profiler's own cost and time spent preempted on the shared cores are in it, so read shares, not absolute times). Load average at the end of the bench: ${load}. Raw profile: \`${p.file}\` (open in Chrome DevTools).`,
    '',
    '| console CPU by package (self time) | share | ms per message |',
    '|---|---|---|',
    ...p.packages
      .slice(0, 15)
      .map((r) => `| ${cellText(r.name)} | ${pct(r.share)} | ${ms(r.perMessageMs)} |`),
    '',
    ...(p.nativeCallers?.length
      ? [
          '| native time (syscalls, crypto) by the package that called it | share | ms per message |',
          '|---|---|---|',
          ...p.nativeCallers
            .slice(0, 10)
            .map((r) => `| ${cellText(r.name)} | ${pct(r.share)} | ${ms(r.perMessageMs)} |`),
          '',
        ]
      : []),
    '| console top functions (self time) | share | ms per message |',
    '|---|---|---|',
    ...p.frames
      .slice(0, 20)
      .map((r) => `| ${cellText(r.name)} | ${pct(r.share)} | ${ms(r.perMessageMs)} |`),
    '',
  ];
  if (!p.statements) {
    out.push('PostgreSQL statements: pg_stat_statements not loaded on this server.', '');
    return out;
  }
  out.push(
    `PostgreSQL statements of the profiled run (pg_stat_statements, top-level; execution time ${ms((p.statementsTotalMs ?? 0) / Math.max(1, p.messages))} ms per message — wall time inside the server, lock waits included${typeof p.statementsPlanMs === 'number' ? `, and ${ms(p.statementsPlanMs / Math.max(1, p.messages))} ms of planning` : ''}; ${p.statementsPerMessage?.toFixed(2) ?? '?'} statements and ${p.rowsPerMessage?.toFixed(1) ?? '?'} rows read or written per message, which load does not change):`,
    '',
    '| statement | calls | share of exec time | ms per message | planning ms per message | mean ms | rows |',
    '|---|---|---|---|---|---|---|',
    ...p.statements
      .slice(0, 15)
      .map(
        (r) =>
          `| \`${cellText(r.query, 140).replace(/`/g, "'")}\` | ${r.calls} | ${pct(r.share)} | ${ms(r.perMessageMs)} | ${r.planPerMessageMs === undefined ? '—' : ms(r.planPerMessageMs)} | ${r.meanMs.toFixed(2)} | ${r.rows} |`,
      ),
    '',
  );
  return out;
}
