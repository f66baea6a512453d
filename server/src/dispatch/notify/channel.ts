import type { NotificationKind, NotifyChannelName } from '@sanfang/shared';

/** One outbound message as a channel sees it; `id` is its idempotency key. */
export interface OutboundMessage {
  id: string;
  kind: NotificationKind;
  recipient: string;
  address: string;
  text: string;
  dispatchId: string | null;
  /** The 叫应 call of a call message (issue 13); null for everything else. */
  callId?: string | null;
  /** Higher goes first where a channel has a rate (SMPP); 0 by default. */
  priority?: number;
  /** The row's channel, when it is not the configured one (a voice fallback). */
  channel?: NotifyChannelName;
  /** A sender crashed after recording that it was handing this one over (docs/SMS.md). */
  inDoubt?: boolean;
}

/** Outbox priorities: on-site leads and red-warning calls go first under the gateway's rate. */
export const PRIORITY = { normal: 0, redWarning: 1, onsiteLead: 2 } as const;

/**
 * How messages leave the console (SMS/voice gateway, or just the log). `send` resolves with
 * the ids it handed over; ids it could not are retried later with the same key.
 */
export interface NotifyChannel {
  readonly name: NotifyChannelName;
  /** How many messages the outbox hands over at a time (default 5,000). */
  readonly claimSize?: number;
  /**
   * Resolves when the channel wants more messages (its queue is short): the outbox then claims
   * the next lot while the last is still being sent. Without it, one claim at a time.
   */
  ready?(): Promise<void>;
  /** Lease on claimed messages (default 60 s); a channel that renews its leases can go shorter. */
  readonly leaseS?: number;
  /**
   * The channel hands nothing over (the log channel: the outbox row is the message), so the
   * outbox marks a batch delivered in one statement instead of claiming its rows, handing
   * them to `send` and marking them.
   */
  readonly storesOnly?: boolean;
  send(
    messages: OutboundMessage[],
  ): Promise<{ delivered: string[]; failed: { id: string; error: string }[] }>;
}

export const NOTIFY_CHANNEL = Symbol('NOTIFY_CHANNEL');
/** The voice channel (the webhook) for SMS fallback, or null when none is configured. */
export const VOICE_CHANNEL = Symbol('VOICE_CHANNEL');
