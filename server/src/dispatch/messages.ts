import type { ContactRole, ResponseHazard, ResponseLevel } from '@sanfang/shared';

/** Message texts (Chinese: they go to contacts' phones). */
const ROLE_ZH: Record<ContactRole, string> = {
  onsite_lead: '社区现场负责人',
  onsite_lead_backup: '社区现场负责人(B角)',
  drainage: '排水责任人',
  traffic_police: '交警责任人',
  fire_rescue: '消防救援责任人',
};
const HAZARD_ZH: Record<ResponseHazard, string> = {
  flood: '防汛',
  typhoon: '防台风',
  drought: '防旱',
  freeze: '防冻',
};
const LEVEL_ZH: Record<ResponseLevel, string> = {
  attention: '关注级',
  IV: 'Ⅳ级',
  III: 'Ⅲ级',
  II: 'Ⅱ级',
  I: 'Ⅰ级',
};

export interface CalloutText {
  hazard: ResponseHazard;
  level: ResponseLevel;
  role: ContactRole;
  pointName: string;
  code: string;
  link: string;
  onsiteMinutes: number | null;
}

export function calloutText(c: CalloutText, again = false): string {
  const onsite =
    c.onsiteMinutes !== null ? `请于${c.onsiteMinutes}分钟内到达现场，` : '请立即响应，';
  return (
    `【宝安三防】${again ? '再次提醒：' : ''}${HAZARD_ZH[c.hazard]}${LEVEL_ZH[c.level]}应急响应已启动。` +
    `${ROLE_ZH[c.role]}，积水点「${c.pointName}」${onsite}` +
    `回复“${c.code} A”表示收到，“${c.code} D”表示已到场，或打开 ${c.link}`
  );
}

export function standDownText(pointName: string, code: string): string {
  return `【宝安三防】积水点「${pointName}」的调度（${c(code)}）已解除，感谢值守。`;
}
const c = (code: string): string => `编号${code}`;

export function escalationText(
  step: number,
  ladder: 'ack' | 'arrive',
  role: ContactRole,
  contactName: string,
  pointName: string,
): string {
  const what = ladder === 'ack' ? '未应答' : '未按时到场';
  return `【宝安三防】升级提醒（第${step}级）：积水点「${pointName}」${ROLE_ZH[role]}${contactName}${what}，请跟进。`;
}
