import type { EventEnvelope, EventType } from '@sanfang/shared';

/** The timeline's filter groups: by the feature an event comes from. */
export const EVENT_GROUPS = [
  'notice',
  'warning',
  'response',
  'dispatch',
  'incident',
  'resource',
] as const;
export type EventGroup = (typeof EVENT_GROUPS)[number];

const GROUP_BY_PREFIX: Readonly<Record<string, EventGroup>> = {
  notice: 'notice',
  warning: 'warning',
  cap: 'warning',
  response: 'response',
  dispatch: 'dispatch',
  shelter: 'resource',
  team: 'resource',
  stock: 'resource',
  resource: 'resource',
  resources: 'resource',
  dutylog: 'notice',
  user: 'notice',
};

export function groupOf(type: EventType): EventGroup {
  return GROUP_BY_PREFIX[type.split('.')[0] ?? ''] ?? 'incident';
}

/** One line of detail for the timeline (free text from the payload, never HTML). */
export function detailOf(e: EventEnvelope): string {
  switch (e.type) {
    case 'notice.posted':
      return e.payload.text;
    case 'warning.issued':
    case 'warning.updated':
    case 'warning.cancelled':
    case 'warning.expired':
    case 'warning.retracted':
      return e.payload.headline;
    case 'cap.received':
      return `${e.payload.msgType} ${e.payload.status} · ${e.payload.outcome}`;
    case 'cap.config_changed':
      return `${e.payload.what} ${e.payload.name} · ${e.payload.action}`;
    case 'response.suggested':
      return e.payload.reason;
    case 'response.suggestion_decided':
      return `${e.payload.status} · ${e.payload.by}${e.payload.note ? ` · ${e.payload.note}` : ''}`;
    case 'response.started':
    case 'response.level_changed':
    case 'response.ended':
      return `${e.payload.hazard} ${e.payload.level}: ${e.payload.reason}`;
    case 'dispatch.created':
    case 'dispatch.acknowledged':
    case 'dispatch.arrived':
    case 'dispatch.escalated':
    case 'dispatch.stood_down':
      return `${e.payload.role} · ${e.payload.status}${e.payload.late ? ' · late' : ''}`;
    case 'shelter.opened':
    case 'shelter.closed':
    case 'shelter.occupancy_updated':
      return `${e.payload.occupancy}/${e.payload.capacity}`;
    case 'team.status_changed':
      return `${e.payload.previousStatus} → ${e.payload.status}`;
    case 'incident.reported':
    case 'incident.updated':
    case 'incident.regraded':
    case 'incident.status_changed':
      return `${e.payload.title} · ${e.payload.grade} · ${e.payload.status}`;
    case 'incident.report_merged':
      return `${e.payload.source} ${e.payload.externalId}`;
    case 'incident.duty_started':
    case 'incident.duty_done':
    case 'incident.duty_overdue':
    case 'incident.duty_escalated':
    case 'incident.duty_superseded':
      return e.payload.name;
    case 'incident.team_assigned':
      return e.payload.teamName;
    case 'incident.sensor_alarm':
      return `${e.payload.pointCode} ${e.payload.depthM} m / ${e.payload.alarmDepthM} m`;
    case 'incident.config_changed':
      return e.payload.code ?? e.payload.what;
    case 'dutylog.entry_added':
      return e.payload.text;
    case 'shelter.near_full':
    case 'shelter.full':
    case 'shelter.alarm_cleared':
      return `${e.payload.name} ${e.payload.occupancy}/${e.payload.capacity}`;
    case 'shelter.opening_proposed':
      return e.payload.shelters.map((x) => x.name).join('、');
    case 'shelter.proposal_accepted':
    case 'shelter.proposal_dismissed':
      return e.payload.by;
    case 'team.position_updated':
      return String(e.payload.positions.length);
    case 'team.position_stale':
      return e.payload.lastSeenAt;
    case 'resources.coverage_gap_raised':
    case 'resources.coverage_gap_cleared':
      return e.payload.subdistrictCode;
    case 'stock.moved':
      return `${e.payload.sku} ${e.payload.kind === 'issue' ? '−' : '+'}${e.payload.quantity} → ${e.payload.balanceAfter}`;
    case 'stock.low':
    case 'stock.restored':
      return `${e.payload.name} ${e.payload.quantity}/${e.payload.lowStockThreshold}`;
    case 'resource.created':
    case 'resource.updated':
    case 'resource.retired':
      return e.payload.props.name;
    case 'resources.settings_changed':
      return e.payload.by;
    case 'resources.imported':
      return `${e.payload.kind} +${e.payload.inserted} ~${e.payload.updated}`;
    case 'user.changed':
      return `${e.payload.username} · ${e.payload.action}`;
  }
}
