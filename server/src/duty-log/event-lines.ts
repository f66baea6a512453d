import type {
  DispatchEventPayload,
  EventMap,
  EventType,
  IncidentDutyPayload,
  IncidentEventPayload,
  ResponseEventPayload,
  ShelterEventPayload,
  UserChangeAction,
  WarningEventPayload,
} from '@sanfang/shared';
import { GRADE_NAMES } from '../incidents/grading';
import { STATUS_NAMES, TYPE_NAMES } from '../incidents/labels';

const ROTA_CHANGES: Record<string, string> = {
  edit: '修改',
  swap: '换班',
  substitution: '替班',
  import: '导入',
};
const UPWARD_KINDS_ZH: Record<string, string> = {
  initial: '初报',
  followup: '续报',
  final: '终报',
};

type Line<K extends EventType> = (p: EventMap[K]) => string;

const RESOURCE_KINDS: Record<string, string> = {
  shelter: '避难场所',
  team: '救援队伍',
  warehouse: '仓库',
};

const SUGGESTION: Record<string, string> = {
  accepted: '已采纳',
  dismissed: '未采纳',
  applied: '已自动执行',
  failed: '自动执行失败',
};

const ROSTER_ACTIONS: Record<string, string> = {
  created: '新增',
  updated: '修改',
  removed: '删除',
  imported: '导入',
  rules_changed: '规则修改',
};
const CALL_REASONS: Record<string, string> = {
  issued: '（预警发布）',
  upgraded: '（预警升级）',
  extended: '（预警延长）',
  drill: '（连通性测试）',
};
const CALL_RUNGS: Record<number, string> = {
  1: '重复呼叫',
  2: 'B角',
  3: '单位负责人',
  4: '区值班员',
};

