import type { DutyReport, MonthlyReport } from '@sanfang/shared';
import { GRADE_NAMES } from '../incidents/grading';
import { TYPE_NAMES } from '../incidents/labels';
import { localTime } from './report-window';

const esc = (s: string): string =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
const pct = (r: number | null): string => (r === null ? '—' : `${(r * 100).toFixed(1)}%`);

/** The report as (section, item, value) rows: the CSV and the HTML tables share them. */
export function reportRows(r: DutyReport): [string, string, string][] {
  const rows: [string, string, string][] = [
    ['事件', '事件总数', String(r.incidents.total)],
    ...Object.entries(r.incidents.byType).map(([k, v]): [string, string, string] => [
      '事件',
      `类型：${TYPE_NAMES[k as keyof typeof TYPE_NAMES] ?? k}`,
      String(v),
    ]),
    ...Object.entries(r.incidents.byGrade).map(([k, v]): [string, string, string] => [
      '事件',
      `等级：${GRADE_NAMES[k as keyof typeof GRADE_NAMES] ?? k}`,
      String(v),
    ]),
    ['事件', '死亡人数', String(r.incidents.deaths)],
    ['事件', '报区领导（起）', String(r.incidents.escalatedToDistrict)],
    ['事件', '报市（起）', String(r.incidents.reportedToCity)],
    ['事件', '到期报送任务', String(r.incidents.dutiesDue)],
    ['事件', '按时完成', String(r.incidents.dutiesOnTime)],
    ['事件', '按时报送率', pct(r.incidents.onTimeRate)],
    ['预警', '发布', String(r.warnings.issued)],
    ...Object.entries(r.warnings.issuedBySignal).map(([k, v]): [string, string, string] => [
      '预警',
      `发布：${k}`,
      String(v),
    ]),
    ['预警', '更新', String(r.warnings.updated)],
    ['预警', '解除', String(r.warnings.cancelled)],
    ['预警', '过期', String(r.warnings.expired)],
    ['预警', '撤回', String(r.warnings.retracted)],
    ['应急响应', '启动', String(r.responses.started)],
    ['应急响应', '级别调整', String(r.responses.levelChanged)],
    ['应急响应', '结束', String(r.responses.ended)],
    ...Object.entries(r.responses.highestLevel).map(([k, v]): [string, string, string] => [
      '应急响应',
      `最高级别：${k}`,
      v,
    ]),
    ['调度', '发出', String(r.dispatch.created)],
    ['调度', '叫应', String(r.dispatch.acknowledged)],
    ['调度', '按时叫应', String(r.dispatch.acknowledgedOnTime)],
    ['调度', '叫应率', pct(r.dispatch.ackRate)],
    ['调度', '到岗', String(r.dispatch.arrived)],
    ['调度', '按时到岗', String(r.dispatch.arrivedOnTime)],
    ['调度', '按时到岗率', pct(r.dispatch.onTimeArrivalRate)],
    ['调度', '升级', String(r.dispatch.escalated)],
    ['叫应', '呼叫', String(r.calls.called)],
    ['叫应', '应答', String(r.calls.answered)],
    ['叫应', '按时应答', String(r.calls.answeredOnTime)],
    ['叫应', '超时未应答', String(r.calls.overdue)],
    ['叫应', '连通性测试', String(r.calls.drills)],
    ['避难场所', '开放', String(r.shelters.opened)],
    ['避难场所', '关闭', String(r.shelters.closed)],
    ['避难场所', '开放容量', String(r.shelters.capacityOpened)],
    ['避难场所', '最高安置人数', String(r.shelters.peakOccupancy)],
    ['救援队伍', '出动队伍', String(r.teams.deployed)],
    ['救援队伍', '派遣次数', String(r.teams.assignments)],
    ['领导批示', '收到', String(r.instructions.received)],
    ['领导批示', '单位反馈', String(r.instructions.answered)],
    ['领导批示', '办结', String(r.instructions.closed)],
    ['领导批示', '反馈超时', String(r.instructions.overdue)],
    ['上报', '报送（次）', String(r.upwardReports.sent)],
    ...Object.entries(r.upwardReports.byRecipient).map(([k, v]): [string, string, string] => [
      '上报',
      `报送对象：${k}`,
      String(v),
    ]),
    ['上报', '迟报', String(r.upwardReports.late)],
    ['上报', '漏报（到期未报）', String(r.upwardReports.missed)],
  ];
  return rows;
}

const csvCell = (s: string): string => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** CSV with a BOM so Excel opens the Chinese text as UTF-8. */
export function reportCsv(r: DutyReport, days: MonthlyReport['days'] = []): string {
  const lines = [
    ['报表', '起', '止'].join(','),
    [r.title, localTime(new Date(r.from)), localTime(new Date(r.to))].map(csvCell).join(','),
    '',
    ['分类', '项目', '数值'].join(','),
    ...reportRows(r).map((row) => row.map(csvCell).join(',')),
  ];
  if (days.length) {
    lines.push(
      '',
      ['日期', '事件', '预警发布', '调度', '叫应呼叫', '叫应应答', '叫应超时'].join(','),
    );
    for (const d of days)
      lines.push(
        [
          d.date,
          d.incidents,
          d.warningsIssued,
          d.dispatches,
          d.calls,
          d.callsAnswered,
          d.callsOverdue,
        ].join(','),
      );
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** Printable HTML in Chinese; every value escaped. */
export function reportHtml(r: DutyReport, days: MonthlyReport['days'] = []): string {
  const body = reportRows(r)
    .map(([s, k, v]) => `<tr><td>${esc(s)}</td><td>${esc(k)}</td><td class="n">${esc(v)}</td></tr>`)
    .join('\n');
  const daily = days.length
    ? `<h2>逐日统计</h2><table><thead><tr><th>日期</th><th>事件</th><th>预警发布</th><th>调度</th><th>叫应呼叫</th><th>叫应应答</th><th>叫应超时</th></tr></thead><tbody>${days
        .map(
          (d) =>
            `<tr><td>${esc(d.date)}</td><td class="n">${d.incidents}</td><td class="n">${d.warningsIssued}</td><td class="n">${d.dispatches}</td><td class="n">${d.calls}</td><td class="n">${d.callsAnswered}</td><td class="n">${d.callsOverdue}</td></tr>`,
        )
        .join('')}</tbody></table>`
    : '';
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(r.title)}</title>
<style>body{font-family:"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:2em}table{border-collapse:collapse;width:100%}td,th{border:1px solid #999;padding:4px 8px}.n{text-align:right}@media print{body{margin:0}}</style>
</head><body>
<h1>${esc(r.title)}</h1>
<p>统计时段：${esc(localTime(new Date(r.from)))} 至 ${esc(localTime(new Date(r.to)))}（北京时间）</p>
<table><thead><tr><th>分类</th><th>项目</th><th>数值</th></tr></thead><tbody>
${body}
</tbody></table>
${daily}
</body></html>`;
}
