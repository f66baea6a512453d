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
}
