import { z } from 'zod';
import type { UserChangedPayload } from './auth';
import type { DispatchEventPayload } from './dispatch';
import type {
  AssignmentEventPayload,
  InstructionEventPayload,
  RotaGapWarnedPayload,
  RotaImportedPayload,
  RotaLeaderNotifiedPayload,
  RotaShiftChangedPayload,
  UpwardReportPayload,
} from './duty-desk';
import type {
  DutyLogEntryPayload,
  IncidentConfigChangedPayload,
  IncidentDutyPayload,
  IncidentEventPayload,
  IncidentReportMergedPayload,
  IncidentTeamAssignedPayload,
  SensorAlarmPayload,
} from './incidents';
import type {
  CoverageGapPayload,
  ResourceChangePayload,
  ResourceSettingsChangedPayload,
  ResourcesImportedPayload,
  ShelterAlarmPayload,
  ShelterEventPayload,
  ShelterProposalDecisionPayload,
  ShelterProposalPayload,
  StockLevelPayload,
  StockMovedPayload,
  TeamPositionStalePayload,
  TeamPositionsPayload,
  TeamStatusPayload,
} from './resources';
import type { NotificationDeliveryChangedPayload, SuggestionDecidedPayload } from './dispatch-api';
import type { ResponseEventPayload, ResponseSuggestion } from './responses';
import type {
  CallEventPayload,
  CallsEscalatedPayload,
  CallsRoundPayload,
  CallsStoodDownPayload,
  RosterChangedPayload,
} from './lastmile';
import type { ReferenceSnapshotPayload } from './replay';
import type { CapConfigChangedPayload, CapReceivedPayload, WarningEventPayload } from './warnings';

/**
 * The event map: every event name and its payload. Payloads only grow compatibly; an
 * incompatible change gets a new event name. Features add their events here.
 */
export interface EventMap {
  /** A notice posted to the console by a duty officer, commander or admin. */
  'notice.posted': { id: string; text: string; level: NoticeLevel; author: string };

  // Warnings feature: CAP ingestion and lineage.
  'warning.issued': WarningEventPayload;
  'warning.updated': WarningEventPayload;
  'warning.cancelled': WarningEventPayload;
  'warning.expired': WarningEventPayload;
  'warning.retracted': WarningEventPayload;
  /** The warnings feature proposes a response change (see ResponseSuggestion). */
  'response.suggested': ResponseSuggestion;
  /** Every stored CAP message (the feed log), whatever it did. */
  'cap.received': CapReceivedPayload;
  /** Admin changes to feed tokens, pull feeds and the response suggestion table. */
  'cap.config_changed': CapConfigChangedPayload;

  // Responses and dispatch feature.
  'response.started': ResponseEventPayload;
  'response.level_changed': ResponseEventPayload;
  'response.ended': ResponseEventPayload;
  'dispatch.created': DispatchEventPayload;
  'dispatch.acknowledged': DispatchEventPayload;
  'dispatch.arrived': DispatchEventPayload;
  'dispatch.escalated': DispatchEventPayload;
  'dispatch.stood_down': DispatchEventPayload;
  'response.suggestion_decided': SuggestionDecidedPayload;
  /** Outbox messages changed delivery state (submitted, delivered, failed, expired), batched. */
  'notification.delivery_changed': NotificationDeliveryChangedPayload;

  // Incidents and the duty desk.
  'incident.reported': IncidentEventPayload;
  'incident.updated': IncidentEventPayload;
  'incident.regraded': IncidentEventPayload;
  'incident.status_changed': IncidentEventPayload;
  'incident.report_merged': IncidentReportMergedPayload;
  'incident.duty_started': IncidentDutyPayload;
  'incident.duty_done': IncidentDutyPayload;
  /** A reporting duty passed its due time undone: the console alarms. */
  'incident.duty_overdue': IncidentDutyPayload;
  /** Still undone after the escalation delay: raised to the commander. */
  'incident.duty_escalated': IncidentDutyPayload;
  'incident.duty_superseded': IncidentDutyPayload;
  'incident.team_assigned': IncidentTeamAssignedPayload;
  'incident.sensor_alarm': SensorAlarmPayload;
  'incident.config_changed': IncidentConfigChangedPayload;
  'dutylog.entry_added': DutyLogEntryPayload;

