import type { UpwardKind } from '@sanfang/shared';
import { GRADE_NAMES } from '../incidents/grading';
import { STATUS_NAMES, TYPE_NAMES } from '../incidents/labels';
import type { DutyFacts } from './duty-desk.repository';
import { localTime } from './shifts';

export const KIND_NAMES: Record<UpwardKind, string> = {
  initial: '初报',
  followup: '续报',
  final: '终报',
};
const CHANNELS: Record<string, string> = {
  phone: '电话',
  written: '书面',
  fax: '传真',
  system: '系统',
  message: '短信',
};

/** 初报 for a grade's first duty, 终报 once the incident is resolved, else 续报. */
export function upwardKind(f: DutyFacts): UpwardKind {
  if (f.incident.status === 'resolved' || f.incident.status === 'closed') return 'final';
  return f.trigger === 'grade' ? 'initial' : 'followup';
}

/**
 * The report as sent (zh-CN plain text): the incident's facts as they stood at `sentAt`,
 * stored with the record so a reprint shows what was reported, not what is known now.
 */
export function upwardReportText(
  f: DutyFacts,
  kind: UpwardKind,
  recipients: string[],
  sentAt: Date,
  sentBy: string,
): string {
  const i = f.incident;
  const loss =
    i.directLossCny > 0 ? `；直接经济损失约 ${i.directLossCny.toLocaleString('zh-CN')} 元` : '';
  return [
    `宝安区三防值班室 事件${KIND_NAMES[kind]}`,
    `报送对象：${recipients.join('、') || '—'}`,
    `报送方式：${CHANNELS[f.channel ?? ''] ?? f.channel ?? '—'}（${f.name}）`,
    `报送时间：${localTime(sentAt)}\u3000报送人：${sentBy}`,
    `事件名称：${i.title}`,
    `事件类型：${TYPE_NAMES[i.type]}\u3000事件等级：${GRADE_NAMES[i.grade]}\u3000处置状态：${STATUS_NAMES[i.status]}`,
    `发生时间：${localTime(i.occurredAt)}\u3000发生地点：${i.address ?? '—'}`,
    `伤亡情况：死亡 ${i.deaths} 人，重伤 ${i.seriousInjuries} 人，失踪 ${i.missing} 人，被困 ${i.trapped} 人${loss}`,
    `基本情况：${i.description || '—'}`,
    ...(f.note ? [`备注：${f.note}`] : []),
    `（事件信息截至 ${localTime(sentAt)}，第 ${i.version} 版）`,
  ].join('\n');
}

const esc = (s: string): string =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

/** A printable page of one report (A4, the console's font stack). */
export function upwardReportHtml(title: string, text: string): string {
  const [head = '', ...lines] = text.split('\n');
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(title)}</title>
<style>@page{size:A4;margin:20mm}body{font-family:"Noto Sans SC","Noto Sans CJK SC",sans-serif;font-size:14pt;line-height:1.8}h1{font-size:18pt;text-align:center}p{margin:0}</style>
</head><body><h1>${esc(head)}</h1>${lines.map((l) => `<p>${esc(l)}</p>`).join('')}</body></html>`;
}
