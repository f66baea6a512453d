import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type {
  DispatchMessageDto,
  NotificationDto,
  NotificationKind,
  NotifyChannelName,
} from '@sanfang/shared';
import type { DataSource, EntityManager } from 'typeorm';
import type { OutboundMessage } from './channel';

export interface NewMessage {
  id: string;
  dispatchId: string | null;
  /** A 叫应 call's message: the call (calls.id); dispatchId stays null then. */
  callId?: string | null;
  kind: NotificationKind;
  recipient: string;
  address: string;
  text: string;
  /** Higher goes first under the gateway's rate (PRIORITY in channel.ts); 0 by default. */
  priority?: number;
  /** The recipient's role or duty (voice fallback is configured per duty). */
  duty?: string | null;
  /** Another channel than the configured one (a voice fallback goes to the webhook). */
  channel?: NotifyChannelName;
  /** The SMS this voice message stands in for. */
  fallbackOf?: string | null;
}

interface Row {
  id: string;
  dispatch_id: string | null;
  call_id: string | null;
  kind: NotificationKind;
  channel: NotifyChannelName;
  recipient: string;
  address: string;
  text: string;
  status: NotificationDto['status'];
  attempts: number;
  created_at: Date;
  delivered_at: Date | null;
  priority: number;
  delivery_state: NotificationDto['deliveryState'];
  gateway_ids: string[] | null;
  delivery_error: string | null;
  fallback_of: string | null;
}

const LEASE_S = 60;

