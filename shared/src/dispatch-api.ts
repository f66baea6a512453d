import { z } from 'zod';
import type { DispatchStatus } from './dispatch';
import type { ContactRole } from './reference';
import {
  RESPONSE_HAZARDS,
  RESPONSE_LEVELS,
  type ResponseHazard,
  type ResponseLevel,
  type SuggestedAction,
  type SuggestionBasis,
} from './responses';

/**
 * Responses and dispatch API (issue 5): request schemas and response DTOs. The event payloads
 * themselves live in responses.ts and dispatch.ts (shared with other features).
 */
const sdCodes = z
  .array(z.string().regex(/^\d{6,12}$/, 'must be a subdistrict code'))
  .max(50)
  .default([]);
const reason = z.string().trim().min(1, 'a reason is required').max(1000);

export const startResponseSchema = z.object({
  hazard: z.enum(RESPONSE_HAZARDS),
  level: z.enum(RESPONSE_LEVELS),
  /** Empty = whole district. */
  subdistrictCodes: sdCodes,
  reason,
  preemptive: z.boolean().default(false),
  warningId: z.string().trim().min(1).max(200).optional(),
});
export type StartResponse = z.infer<typeof startResponseSchema>;

export const changeLevelSchema = z.object({
  level: z.enum(RESPONSE_LEVELS),
  reason,
  /** When given, the response's area becomes exactly this (widen or narrow; empty = district). */
  subdistrictCodes: z
    .array(z.string().regex(/^\d{6,12}$/, 'must be a subdistrict code'))
    .max(50)
    .optional(),
  warningId: z.string().trim().min(1).max(200).optional(),
});
export type ChangeLevel = z.infer<typeof changeLevelSchema>;

export const endResponseSchema = z.object({ reason, warningId: z.string().max(200).optional() });
export type EndResponse = z.infer<typeof endResponseSchema>;

export const decideSuggestionSchema = z.object({
  reason: z.string().trim().max(1000).optional(),
});
export type DecideSuggestion = z.infer<typeof decideSuggestionSchema>;

export const responsesQuerySchema = z.object({
  status: z.enum(['active', 'ended', 'all']).default('all'),
});
export type ResponsesQuery = z.infer<typeof responsesQuerySchema>;

export type ResponseStatus = 'active' | 'ended';
export type HistoryAction = 'start' | 'raise' | 'lower' | 'area' | 'end';

export interface ResponseHistoryDto {
  action: HistoryAction;
  previousLevel: ResponseLevel | null;
  level: ResponseLevel;
  previousSubdistrictCodes: string[] | null;
  subdistrictCodes: string[];
  actor: string;
  reason: string;
  warningId: string | null;
  suggestionId: string | null;
  at: string;
}

export interface ResponseDto {
  id: string;
  hazard: ResponseHazard;
  level: ResponseLevel;
  status: ResponseStatus;
  subdistrictCodes: string[];
  preemptive: boolean;
  warningId: string | null;
  startedAt: string;
  startedBy: string;
  endedAt: string | null;
  history: ResponseHistoryDto[];
}

export type SuggestionStatus = 'pending' | 'accepted' | 'applied' | 'dismissed' | 'failed';
export const suggestionsQuerySchema = z.object({
  status: z.enum(['pending', 'accepted', 'applied', 'dismissed', 'failed', 'all']).default('all'),
});
export type SuggestionsQuery = z.infer<typeof suggestionsQuerySchema>;

export interface SuggestionDto {
  id: string;
  warningId: string;
  hazard: ResponseHazard;
  level: ResponseLevel | null;
  action: SuggestedAction;
  subdistrictCodes: string[];
  reason: string;
  /** Null for suggestions recorded before it was kept. */
  basis: SuggestionBasis | null;
  autoApply: boolean;
  status: SuggestionStatus;
  responseId: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
  note: string | null;
  receivedAt: string;
}

/** Payload of response.suggestion_decided (accepted, applied automatically, dismissed, failed). */
/** Why an auto-applied suggestion could not be carried out (shown translated in the console). */
export type SuggestionFailure = 'no_active_response' | 'no_level' | 'already_at_level';

export interface SuggestionDecidedPayload {
  suggestionId: string;
  status: Exclude<SuggestionStatus, 'pending'>;
  responseId: string | null;
  by: string;
  /** The commander's note, or for `failed` the reason in English (for integrators). */
  note: string | null;
  /** For `failed`: the reason as a code (absent on events logged before it existed). */
  failure?: SuggestionFailure;
}

export const dispatchesQuerySchema = z.object({
  responseId: z.string().uuid().optional(),
  status: z.enum(['notified', 'acknowledged', 'on_site', 'escalated', 'stood_down']).optional(),
  limit: z
    .string()
    .regex(/^\d{1,5}$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().int().min(1).max(10_000))
    .default(5_000),
});
export type DispatchesQuery = z.infer<typeof dispatchesQuerySchema>;

export type EscalationLadder = 'ack' | 'arrive';

export interface DispatchDto {
  id: string;
  responseId: string;
  pointId: string;
  pointCode: string;
  pointName: string;
  subdistrictCode: string;
  contactId: string;
  contactName: string;
  phone: string;
  role: ContactRole;
  status: DispatchStatus;
  code: string;
  notifiedAt: string;
  ackDeadline: string;
  /** Seconds until the ack deadline (negative once passed); null once acknowledged or closed. */
  ackRemainingS: number | null;
  acknowledgedAt: string | null;
  ackLate: boolean | null;
  /** Only the on-site lead (and backup) must be on site by a deadline. */
  arriveDeadline: string | null;
  arriveRemainingS: number | null;
  arrivedAt: string | null;
  arriveLate: boolean | null;
  arrivalDistanceM: number | null;
  arrivalFar: boolean | null;
  depthM: number | null;
  ackEscalationStep: number;
  arriveEscalationStep: number;
  closedAt: string | null;
}

