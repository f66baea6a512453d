import type { NotificationKind, NotifyChannelName } from '@sanfang/shared';

/** One outbound message as a channel sees it; `id` is its idempotency key. */
export interface OutboundMessage {
  id: string;
  kind: NotificationKind;
  recipient: string;
  address: string;
  text: string;
  dispatchId: string | null;
}

/**
 * How messages leave the console (SMS/voice gateway, or just the log). `send` resolves with
 * the ids it handed over; ids it could not are retried later with the same key.
 */
export interface NotifyChannel {
  readonly name: NotifyChannelName;
  send(
    messages: OutboundMessage[],
  ): Promise<{ delivered: string[]; failed: { id: string; error: string }[] }>;
}

export const NOTIFY_CHANNEL = Symbol('NOTIFY_CHANNEL');
