import type {
  DispatchEventPayload,
  EventEnvelope,
  EventType,
  ReplayMark,
  ReplayMarkKind,
} from '@sanfang/shared';
import { eventLine } from '../duty-log/event-lines';

/** The events that make marks on the slider. */
export const MARK_TYPES: readonly EventType[] = [
  'warning.issued',
  'warning.updated',
  'warning.cancelled',
  'warning.expired',
  'warning.retracted',
  'response.started',
  'response.level_changed',
  'response.ended',
  'dispatch.created',
  'dispatch.escalated',
  'incident.duty_overdue',
  'instruction.overdue',
];

const MARK_KINDS: Partial<Record<EventType, ReplayMarkKind>> = {
  'warning.issued': 'warning',
  'warning.updated': 'warning',
  'warning.cancelled': 'warning',
  'warning.expired': 'warning',
  'warning.retracted': 'warning',
  'response.started': 'response_started',
  'response.level_changed': 'response_level',
  'response.ended': 'response_ended',
  'dispatch.created': 'first_callout',
  'dispatch.escalated': 'overdue',
  'incident.duty_overdue': 'overdue',
  'instruction.overdue': 'overdue',
};

const markKind = (e: EventEnvelope): ReplayMarkKind | null => MARK_KINDS[e.type] ?? null;

function subjectOf(e: EventEnvelope): string | null {
  const p = e.payload as unknown as Record<string, unknown>;
  for (const k of ['warningId', 'responseId', 'dispatchId', 'incidentId', 'instructionId']) {
    if (typeof p[k] === 'string') return p[k];
  }
  return null;
}

const line = (e: EventEnvelope): string => eventLine(e.type, e.payload as never);

/** Marks in seq order: one per event, but only each response's first call-out. */
export function marksOf(events: readonly EventEnvelope[]): ReplayMark[] {
  const calledOut = new Set<string>();
  const marks: ReplayMark[] = [];
  for (const e of events) {
    const kind = markKind(e);
    if (!kind) continue;
    if (e.type === 'dispatch.created') {
      if (calledOut.has(e.payload.responseId)) continue;
      calledOut.add(e.payload.responseId);
    }
    marks.push({
      kind,
      seq: e.seq,
      at: e.occurredAt,
      type: e.type,
      label: kind === 'first_callout' ? `首次调度：${line(e)}` : line(e),
      subjectId:
        kind === 'first_callout' ? (e.payload as DispatchEventPayload).responseId : subjectOf(e),
    });
  }
  return marks;
}

/** Beijing time to the second (the duty room's clock). */
export function beijing(iso: string): string {
  const s = new Date(Date.parse(iso) + 8 * 3_600_000).toISOString();
  return `${s.slice(0, 10)} ${s.slice(11, 19)}`;
}

