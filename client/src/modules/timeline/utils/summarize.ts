import type { EventEnvelope, EventType } from '@sanfang/shared';
import type { TFunction } from 'i18next';
import { formatTime } from '../../../utils/formatTime';
import { suggestionText } from '../../responses/utils/suggestionText';
import { zhCN } from '../../../i18n/zh-CN';
import type { EventGroup } from '../../../vocabulary/eventGroups';

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
  rota: 'notice',
  instruction: 'notice',
  upward_report: 'incident',
};

export function groupOf(type: EventType): EventGroup {
  return GROUP_BY_PREFIX[type.split('.')[0] ?? ''] ?? 'incident';
}

type KnownSku = keyof typeof zhCN.eventDetails.skus;
const isKnownSku = (sku: string): sku is KnownSku => Object.hasOwn(zhCN.eventDetails.skus, sku);

/**
 * One line of detail for the timeline: free text from the payload (never HTML) and every role,
 * status, hazard, level, colour and reason through the catalogue, never a raw key.
 */
export function detailOf(e: EventEnvelope, t: TFunction): string {
  const late = (l: boolean | undefined) => (l ? ` · ${t('eventDetails.late')}` : '');
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
      return `${t(`warningDetails.msgTypes.${e.payload.msgType}`)} ${t(`eventDetails.capStatuses.${e.payload.status}`)} · ${t(`eventDetails.capOutcomes.${e.payload.outcome}`)}`;
    case 'cap.config_changed':
      return `${t(`eventDetails.capConfigWhat.${e.payload.what}`)} ${e.payload.name} · ${t(`eventDetails.configActions.${e.payload.action}`)}`;
    case 'response.suggested':
      return suggestionText(t, e.payload);
    case 'response.suggestion_decided': {
      // A failure is shown by its code; the English note stays for integrators.
      const note = e.payload.failure
        ? t(`eventDetails.suggestionFailures.${e.payload.failure}`)
        : e.payload.note;
      return `${t(`eventDetails.suggestionStatuses.${e.payload.status}`)} · ${e.payload.by}${note ? ` · ${note}` : ''}`;
    }
    case 'response.started':
    case 'response.level_changed':
    case 'response.ended':
      return `${t(`ackHazards.${e.payload.hazard}`)} ${t(`ackLevels.${e.payload.level}`)}: ${e.payload.reason}`;
    case 'dispatch.created':
    case 'dispatch.acknowledged':
    case 'dispatch.arrived':
    case 'dispatch.escalated':
    case 'dispatch.stood_down':
      return `${t(`contactRoles.${e.payload.role}`)} · ${t(`dispatchBoard.statuses.${e.payload.status}`)}${late(e.payload.late)}`;
    case 'shelter.opened':
    case 'shelter.closed':
    case 'shelter.occupancy_updated':
      return `${e.payload.occupancy}/${e.payload.capacity}`;
    case 'team.status_changed':
      return `${t(`teamStatuses.${e.payload.previousStatus}`)} → ${t(`teamStatuses.${e.payload.status}`)}`;
    case 'incident.reported':
    case 'incident.updated':
    case 'incident.regraded':
    case 'incident.status_changed':
      return `${e.payload.title} · ${t(`incidentGrades.${e.payload.grade}`)} · ${t(`incidentStatuses.${e.payload.status}`)}`;
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
      return e.payload.code ?? t(`eventDetails.incidentConfigWhat.${e.payload.what}`);
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
      return t('eventDetails.positions', { count: e.payload.positions.length });
    case 'team.position_stale':
      return t('eventDetails.lastSeen', { time: formatTime(e.payload.lastSeenAt) });
    case 'resources.coverage_gap_raised':
    case 'resources.coverage_gap_cleared':
      return t('eventDetails.subdistrict', { code: e.payload.subdistrictCode });
    case 'stock.moved':
      return `${isKnownSku(e.payload.sku) ? t(`eventDetails.skus.${e.payload.sku}`) : e.payload.sku} ${e.payload.kind === 'issue' ? '−' : '+'}${e.payload.quantity} → ${e.payload.balanceAfter}`;
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
      return t('eventDetails.imported', {
        kind: t(`eventDetails.importKinds.${e.payload.kind}`),
        inserted: e.payload.inserted,
        updated: e.payload.updated,
      });
    case 'reference.snapshot':
      return `${e.payload.shelters.features.length} · ${e.payload.rescueTeams.features.length}`;
    case 'notification.delivery_changed': {
      const by = new Map<(typeof e.payload.changes)[number]['state'], number>();
      for (const c of e.payload.changes) by.set(c.state, (by.get(c.state) ?? 0) + 1);
      return t('eventDetails.deliveryChanged', {
        count: e.payload.changes.length,
        states: [...by]
          .map(([s, n]) => `${t(`eventDetails.deliveryStates.${s}`)} ${n}`)
          .join(' · '),
      });
    }
    case 'user.changed':
      return t('eventDetails.userChanged', {
        username: e.payload.username,
        action: t(`eventDetails.userActions.${e.payload.action}`),
      });
    case 'calls.started':
    case 'calls.escalated':
    case 'calls.stood_down':
      return t('eventDetails.calls', {
        count: 'called' in e.payload ? e.payload.called : e.payload.count,
      });
    case 'call.answered':
      return `${e.payload.name}${late(e.payload.late)}`;
    case 'roster.changed':
      return e.payload.name ?? String(e.payload.count ?? '');
    case 'rota.shift_changed':
      return [e.payload.after.leader, ...e.payload.after.officers].filter(Boolean).join(' · ');
    case 'rota.imported':
      return String(e.payload.shifts);
    case 'rota.gap_warned':
      return e.payload.missing.map((m) => t(`dutyDesk.rota.roles.${m}`)).join(' · ');
    case 'rota.leader_notified':
      return e.payload.leader ?? '—';
    case 'instruction.received':
    case 'instruction.assigned':
    case 'instruction.closed':
      return `${e.payload.fromName}：${e.payload.text}`;
    case 'instruction.answered':
    case 'instruction.overdue':
      return [e.payload.unitName, ...e.payload.escalatedTo].join(' · ');
    case 'upward_report.recorded':
      return `${t(`dutyDesk.reports.kinds.${e.payload.kind}`)} · ${e.payload.recipients.join('、')}${late(e.payload.late)}`;
  }
}
