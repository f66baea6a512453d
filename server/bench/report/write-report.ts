import { execFileSync } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import {
  type BenchFile,
  isSummary,
  readJson,
  REPORT_PATH,
  RESULTS_DIR,
  ROOT,
  type RunLog,
  type Summary,
} from './files';
import { profileTables } from './profile-tables';
import { type Row, rowsOf } from './rows';

const ORDER = ['live', 'ingest', 'dispatch', 'incidents', 'map', 'reconnect'];

const n = (x: number): string =>
  !Number.isFinite(x) ? 'n/a' : Math.abs(x) >= 100 ? x.toFixed(0) : x.toFixed(2);

function cell(v: Summary | number | null): string {
  if (v === null) return '—';
  if (!isSummary(v)) return n(v);
  return v.min === v.max ? n(v.median) : `${n(v.median)} (${n(v.min)}–${n(v.max)})`;
}

const verdict = (p: boolean | null): string => (p === null ? '' : p ? 'pass' : '**FAIL**');

function table(rows: Row[]): string[] {
  const out = [
    '| measure | console, median (min–max) | anchor, same run | ratio | target | result |',
    '|---|---|---|---|---|---|',
  ];
  for (const r of rows) {
    const u = r.unit ? ` ${r.unit}` : '';
    out.push(
      `| ${r.measure} | ${cell(r.console)}${r.console === null ? '' : u} | ${cell(r.anchor)}${r.anchor === null ? '' : u} | ${r.ratio === null ? '—' : n(r.ratio)} | ${r.target} | ${verdict(r.pass)} |`,
    );
  }
  return out;
}

/** bench/REPORT.md from bench/results/*.json (and run.json, when `npm run bench` wrote it). */
export function writeReport(): string {
  const run = readJson<RunLog>(join(RESULTS_DIR, 'run.json'));
  const files = readdirSync(RESULTS_DIR)
    .filter((f) => f.endsWith('.json') && f !== 'run.json')
    .map((f) => readJson<BenchFile>(join(RESULTS_DIR, f)))
    .filter((f): f is BenchFile => f !== null && typeof f.bench === 'string');
  const byName = new Map(files.map((f) => [f.bench, f]));
  const names = [
    ...new Set([
      ...ORDER.filter((x) => byName.has(x) || run?.benches.some((b) => b.name === x)),
      ...byName.keys(),
    ]),
  ];
  const pg = [...new Set(files.map((f) => f.machine?.postgres).filter(Boolean))].join(', ');
  const engines = [...new Set(files.map((f) => f.machine?.engine).filter(Boolean))].join(', ');
  const lines = [
    '# Benchmark report',
    '',
    `Generated ${new Date().toISOString()}${run ? ` from the run started ${run.startedAt}${run.quick ? ' (**BENCH_QUICK: tiny sizes, not evidence**)' : ''}` : ''}.`,
    '',
    `Machine: ${cpus().length} cores (${cpus()[0]?.model.trim() ?? 'unknown CPU'}), ${Math.round(totalmem() / 2 ** 30)} GiB memory, Node ${process.version}, PostgreSQL ${pg || 'unknown'} (${engines || 'engine unknown'}).`,
    '',
    'Each benchmark measures the console and its bare anchor in the same run, on the same machine;',
    'figures are medians over the runs, with min and max. Ratio = console ÷ anchor (for rates,',
    'higher is better; for times, lower is better). Anchors: bare socket.io broadcast (live), plain',
    'PostgreSQL INSERT (ingest, incidents, dispatch), bare socket.io replay from memory (reconnect),',
    'full setData (map).',
    '',
  ];
  let failed = 0;
  for (const name of names) {
    const f = byName.get(name);
    const st = run?.benches.find((b) => b.name === name);
    lines.push(`## bench:${name}`, '');
    if (st) {
      const env = Object.entries(st.env)
        .map(([k, v]) => `${k}=${v}`)
        .join(' ');
      lines.push(
        `Status: ${st.status}${st.seconds ? ` in ${st.seconds} s` : ''}${env ? ` — ${env}` : ''}.`,
        '',
      );
    }
    if (!f) {
      lines.push(
        st?.status === 'not available' ? 'Not available in this checkout.' : 'No result file.',
        '',
      );
      continue;
    }
    const m = f.machine ?? {};
    lines.push(
      `Run ${m.date ?? '?'}: ${f.runs ?? '?'} runs, ${m.cores ?? '?'} cores, ${m.memoryGiB ?? '?'} GiB, Node ${m.node ?? '?'}, ${m.postgres ? `PostgreSQL ${m.postgres} (${m.engine ?? '?'})` : `browser WebGL ${(m as { webgl?: string }).webgl ?? '?'}`}.`,
      '',
    );
    const rows = rowsOf(f);
    failed += rows.filter((r) => r.pass === false).length;
    lines.push(...table(rows), '', ...profileTables(f));
  }
  lines.splice(
    4,
    0,
    `**${failed === 0 ? 'Every stated target met' : `${failed} target(s) not met`}** in the figures below.`,
    '',
  );
  writeFileSync(REPORT_PATH, lines.join('\n'));
  // Committed as written: keep it as the repository's prettier check wants it.
  try {
    execFileSync(join(ROOT, 'node_modules/.bin/prettier'), ['--write', REPORT_PATH], {
      stdio: 'ignore',
    });
  } catch {
    console.warn('prettier not available: bench/REPORT.md left unformatted');
  }
  return REPORT_PATH;
}
