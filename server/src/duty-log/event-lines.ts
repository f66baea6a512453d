import type {
  DispatchEventPayload,
  EventMap,
  EventType,
  IncidentDutyPayload,
  IncidentEventPayload,
  ResponseEventPayload,
  ShelterEventPayload,
  WarningEventPayload,
} from '@sanfang/shared';
import { GRADE_NAMES } from '../incidents/grading';
import { STATUS_NAMES, TYPE_NAMES } from '../incidents/labels';

type Line<K extends EventType> = (p: EventMap[K]) => string;

const COLOURS: Record<string, string> = {
  white: '白色',
  blue: '蓝色',
  yellow: '黄色',
  orange: '橙色',
  red: '红色',
};
const LEVELS: Record<string, string> = {
  attention: '关注级',
  IV: 'Ⅳ级',
  III: 'Ⅲ级',
  II: 'Ⅱ级',
  I: 'Ⅰ级',
};
const HAZARDS: Record<string, string> = {
  flood: '防汛',
  typhoon: '防台风',
  drought: '防旱',
  freeze: '防冻',
};

const warning = (verb: string) => (p: WarningEventPayload) =>
  `预警${verb}：${p.headline || `${p.hazard}${p.colour ? COLOURS[p.colour] : ''}`}${p.status === 'Actual' ? '' : `（${p.status}）`}`;
const response = (verb: string) => (p: ResponseEventPayload) =>
  `${HAZARDS[p.hazard] ?? p.hazard}应急响应${verb}：${LEVELS[p.level] ?? p.level}${p.previousLevel ? `（原${LEVELS[p.previousLevel] ?? p.previousLevel}）` : ''}${p.reason ? `，${p.reason}` : ''}`;
const dispatch = (verb: string) => (p: DispatchEventPayload) =>
  `调度${verb}：联系人 ${p.contactId.slice(0, 8)}（${p.role}）${p.late ? '，超时' : ''}`;
const shelter = (verb: string) => (p: ShelterEventPayload) =>
  `避难场所${verb}：${p.shelterId.slice(0, 8)}，安置 ${p.occupancy}/${p.capacity} 人`;
const incident = (verb: string) => (p: IncidentEventPayload) =>
  `事件${verb}：${p.title}（${TYPE_NAMES[p.type]}，${GRADE_NAMES[p.grade]}，${STATUS_NAMES[p.status]}，死亡${p.casualties.deaths} 重伤${p.casualties.seriousInjuries} 失踪${p.casualties.missing} 被困${p.casualties.trapped}）`;
const duty = (verb: string) => (p: IncidentDutyPayload) =>
  `报送任务${verb}：${p.name}（${GRADE_NAMES[p.grade]}，时限 ${p.dueAt}）`;

/**
 * One readable Chinese line per event type. A Record over every EventType, so a new event
 * cannot be added without saying how it reads in the duty log (the compiler insists).
 */
export const EVENT_LINES: { [K in EventType]: Line<K> } = {
  'notice.posted': (p) => `通知：${p.text}`,
  'warning.issued': warning('发布'),
  'warning.updated': warning('更新'),
  'warning.cancelled': warning('解除'),
  'warning.expired': warning('过期'),
  'warning.retracted': warning('撤回'),
  'response.suggested': (p) =>
    `建议${p.action === 'end' ? '结束' : '启动/调整'}${HAZARDS[p.hazard] ?? p.hazard}响应${p.level ? LEVELS[p.level] : ''}：${p.reason}`,
  'response.started': response('启动'),
  'response.level_changed': response('调整'),
  'response.ended': response('结束'),
  'dispatch.created': dispatch('发出'),
  'dispatch.acknowledged': dispatch('已叫应'),
  'dispatch.arrived': dispatch('已到岗'),
  'dispatch.escalated': dispatch('升级'),
  'dispatch.stood_down': dispatch('解除'),
  'incident.reported': incident('接报'),
  'incident.updated': incident('更新'),
  'incident.regraded': (p) =>
    `事件定级调整：${p.title} ${p.previousGrade ? GRADE_NAMES[p.previousGrade] : ''}→${GRADE_NAMES[p.grade]}`,
  'incident.status_changed': (p) => `事件状态：${p.title} → ${STATUS_NAMES[p.status]}`,
  'incident.report_merged': (p) => `同一事件再次报告（${p.source} ${p.externalId}）已并入`,
  'incident.duty_started': duty('开始'),
  'incident.duty_done': (p) =>
    `报送任务完成：${p.name}${p.onTime === false ? '（超时）' : '（按时）'}`,
  'incident.duty_overdue': duty('超时'),
  'incident.duty_escalated': duty('超时升级'),
  'incident.duty_superseded': duty('因定级调整取消'),
  'incident.team_assigned': (p) =>
    `派出救援队伍：${p.teamName}${p.distanceM === null ? '' : `（距离约 ${(p.distanceM / 1000).toFixed(1)} km）`}`,
  'incident.sensor_alarm': (p) =>
    `积水监测${p.state === 'raised' ? '报警' : '报警解除'}：${p.pointCode} ${p.depthM.toFixed(2)} m（阈值 ${p.alarmDepthM} m）`,
  'incident.config_changed': (p) =>
    `事件配置修改：${p.what === 'duty_rule' ? `报送规则 ${p.code ?? ''}` : '设置'}`,
  'dutylog.entry_added': (p) => p.text,
  'shelter.opened': shelter('开放'),
  'shelter.closed': shelter('关闭'),
  'shelter.occupancy_updated': shelter('人数更新'),
  'team.status_changed': (p) =>
    `救援队伍状态：${p.teamId.slice(0, 8)} ${p.previousStatus} → ${p.status}`,
};

export function eventLine<K extends EventType>(type: K, payload: EventMap[K]): string {
  return (EVENT_LINES[type] as Line<K>)(payload);
}