/**
 * One message sent for a call-out (GET /api/dispatches/:id/messages), for the console roles in
 * the dispatch's scope. The phone is shown whole, as the dispatch board already shows it to them;
 * the text is left out (it carries the contact's signed answer link; admins read it in the
 * notification log).
 */
export interface DispatchMessageDto {
  id: string;
  dispatchId: string;
  kind: NotificationKind;
  channel: NotifyChannelName;
  /** Who it went to: a point contact, a console user, or a rota officer without an account. */
  recipientKind: 'contact' | 'user' | 'rota';
  recipientName: string;
  /** The contact's role at the point (onsite_lead …) or the user's role (duty_officer …). */
  recipientRole: string | null;
  address: string;
  status: NotificationStatus;
  attempts: number;
  createdAt: string;
  deliveredAt: string | null;
  deliveryState: NotificationDeliveryState;
  gatewayIds: string[];
  deliveryError: string | null;
  fallbackOf: string | null;
}

export const ackSchema = z.object({
  action: z.enum(['ack', 'arrive']),
  lon: z.number().min(-180).max(180).optional(),
  lat: z.number().min(-90).max(90).optional(),
  depthM: z.number().min(0).max(20).optional(),
});
export type AckRequest = z.infer<typeof ackSchema>;

/** What the contact's page shows (GET/POST /api/ack/:token). */
export interface AckViewDto {
  dispatchId: string;
  status: DispatchStatus;
  role: ContactRole;
  contactName: string;
  pointName: string;
  pointCode: string;
  pointLocation: [number, number];
  hazard: ResponseHazard;
  level: ResponseLevel;
  code: string;
  ackDeadline: string;
  arriveDeadline: string | null;
  acknowledgedAt: string | null;
  ackLate: boolean | null;
  arrivedAt: string | null;
  arriveLate: boolean | null;
  arrivalFar: boolean | null;
  /** True when this request changed nothing (a repeat). */
  unchanged?: boolean;
  /**
   * Set when the link is a 叫应 call (a warning or a drill), not a point call-out: the page
   * shows this and one answer button; the point fields above are then placeholders.
   */
  call?: { title: string; drill: boolean; unitName: string | null; duty: string };
}

export const smsInboundSchema = z.object({
  from: z.string().trim().min(3).max(32),
  text: z.string().trim().min(1).max(500),
});
export type SmsInbound = z.infer<typeof smsInboundSchema>;

export const notificationsQuerySchema = z.object({
  dispatchId: z.string().uuid().optional(),
  /** A 叫应 call's messages (issue 13). */
  callId: z.string().uuid().optional(),
  limit: z
    .string()
    .regex(/^\d{1,5}$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().int().min(1).max(5_000))
    .default(200),
});
export type NotificationsQuery = z.infer<typeof notificationsQuerySchema>;

export type NotificationKind =
  | 'callout'
  | 'renotify'
  | 'backup'
  | 'escalation'
  | 'stand_down'
  // 叫应 (issue 13): a warning's or a drill's call, its escalation and its stand-down.
  | 'call'
  | 'call_escalation'
  | 'call_stand_down'
  | 'leader_report'
  | 'instruction'
  | 'rota_gap';
export type NotificationStatus = 'pending' | 'sending' | 'delivered';
export type NotifyChannelName = 'log' | 'webhook' | 'smpp';
/**
 * Where a message is on its way to the phone (SMPP): queued in the outbox, being handed to
 * the gateway (in doubt after a crash), accepted by it (submit_sm_resp), then the receipt's
 * verdict. Channels without receipts stop at `submitted`.
 */
export type NotificationDeliveryState =
  'queued' | 'submitting' | 'submitted' | 'delivered' | 'failed' | 'expired';

/** One message's new delivery state (the `notification.delivery_changed` event). */
export interface NotificationDeliveryChange {
  id: string;
  dispatchId: string | null;
  /** The 叫应 call a call message belongs to (absent in events before it had its own column). */
  callId?: string | null;
  recipient: string;
  channel: NotifyChannelName;
  state: NotificationDeliveryState;
  /** The gateway's message ids, one per segment, once submitted. */
  gatewayIds: string[];
  error: string | null;
  /** Set on a voice message sent because this SMS failed or went unanswered. */
  fallbackOf: string | null;
}

export interface NotificationDeliveryChangedPayload {
  changes: NotificationDeliveryChange[];
}

export interface NotificationDto {
  id: string;
  dispatchId: string | null;
  /** The 叫应 call (calls.id) of a call, call escalation or call stand-down message. */
  callId: string | null;
  kind: NotificationKind;
  channel: NotifyChannelName;
  /** contact:<id> or user:<username> */
  recipient: string;
  address: string;
  text: string;
  status: NotificationStatus;
  attempts: number;
  createdAt: string;
  deliveredAt: string | null;
  /** Higher goes first under the gateway's rate (on-site leads, red-warning calls). */
  priority: number;
  deliveryState: NotificationDeliveryState;
  gatewayIds: string[];
  deliveryError: string | null;
  fallbackOf: string | null;
}
