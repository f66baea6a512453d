import { z } from 'zod';
import type { DispatchEventPayload } from './dispatch';
import type { ShelterEventPayload, TeamStatusPayload } from './resources';
import type { ResponseEventPayload, ResponseSuggestion } from './responses';
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

  // Incidents and the duty desk.

  // Resources.
  'shelter.opened': ShelterEventPayload;
  'shelter.closed': ShelterEventPayload;
  'shelter.occupancy_updated': ShelterEventPayload;
  'team.status_changed': TeamStatusPayload;
}

export type EventType = keyof EventMap;
export type NoticeLevel = 'info' | 'warning' | 'urgent';

/** What a client receives for an event it may see. */
export type EventEnvelope = {
  [K in EventType]: { seq: number; type: K; occurredAt: string; payload: EventMap[K] };
}[EventType];

/**
 * Sent to every client after the events of one transaction: every seq in [from, to] has now
 * been delivered to whoever may see it. A client that did not get some of them may not see
 * them, so it can tell a filtered event from a gap.
 */
export interface PublishedRange {
  from: number;
  to: number;
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
  published: (r: PublishedRange) => void;
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