const USER_ACTIONS: Record<UserChangeAction, string> = {
  created: '已创建',
  updated: '资料已修改',
  role_changed: '角色已变更',
  disabled: '已停用',
  enabled: '已启用',
  password_reset: '密码已重置',
  sessions_ended: '所有登录已结束',
  deleted: '已删除',
};

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
  'cap.received': (p) =>
    `收到 CAP 消息 ${p.msgType}（${p.status}，${p.source === 'pull' ? '拉取' : '推送'}）：${p.sender} ${p.identifier} → ${p.outcome}`,
  'cap.config_changed': (p) => `预警接入配置修改：${p.what} ${p.name}（${p.action}）`,
  'response.suggested': (p) =>
    `建议${p.action === 'end' ? '结束' : '启动/调整'}${HAZARDS[p.hazard] ?? p.hazard}响应${p.level ? LEVELS[p.level] : ''}：${p.reason}`,
  'response.suggestion_decided': (p) =>
    `响应建议${SUGGESTION[p.status] ?? p.status}（${p.by}）${p.note ? `：${p.note}` : ''}`,
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
  'shelter.near_full': (p) => `避难场所接近满员：${p.name} ${p.occupancy}/${p.capacity} 人`,
  'shelter.full': (p) => `避难场所已满：${p.name} ${p.occupancy}/${p.capacity} 人`,
  'shelter.alarm_cleared': (p) => `避难场所满员告警解除：${p.name} ${p.occupancy}/${p.capacity} 人`,
  'shelter.opening_proposed': (p) =>
    `建议开放避难场所（响应${LEVELS[p.level] ?? p.level}）：${p.shelters.map((x) => x.name).join('、')}`,
  'shelter.proposal_accepted': (p) => `${p.by} 同意开放避难场所 ${p.openedShelterIds.length} 处`,
  'shelter.proposal_dismissed': (p) => `${p.by} 不采纳开放避难场所建议`,
  'team.position_updated': (p) => `救援队伍位置更新 ${p.positions.length} 条`,
  'team.position_stale': (p) => `救援队伍位置过时：${p.teamId.slice(0, 8)}（最后 ${p.lastSeenAt}）`,
  'resources.coverage_gap_raised': (p) => `街道 ${p.subdistrictCode} 响应期间无待命救援队伍`,
  'resources.coverage_gap_cleared': (p) => `街道 ${p.subdistrictCode} 已有待命救援队伍`,
  'stock.moved': (p) =>
    `物资${p.kind === 'issue' ? '出库' : '入库'}：${p.sku} ${p.quantity}（结存 ${p.balanceAfter}）`,
  'stock.low': (p) => `物资低于储备下限：${p.name} ${p.quantity}（下限 ${p.lowStockThreshold}）`,
  'stock.restored': (p) => `物资恢复储备：${p.name} ${p.quantity}`,
  'resource.created': (p) => `新增${RESOURCE_KINDS[p.kind]}：${p.props.name}`,
  'resource.updated': (p) => `修改${RESOURCE_KINDS[p.kind]}：${p.props.name}`,
  'resource.retired': (p) => `停用${RESOURCE_KINDS[p.kind]}：${p.props.name}`,
  'resources.settings_changed': (p) => `${p.by} 修改资源告警设置`,
  'resources.imported': (p) => `导入${p.kind}：新增 ${p.inserted}，更新 ${p.updated}`,
  'reference.snapshot': (p) =>
    `图层快照：避难场所 ${p.shelters.features.length}，救援队伍 ${p.rescueTeams.features.length}`,
  'notification.delivery_changed': (p) => `短信送达状态更新 ${p.changes.length} 条`,
  'rota.shift_changed': (p) =>
    `值班表${ROTA_CHANGES[p.change]}：${p.startsAt} 带班领导 ${p.after.leader ?? '（空）'}，值班长 ${p.after.chief ?? '（空）'}，值班员 ${p.after.officers.join('、') || '（空）'}${p.note ? `（${p.note}）` : ''}`,
  'rota.imported': (p) => `导入值班表：${p.shifts} 个班次（替换 ${p.replaced} 个）`,
  'rota.gap_warned': (p) =>
    `值班表缺口：${p.startsAt} 起的班次缺${p.missing.map((m) => (m === 'leader' ? '带班领导' : '值班员')).join('、')}`,
  'rota.leader_notified': (p) =>
    p.leader ? `已通知带班领导 ${p.leader}` : '报告带班领导：值班表当班无带班领导',
  'instruction.received': (p) => `收到${p.fromName}批示：${p.text}`,
  'instruction.assigned': (p) => `批示已交办：${p.fromName}批示`,
  'instruction.answered': (p) =>
    `${p.unitName}已反馈批示（${p.via === 'phone' ? '电话' : '链接'}）`,
  'instruction.overdue': (p) =>
    `${p.unitName}批示反馈超时，已催办并报告值班员 ${p.escalatedTo.join('、') || '（值班表无人）'}`,
  'instruction.closed': (p) => `批示办结：${p.fromName}批示`,
  'upward_report.recorded': (p) =>
    `已报送${UPWARD_KINDS_ZH[p.kind]}：${p.recipients.join('、')}${p.late ? '（超时）' : ''}`,
  'user.changed': (p) =>
    `账号 ${p.username}（${p.role}）${USER_ACTIONS[p.action]}${p.fromRole ? `，原角色 ${p.fromRole}` : ''}`,
  'roster.changed': (p) =>
    p.action === 'rules_changed'
      ? `叫应规则修改（${p.count ?? 0} 条）`
      : `三防责任人${ROSTER_ACTIONS[p.action]}：${p.name ?? ''}${p.count === undefined ? '' : ` ${p.count} 人`}`,
  'calls.started': (p) =>
    `${p.drill ? '【演练】' : ''}叫应${CALL_REASONS[p.reason]}：${p.headline}，呼叫 ${p.called} 人`,
  'call.answered': (p) =>
    `${p.drill ? '【演练】' : ''}叫应已应答：${p.name}${p.late ? '（超时）' : ''}`,
  'calls.escalated': (p) =>
    `${p.drill ? '【演练】' : ''}叫应升级（第${p.step}级：${CALL_RUNGS[p.step] ?? ''}）：${p.count} 人未应答，发出 ${p.sent} 条`,
  'calls.stood_down': (p) => `叫应解除：已通知 ${p.count} 人`,
};

/**
 * High-rate telemetry stays out of the duty log (positions are on the map); account
 * administration is not duty business (its audit trail is the event log itself); per-message
 * SMS delivery states are on the message list, not in the log.
 */
export const NOT_LOGGED: readonly EventType[] = [
  'team.position_updated',
  'user.changed',
  'notification.delivery_changed',
  // One line per answer would swamp the log in a district-wide call; the board shows them.
  'call.answered',
];

export function eventLine<K extends EventType>(type: K, payload: EventMap[K]): string {
  return (EVENT_LINES[type] as Line<K>)(payload);
}