/** A CSV cell: quoted when needed; a leading formula character is neutralised. */
const csvCell = (v: string | number): string => {
  let s = String(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** The range's timeline: one row per event, UTF-8 with BOM so Excel reads the Chinese. */
export function timelineCsv(from: string, to: string, events: readonly EventEnvelope[]): string {
  const rows = [
    ['复盘时间线', beijing(from), beijing(to)].map(csvCell).join(','),
    ['时间（北京时间）', '序号', '事件类型', '内容'].join(','),
    ...events.map((e) => [beijing(e.occurredAt), e.seq, e.type, line(e)].map(csvCell).join(',')),
  ];
  return `\uFEFF${rows.join('\r\n')}\r\n`;
}

export interface ReplaySummary {
  from: string;
  to: string;
  keyTimes: { label: string; at: string | null; note: string }[];
  counts: { label: string; value: number }[];
}

const first = (events: readonly EventEnvelope[], type: EventType) =>
  events.find((e) => e.type === type) ?? null;
const lastOf = (events: readonly EventEnvelope[], types: readonly EventType[]) =>
  [...events].reverse().find((e) => types.includes(e.type)) ?? null;

/**
 * Key times and counts of a range (the after-action summary): first warning, activation,
 * first call-out, all on-site leads on site, stand-down; late and overdue counts.
 */
export function summarize(
  from: string,
  to: string,
  events: readonly EventEnvelope[],
): ReplaySummary {
  const warning = first(events, 'warning.issued');
  const started = first(events, 'response.started');
  const callout = first(events, 'dispatch.created');
  const ended = lastOf(events, ['response.ended']);
  // Leads called out in the range, and when each arrived.
  const leads = new Set<string>();
  const arrived = new Map<string, string>();
  let lateAcks = 0;
  let lateArrivals = 0;
  let dispatchOverdue = 0;
  let dutyOverdue = 0;
  let instructionOverdue = 0;
  for (const e of events) {
    if (e.type === 'dispatch.created' && e.payload.role === 'onsite_lead')
      leads.add(e.payload.dispatchId);
    if (e.type === 'dispatch.arrived' && e.payload.role === 'onsite_lead') {
      arrived.set(e.payload.dispatchId, e.occurredAt);
    }
    if (e.type === 'dispatch.acknowledged' && e.payload.late) lateAcks++;
    if (e.type === 'dispatch.arrived' && e.payload.late) lateArrivals++;
    if (e.type === 'dispatch.escalated') dispatchOverdue++;
    if (e.type === 'incident.duty_overdue') dutyOverdue++;
    if (e.type === 'instruction.overdue') instructionOverdue++;
  }
  const onSite = [...leads].filter((id) => arrived.has(id));
  const allOnSite =
    leads.size > 0 && onSite.length === leads.size
      ? onSite
          .map((id) => arrived.get(id)!)
          .sort()
          .at(-1)!
      : null;
  return {
    from,
    to,
    keyTimes: [
      { label: '预警发布', at: warning?.occurredAt ?? null, note: warning ? line(warning) : '' },
      { label: '启动响应', at: started?.occurredAt ?? null, note: started ? line(started) : '' },
      { label: '首次调度', at: callout?.occurredAt ?? null, note: callout ? line(callout) : '' },
      {
        label: '现场负责人全部到岗',
        at: allOnSite,
        note: `${onSite.length}/${leads.size} 名现场负责人到岗`,
      },
      { label: '解除响应', at: ended?.occurredAt ?? null, note: ended ? line(ended) : '' },
    ],
    counts: [
      { label: '迟签收', value: lateAcks },
      { label: '迟到岗', value: lateArrivals },
      { label: '调度超时升级', value: dispatchOverdue },
      { label: '报送逾期', value: dutyOverdue },
      { label: '批示反馈逾期', value: instructionOverdue },
    ],
  };
}

const esc = (s: string): string =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

/** The summary as a printable zh-CN page; every value escaped. */
export function summaryHtml(s: ReplaySummary, marks: readonly ReplayMark[]): string {
  const times = s.keyTimes
    .map(
      (k) =>
        `<tr><th>${esc(k.label)}</th><td>${k.at ? esc(beijing(k.at)) : '—'}</td><td>${esc(k.note)}</td></tr>`,
    )
    .join('\n');
  const counts = s.counts
    .map((c) => `<tr><th>${esc(c.label)}</th><td class="n">${c.value}</td></tr>`)
    .join('\n');
  const markRows = marks
    .map(
      (m) =>
        `<tr><td>${esc(beijing(m.at))}</td><td class="n">${m.seq}</td><td>${esc(m.label)}</td></tr>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>事故复盘摘要</title>
<style>body{font-family:"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:2em}table{border-collapse:collapse;width:100%;margin-bottom:1.5em}td,th{border:1px solid #999;padding:4px 8px;text-align:left}.n{text-align:right}@media print{body{margin:0}}</style>
</head><body>
<h1>事故复盘摘要</h1>
<p>复盘时段：${esc(beijing(s.from))} 至 ${esc(beijing(s.to))}（北京时间）</p>
<h2>关键时间</h2>
<table><tbody>
${times}
</tbody></table>
<h2>统计</h2>
<table><tbody>
${counts}
</tbody></table>
<h2>时间节点</h2>
<table><thead><tr><th>时间</th><th>序号</th><th>内容</th></tr></thead><tbody>
${markRows}
</tbody></table>
</body></html>
`;
}
