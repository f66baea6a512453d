import { type BenchFile, isSummary, type Summary } from './files';

/** One line of the report: the console's figure beside its anchor, the ratio and the target. */
export interface Row {
  measure: string;
  console: Summary | number | null;
  anchor: Summary | number | null;
  unit: string;
  ratio: number | null;
  target: string;
  /** null = no target for this line (reported only). */
  pass: boolean | null;
}

type Rec = Record<string, unknown>;

const obj = (v: unknown): Rec => (typeof v === 'object' && v !== null ? (v as Rec) : {});
const sum = (v: unknown): Summary | null => (isSummary(v) ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const ratioOf = (a: Summary | null, b: Summary | null): number | null =>
  a && b && b.median !== 0 ? a.median / b.median : null;
const check = (v: number | null, ok: (x: number) => boolean): boolean | null =>
  v === null ? null : ok(v);

function live(f: BenchFile): Row[] {
  const rows: Row[] = [];
  for (const [n, raw] of Object.entries(obj(f.results))) {
    const r = obj(raw);
    const c99 = sum(r.console);
    const b99 = sum(r.bare);
    const ratio = ratioOf(c99, b99);
    rows.push(
      {
        measure: `commit→client p50, ${n} clients`,
        console: sum(r.consoleP50),
        anchor: sum(r.bareP50),
        unit: 'ms',
        ratio: ratioOf(sum(r.consoleP50), sum(r.bareP50)),
        target: '—',
        pass: null,
      },
      {
        measure: `commit→client p99, ${n} clients (anchor: bare socket.io broadcast)`,
        console: c99,
        anchor: b99,
        unit: 'ms',
        ratio,
        target: 'ratio ≤ 1.5',
        pass: check(ratio, (x) => x <= 1.5),
      },
      {
        measure: `memory per connected client, ${n} clients`,
        console: sum(r.memKiB),
        anchor: null,
        unit: 'KiB',
        ratio: null,
        target: '≤ 40 KiB',
        pass: check(sum(r.memKiB)?.median ?? null, (x) => x <= 40),
      },
      {
        measure: `event-loop delay p99 under load, ${n} clients`,
        console: sum(r.loopP99),
        anchor: null,
        unit: 'ms',
        ratio: null,
        target: '—',
        pass: null,
      },
    );
  }
  return rows;
}

const cpuTotal = (parts: (number | null)[]): number | null =>
  parts.every((v) => v !== null) ? parts.reduce<number>((a, b) => a + (b ?? 0), 0) : null;

/**
 * Context for the intake benches: CPU per message summed over the processes that share the
 * cores (the console, its senders, PostgreSQL), beside the anchor's (senders, PostgreSQL).
 * `side` picks the console's real path or its HTTP floor (absent in older results).
 */
function cpuRow(what: string, perMessage: unknown, side: 'console' | 'floor' = 'console'): Row[] {
  const c = obj(obj(perMessage)[side]);
  const p = obj(obj(perMessage).plain);
  const console = cpuTotal([num(c.console), num(c.senders), num(c.postgres)]);
  const anchor = cpuTotal([num(p.senders), num(p.postgres)]);
  if (console === null || anchor === null) return [];
  const parts = `console process ${num(c.console)?.toFixed(2)} + senders ${num(c.senders)?.toFixed(2)} + PostgreSQL ${num(c.postgres)?.toFixed(2)} ms`;
  return [
    {
      measure:
        side === 'console'
          ? `context: CPU per ${what} on the shared cores (${parts}; anchor: senders + PostgreSQL)`
          : `context: CPU per request of the HTTP floor (${parts})`,
      console,
      anchor,
      unit: 'ms',
      ratio: anchor !== 0 ? console / anchor : null,
      target: '—',
      pass: null,
    },
  ];
}

/** Context: the console's HTTP floor rate beside the anchor (absent in older results). */
function floorRow(how: string, floor: Summary | null, anchor: Summary | null): Row[] {
  if (!floor) return [];
  return [
    {
      measure: `context: HTTP floor, ${how}`,
      console: floor,
      anchor,
      unit: 'req/s',
      ratio: ratioOf(floor, anchor),
      target: '—',
      pass: null,
    },
  ];
}

function ingest(f: BenchFile): Row[] {
  const r = obj(f.results);
  const ratio = ratioOf(sum(r.consoleRate), sum(r.bareRate));
  const p99 = sum(r.consoleP99);
  return [
    {
      measure: 'CAP ingest rate, 8 senders (anchor: plain INSERT of the raw XML)',
      console: sum(r.consoleRate),
      anchor: sum(r.bareRate),
      unit: 'msg/s',
      ratio,
      target: 'ratio ≥ 0.25',
      pass: check(ratio, (x) => x >= 0.25),
    },
    {
      measure: 'CAP ingest latency p99',
      console: p99,
      anchor: sum(r.bareP99),
      unit: 'ms',
      ratio: ratioOf(p99, sum(r.bareP99)),
      target: '≤ 50 ms',
      pass: check(p99?.median ?? null, (x) => x <= 50),
    },
    ...floorRow(
      'the same posts refused after authentication (no parsing, no database)',
      sum(r.httpFloorRate),
      sum(r.bareRate),
    ),
    ...cpuRow('message', r.cpuPerMessageMs),
    ...cpuRow('message', r.cpuPerMessageMs, 'floor'),
  ];
}

/** Main-thread cost of 50 point-state changes: the console's diff, the full setData anchor. */
function map(f: BenchFile): Row[] {
  const r = obj(f.results);
  const rows: Row[] = [
    {
      measure: 'time to first rendered map with all seeded layers',
      console: sum(r.firstMapMs),
      anchor: null,
      unit: 'ms',
      ratio: null,
      target: '—',
      pass: null,
    },
  ];
  for (const [name, label] of [
    ['plain', '5,000-point layer'],
    ['clustered', '5,000-point clustered layer'],
  ] as const) {
    const x = obj(r[name]);
    const diff = sum(x.diffMainThreadMs);
    const full = sum(x.fullMainThreadMs);
    const times = ratioOf(full, diff);
    rows.push({
      measure: `50 point-state changes, ${label}: diff (anchor: full setData), ratio = full ÷ diff`,
      console: diff,
      anchor: full,
      unit: 'ms',
      ratio: times,
      target: name === 'plain' ? 'ratio ≥ 3' : '—',
      pass: name === 'plain' ? check(times, (v) => v >= 3) : null,
    });
  }
  return rows;
}

function dispatch(f: BenchFile): Row[] {
  const r = obj(f.results);
  const e2e = sum(r.endToEndMs);
  const late = obj(r.escalationLatenessMs);
  const lateP99 = num(late.p99);
  return [
    {
      measure: `whole-district activation end to end, ${num(f.contacts) ?? '?'} contacts (anchor: plain multi-row INSERT)`,
      console: e2e,
      anchor: sum(r.anchorInsertMs),
      unit: 'ms',
      ratio: ratioOf(e2e, sum(r.anchorInsertMs)),
      target: '≤ 1000 ms',
      pass: check(e2e?.median ?? null, (x) => x <= 1000),
    },
    {
      measure: '… every dispatch row committed',
      console: sum(r.rowsCommittedMs),
      anchor: null,
      unit: 'ms',
      ratio: null,
      target: '—',
      pass: null,
    },
    {
      measure: '… every message handed to the channel',
      console: sum(r.handedToChannelMs),
      anchor: null,
      unit: 'ms',
      ratio: null,
      target: '—',
      pass: null,
    },
    {
      measure: '… every connected contact client received its dispatch',
      console: sum(r.allClientsReceivedMs),
      anchor: null,
      unit: 'ms',
      ratio: null,
      target: '—',
      pass: null,
    },
    {
      measure: `escalation lateness p99 over ${num(late.timers) ?? '?'} timers (one run; p50 ${num(late.p50)?.toFixed(0) ?? '?'} ms, max ${num(late.max)?.toFixed(0) ?? '?'} ms)`,
      console: lateP99,
      anchor: null,
      unit: 'ms',
      ratio: null,
      target: '≤ 1000 ms',
      pass: check(lateP99, (x) => x <= 1000),
    },
  ];
}

function incidents(f: BenchFile): Row[] {
  const r = obj(f.results);
  const c = obj(r.console);
  const p = obj(r.plainInsert);
  const ratio = sum(r.rateRatio)?.median ?? ratioOf(sum(c.rate), sum(p.rate));
  return [
    {
      measure: `incident intake rate, ${num(f.reports) ?? '?'} reports from ${num(f.senders) ?? '?'} senders (anchor: plain INSERT of the JSON)`,
      console: sum(c.rate),
      anchor: sum(p.rate),
      unit: 'reports/s',
      ratio,
      target: 'ratio ≥ 0.25',
      pass: check(ratio, (x) => x >= 0.25),
    },
    {
      measure: 'incident intake latency p99',
      console: sum(c.p99),
      anchor: sum(p.p99),
      unit: 'ms',
      ratio: ratioOf(sum(c.p99), sum(p.p99)),
      target: '—',
      pass: null,
    },
    ...floorRow(
      'the same posts refused by validation (authentication, JSON parsing and validation; no database)',
      sum(obj(r.httpFloor).rate),
      sum(p.rate),
    ),
    ...cpuRow('report', r.cpuPerReportMs),
    ...cpuRow('report', r.cpuPerReportMs, 'floor'),
  ];
}

function reconnect(f: BenchFile): Row[] {
  const r = obj(f.results);
  const c = obj(r.console);
  const b = obj(r.bare);
  const tail = sum(c.tailMs);
  const all = (sum(c.caughtUp)?.min ?? -1) === num(f.clients);
  return [
    {
      measure: `reconnect storm: ${num(f.clients) ?? '?'} clients within ${(num(f.spreadMs) ?? 0) / 1000} s, ${num(f.missedEvents) ?? '?'} missed events — storm start until every client caught up (anchor: bare socket.io replaying from memory)`,
      console: sum(c.allCaughtUpMs),
      anchor: sum(b.allCaughtUpMs),
      unit: 'ms',
      ratio: ratioOf(sum(c.allCaughtUpMs), sum(b.allCaughtUpMs)),
      target: 'all caught up',
      pass: all,
    },
    {
      measure: '… after the last client reconnected (tail)',
      console: tail,
      anchor: sum(b.tailMs),
      unit: 'ms',
      ratio: null,
      target: `≤ ${num(obj(f.targets).tailMs) ?? 5000} ms`,
      pass: check(tail?.median ?? null, (x) => x <= (num(obj(f.targets).tailMs) ?? 5000)),
    },
    {
      measure: '… each client, reconnect → caught up, p99',
      console: sum(c.perClientP99),
      anchor: sum(b.perClientP99),
      unit: 'ms',
      ratio: ratioOf(sum(c.perClientP99), sum(b.perClientP99)),
      target: '—',
      pass: null,
    },
    {
      measure: 'event-loop delay p99 during the storm',
      console: sum(r.loopP99),
      anchor: null,
      unit: 'ms',
      ratio: null,
      target: '—',
      pass: null,
    },
  ];
}

/** Any other result file (e.g. bench:map): every median/min/max it holds, by path. */
function generic(f: BenchFile): Row[] {
  const rows: Row[] = [];
  const walk = (v: unknown, path: string): void => {
    if (isSummary(v)) {
      rows.push({
        measure: path,
        console: v,
        anchor: null,
        unit: '',
        ratio: null,
        target: '—',
        pass: null,
      });
      return;
    }
    for (const [k, x] of Object.entries(obj(v))) walk(x, path ? `${path}.${k}` : k);
  };
  walk(f.results, '');
  return rows;
}

const BY_NAME: Record<string, (f: BenchFile) => Row[]> = {
  live,
  ingest,
  dispatch,
  incidents,
  reconnect,
  map,
};

export function rowsOf(f: BenchFile): Row[] {
  return (BY_NAME[f.bench] ?? generic)(f);
}