@Injectable()
export class NotificationsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** One statement for any number of messages (array parameters, no per-row round trip). */
  async insert(
    m: EntityManager,
    batchId: string,
    channel: NotifyChannelName,
    msgs: readonly NewMessage[],
  ): Promise<void> {
    if (msgs.length === 0) return;
    await m.query(
      `INSERT INTO notifications (id, batch_id, dispatch_id, kind, channel, recipient, address, text,
                                  priority, duty, fallback_of, call_id)
       SELECT u.id, $1, u.dispatch_id, u.kind, u.channel, u.recipient, u.address, u.text,
              u.priority, u.duty, u.fallback_of, u.call_id
         FROM unnest($3::uuid[], $4::uuid[], $5::text[], $6::text[], $7::text[], $8::text[],
                     $2::text[], $9::smallint[], $10::text[], $11::uuid[], $12::uuid[])
           AS u(id, dispatch_id, kind, recipient, address, text, channel, priority, duty, fallback_of,
                call_id)
       ON CONFLICT DO NOTHING`,
      [
        batchId,
        msgs.map((x) => x.channel ?? channel),
        msgs.map((x) => x.id),
        msgs.map((x) => x.dispatchId),
        msgs.map((x) => x.kind),
        msgs.map((x) => x.recipient),
        msgs.map((x) => x.address),
        msgs.map((x) => x.text),
        msgs.map((x) => x.priority ?? 0),
        msgs.map((x) => x.duty ?? null),
        msgs.map((x) => x.fallbackOf ?? null),
        msgs.map((x) => x.callId ?? null),
      ],
    );
  }

  /** (A CTE: TypeORM returns [rows, count] for a bare UPDATE.) Leases undelivered messages of a batch (a crashed sender's lease runs out and is retaken). */
  async claim(batchId: string, limit: number, leaseS = LEASE_S): Promise<OutboundMessage[]> {
    const rows: Row[] = await this.ds.query(
      `WITH c AS (UPDATE notifications n
          SET status = 'sending', attempts = attempts + 1,
              lease_until = now() + make_interval(secs => $3)
        WHERE n.id IN (
          SELECT id FROM notifications
           WHERE batch_id = $1
             AND (status = 'pending' OR (status = 'sending' AND lease_until < now()))
           ORDER BY priority DESC, created_at, id
           LIMIT $2 FOR UPDATE SKIP LOCKED)
        RETURNING n.id, n.dispatch_id, n.call_id, n.kind, n.recipient, n.address, n.text, n.priority,
                  n.channel, n.delivery_state)
       SELECT * FROM c`,
      [batchId, limit, leaseS],
    );
    return rows.map((r) => ({
      id: r.id,
      dispatchId: r.dispatch_id,
      callId: r.call_id,
      kind: r.kind,
      recipient: r.recipient,
      address: r.address,
      text: r.text,
      priority: r.priority,
      channel: r.channel,
      ...(r.delivery_state === 'submitting' ? { inDoubt: true } : {}),
    }));
  }

  /**
   * For a channel that stores only (NotifyChannel.storesOnly): every message of the batch
   * that a claim would take, marked as markDelivered marks it, in one statement; `exceptWebhook`
   * leaves the voice-fallback rows to the voice channel. Returns the ids.
   */
  async deliverStored(batchId: string, exceptWebhook: boolean): Promise<string[]> {
    const rows: { id: string }[] = await this.ds.query(
      `WITH d AS (UPDATE notifications n
          SET status = 'delivered', attempts = attempts + 1, delivered_at = now(),
              lease_until = NULL,
              delivery_state = CASE WHEN delivery_state IN ('queued', 'submitting')
                                    THEN 'submitted' ELSE delivery_state END,
              submitted_at = coalesce(submitted_at, now())
        WHERE n.id IN (
          SELECT id FROM notifications
           WHERE batch_id = $1
             AND (status = 'pending' OR (status = 'sending' AND lease_until < now()))
             AND NOT ($2 AND channel = 'webhook')
           FOR UPDATE SKIP LOCKED)
        RETURNING n.id)
       SELECT id FROM d`,
      [batchId, exceptWebhook],
    );
    return rows.map((r) => r.id);
  }

  /** Handed over; a channel without receipts (log, webhook) stops at `submitted`. */
  async markDelivered(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.ds.query(
      `UPDATE notifications SET status = 'delivered', delivered_at = now(), lease_until = NULL,
              delivery_state = CASE WHEN delivery_state IN ('queued', 'submitting')
                                    THEN 'submitted' ELSE delivery_state END,
              submitted_at = coalesce(submitted_at, now())
        WHERE id = ANY($1::uuid[]) AND status = 'sending'`,
      [ids],
    );
  }

  async release(failed: readonly { id: string; error: string }[]): Promise<void> {
    if (failed.length === 0) return;
    await this.ds.query(
      // Never started (a channel fails only messages it wrote nothing of): not in doubt.
      `UPDATE notifications n SET status = 'pending', lease_until = NULL, last_error = f.error,
              delivery_state = CASE WHEN n.delivery_state = 'submitting' THEN 'queued'
                                    ELSE n.delivery_state END
         FROM unnest($1::uuid[], $2::text[]) AS f(id, error)
        WHERE n.id = f.id AND n.status = 'sending'`,
      [failed.map((f) => f.id), failed.map((f) => f.error)],
    );
  }

  async stalledBatches(): Promise<string[]> {
    const rows: { batch_id: string }[] = await this.ds.query(
      `SELECT batch_id FROM notifications
        WHERE status <> 'delivered' AND (status = 'pending' OR lease_until < now())
        GROUP BY batch_id ORDER BY max(priority) DESC, min(created_at) LIMIT 100`,
    );
    return rows.map((r) => r.batch_id);
  }

  async undelivered(batchId: string): Promise<number> {
    const rows: { n: string }[] = await this.ds.query(
      `SELECT count(*) AS n FROM notifications WHERE batch_id = $1 AND status <> 'delivered'`,
      [batchId],
    );
    return Number(rows[0]?.n ?? 0);
  }

  async list(
    filter: { dispatchId?: string; callId?: string },
    limit: number,
  ): Promise<NotificationDto[]> {
    const rows: Row[] = await this.ds.query(
      `SELECT id, dispatch_id, call_id, kind, channel, recipient, address, text, status, attempts,
              created_at, delivered_at, priority, delivery_state, gateway_ids, delivery_error,
              fallback_of
         FROM notifications
        WHERE ($1::uuid IS NULL OR dispatch_id = $1) AND ($3::uuid IS NULL OR call_id = $3)
        ORDER BY created_at DESC, id LIMIT $2`,
      [filter.dispatchId ?? null, limit, filter.callId ?? null],
    );
    return rows.map((r) => ({
      id: r.id,
      dispatchId: r.dispatch_id,
      callId: r.call_id,
      kind: r.kind,
      channel: r.channel,
      recipient: r.recipient,
      address: r.address,
      text: r.text,
      status: r.status,
      attempts: r.attempts,
      createdAt: r.created_at.toISOString(),
      deliveredAt: r.delivered_at?.toISOString() ?? null,
      priority: r.priority,
      deliveryState: r.delivery_state,
      gatewayIds: r.gateway_ids ?? [],
      deliveryError: r.delivery_error,
      fallbackOf: r.fallback_of,
    }));
  }

  /**
   * The messages of one call-out, oldest first, with whom each went to: the point contact (name,
   * role at the point), the console user (display name, role) or the rota officer's name.
   */
  async forDispatch(dispatchId: string): Promise<DispatchMessageDto[]> {
    const rows: (Omit<Row, 'text' | 'priority'> & {
      contact_name: string | null;
      contact_role: string | null;
      user_name: string | null;
      user_role: string | null;
    })[] = await this.ds.query(
      `SELECT n.id, n.dispatch_id, n.kind, n.channel, n.recipient, n.address, n.status, n.attempts,
              n.created_at, n.delivered_at, n.delivery_state, n.gateway_ids, n.delivery_error,
              n.fallback_of, c.name AS contact_name, c.role AS contact_role,
              u.display_name AS user_name, u.role AS user_role
         FROM notifications n
         LEFT JOIN contacts c ON n.recipient = 'contact:' || c.id::text
         LEFT JOIN users u ON n.recipient = 'user:' || u.username
        WHERE n.dispatch_id = $1
        ORDER BY n.created_at, n.id
        LIMIT 500`,
      [dispatchId],
    );
    return rows.map((r) => {
      const [prefix, ...rest] = r.recipient.split(':');
      const kind = prefix === 'contact' ? 'contact' : prefix === 'user' ? 'user' : 'rota';
      return {
        id: r.id,
        dispatchId,
        kind: r.kind,
        channel: r.channel,
        recipientKind: kind,
        recipientName: r.contact_name ?? r.user_name ?? rest.join(':'),
        recipientRole: r.contact_role ?? r.user_role ?? null,
        address: r.address,
        status: r.status,
        attempts: r.attempts,
        createdAt: r.created_at.toISOString(),
        deliveredAt: r.delivered_at?.toISOString() ?? null,
        deliveryState: r.delivery_state,
        gatewayIds: r.gateway_ids ?? [],
        deliveryError: r.delivery_error,
        fallbackOf: r.fallback_of,
      };
    });
  }
}