  // Resources.
  'shelter.opened': ShelterEventPayload;
  'shelter.closed': ShelterEventPayload;
  'shelter.occupancy_updated': ShelterEventPayload;
  'team.status_changed': TeamStatusPayload;
  'shelter.near_full': ShelterAlarmPayload;
  'shelter.full': ShelterAlarmPayload;
  'shelter.alarm_cleared': ShelterAlarmPayload;
  'shelter.opening_proposed': ShelterProposalPayload;
  'shelter.proposal_accepted': ShelterProposalDecisionPayload;
  'shelter.proposal_dismissed': ShelterProposalDecisionPayload;
  'team.position_updated': TeamPositionsPayload;
  'team.position_stale': TeamPositionStalePayload;
  'resources.coverage_gap_raised': CoverageGapPayload;
  'resources.coverage_gap_cleared': CoverageGapPayload;
  'stock.moved': StockMovedPayload;
  'stock.low': StockLevelPayload;
  'stock.restored': StockLevelPayload;
  'resource.created': ResourceChangePayload;
  'resource.updated': ResourceChangePayload;
  'resource.retired': ResourceChangePayload;
  'resources.settings_changed': ResourceSettingsChangedPayload;
  'resources.imported': ResourcesImportedPayload;
  /**
   * The map's layers as stored (points, shelters, teams, warehouses), written at import and
   * seed: the base a replay (复盘) folds later events onto.
   */
  'reference.snapshot': ReferenceSnapshotPayload;

  // Accounts: every administrator's change to a user (the audit trail of user administration).
  'user.changed': UserChangedPayload;

  // The last mile: the roster, warning call-and-answer (叫应) and reachability drills.
  'roster.changed': RosterChangedPayload;
  /** A round of calls went out (a warning issued, upgraded or extended; a drill). */
  'calls.started': CallsRoundPayload;
  'call.answered': CallEventPayload;
  /** Unanswered calls of a round went one rung up the ladder. */
  'calls.escalated': CallsEscalatedPayload;
  /** The stand-down (解除) went to everyone still called. */
  'calls.stood_down': CallsStoodDownPayload;
  // Duty desk: the rota, leader instructions, upward reports.
  'rota.shift_changed': RotaShiftChangedPayload;
  'rota.imported': RotaImportedPayload;
  /** A shift inside the warning horizon has no leader on duty or no officer (once per shift). */
  'rota.gap_warned': RotaGapWarnedPayload;
  /** A `leader_on_duty` reporting duty started: the rota's leader was sent the message. */
  'rota.leader_notified': RotaLeaderNotifiedPayload;
  'instruction.received': InstructionEventPayload;
  'instruction.assigned': InstructionEventPayload;
  'instruction.answered': AssignmentEventPayload;
  /** A unit missed its feedback deadline: chased, and escalated to the officer on duty then. */
  'instruction.overdue': AssignmentEventPayload;
  'instruction.closed': InstructionEventPayload;
  'upward_report.recorded': UpwardReportPayload;
}

export type EventType = keyof EventMap;
export type NoticeLevel = 'info' | 'warning' | 'urgent';

/** What a client receives for an event it may see. */
export type EventEnvelope = {
  [K in EventType]: { seq: number; type: K; occurredAt: string; payload: EventMap[K] };
}[EventType];

/**
 * Sent to every client, coalesced (a few times a second at most): every seq in these
 * inclusive ranges has been delivered by this instance to whoever may see it. A client that
 * did not get some of them may not see them, so it can tell a filtered event from a gap.
 * Ranges cover only what this instance published: another instance's seqs are never claimed.
 */
export interface AccountedRanges {
  ranges: [number, number][];
}

/** GET /api/events?after=&limit= */
const seqParam = z
  .string()
  .regex(/^\d{1,15}$/, 'must be a whole number ≥ 0')
  .transform(Number);

export const eventsQuerySchema = z.object({
  after: seqParam,
  limit: seqParam.pipe(z.number().int().min(1).max(1000)).default(500),
});
export type EventsQuery = z.infer<typeof eventsQuerySchema>;

export interface EventsPage {
  events: EventEnvelope[];
  /** Every event up to this seq has been accounted for (returned, or not visible). */
  lastSeq: number;
}

/** Live transport path (socket.io) under the API prefix. */
export const SOCKET_PATH = '/api/socket.io';

/** socket.io handshake `auth` payload. */
export const handshakeSchema = z.object({
  token: z.string().min(1).max(4096),
  lastSeq: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
});
export type Handshake = z.infer<typeof handshakeSchema>;

/** Server → client socket events. */
export interface ServerToClient {
  event: (e: EventEnvelope) => void;
  accounted: (r: AccountedRanges) => void;
  /** Periodic beacon of the newest committed seq: a client behind it fetches the gap. */
  head: (h: { seq: number }) => void;
  /** Replay after a (re)connect is complete up to this seq; live events follow. */
  resumed: (r: { lastSeq: number }) => void;
  /** The server refused something this client sent (then disconnects it). */
  rejected: (e: { code: string; message: string }) => void;
}

export const postNoticeSchema = z.object({
  text: z.string().trim().min(1).max(2000),
  level: z.enum(['info', 'warning', 'urgent']).default('info'),
  subdistrictCodes: z
    .array(z.string().regex(/^\d{6,12}$/))
    .max(20)
    .default([]),
});
export type PostNotice = z.infer<typeof postNoticeSchema>;

export interface NoticeDto {
  id: string;
  text: string;
  level: NoticeLevel;
  subdistrictCodes: string[];
  author: string;
  createdAt: string;
}
