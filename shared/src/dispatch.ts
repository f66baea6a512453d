import type { ContactRole } from './reference';

/**
 * Dispatch (call-outs to the four contacts) — contracts. Owned by the responses feature;
 * the duty report reads these payloads, so fields are only ever added.
 */
export const DISPATCH_STATUSES = [
  'notified',
  'acknowledged',
  'on_site',
  'escalated',
  'stood_down',
] as const;
export type DispatchStatus = (typeof DISPATCH_STATUSES)[number];

/** Payload of dispatch.created|acknowledged|arrived|escalated|stood_down. */
export interface DispatchEventPayload {
  dispatchId: string;
  responseId: string;
  pointId: string;
  contactId: string;
  role: ContactRole;
  status: DispatchStatus;
  /** acknowledged/arrived: after the deadline (recorded, never dropped). */
  late?: boolean;
  /** escalated: which ladder (missing ack or missing arrival) and which step (1–3). */
  ladder?: 'ack' | 'arrive';
  step?: number;
  /** escalated: who was notified at this step (contact:<id> / user:<username>). */
  notified?: string[];
  /** arrived: reported farther than the configured distance from the point. */
  far?: boolean;
  /**
   * Added for replay (复盘), on dispatch.created: what the board otherwise reads from the API
   * (names, code, deadlines), so the log alone draws the call-out. Absent on events written
   * before; replay then cannot show that call-out on the board.
   */
  detail?: DispatchEventDetail;
  /**
   * Added for replay, on dispatch.acknowledged, arrived and stood_down: when it happened by the
   * server's clock (what the board shows as acknowledgedAt / arrivedAt / closedAt); the
   * event's occurredAt otherwise.
   */
  at?: string;
  /** Added for replay, on dispatch.arrived: the reported distance from the point. */
  distanceM?: number | null;
  /** Added for replay, on dispatch.arrived: the reported water depth. */
  depthM?: number | null;
}

/** What dispatch.created carries for replay (see DispatchEventPayload.detail). */
export interface DispatchEventDetail {
  pointCode: string;
  pointName: string;
  subdistrictCode: string;
  contactName: string;
  phone: string;
  code: string;
  notifiedAt: string;
  ackDeadline: string;
  arriveDeadline: string | null;
}
