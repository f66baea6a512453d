import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
  type OnModuleInit,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type {
  NotificationDeliveryChange,
  NotificationDeliveryState,
  NotificationKind,
  NotifyChannelName,
} from '@sanfang/shared';
import type { DataSource } from 'typeorm';
import { ApiException } from '../../common/api-exception';
import type { EventTx } from '../../events/event-log';
import { EventLog } from '../../events/event-log.service';
import { Timers } from '../../timers/timers.service';
import { AckService } from '../ack.service';
import { DISPATCH_CONFIG, type DispatchConfig } from '../dispatch.config';
import { NOTIFY_CHANNEL, type NotifyChannel } from './channel';
import { Outbox } from './outbox.service';
import { SmppChannel, type SmppInDoubt, type SmppReceipt } from './smpp/smpp.channel';

export const VOICE_FALLBACK_QUEUE = 'notify.voice_fallback';
const ACTOR = 'notify:smpp';
const SWEEP_MS = 10_000;

interface StateRow {
  id: string;
  dispatch_id: string | null;
  call_id: string | null;
  recipient: string;
  channel: NotifyChannelName;
  fallback_of: string | null;
  duty: string | null;
  kind: NotificationKind;
  address: string;
  text: string;
  priority: number;
  gateway_ids: string[] | null;
  receipted_ids: string[] | null;
  delivery_state: NotificationDeliveryState;
  delivery_error: string | null;
}

const change = (r: StateRow): NotificationDeliveryChange => ({
  id: r.id,
  dispatchId: r.dispatch_id,
  callId: r.call_id,
  recipient: r.recipient,
  channel: r.channel,
  state: r.delivery_state,
  gatewayIds: r.gateway_ids ?? [],
  error: r.delivery_error,
  fallbackOf: r.fallback_of,
});

const COLS = `n.id, n.dispatch_id, n.call_id, n.recipient, n.channel, n.fallback_of, n.duty, n.kind, n.address,
  n.text, n.priority, n.gateway_ids, n.receipted_ids, n.delivery_state, n.delivery_error`;

/** Messages a person answers (by link or reply code): a dispatch's, or a 叫应 call's. */
const answerable = (r: Pick<StateRow, 'dispatch_id' | 'call_id' | 'kind'>): boolean =>
  r.dispatch_id !== null ||
  (r.call_id !== null && (r.kind === 'call' || r.kind === 'call_escalation'));

type Pending<T> = { item: T; done: () => void; fail: (e: unknown) => void };

/**
 * The SMPP channel's bookkeeping: its state changes become outbox row updates and
 * `notification.delivery_changed` events (in one transaction each, batched, in the order the
 * gateway answered); receipts that fail fall back to voice per duty; inbound texts answer
 * dispatches as POST /api/channels/sms/inbound does; stalled batches are swept. Idle with
 * other channels.
 */
@Injectable()
export class SmsDelivery implements OnModuleInit, OnApplicationBootstrap, OnModuleDestroy {
  private readonly log = new Logger('SmsDelivery');
  private readonly smpp: SmppChannel | null;
  private submitted: Pending<{ id: string; gatewayIds: string[] }>[] = [];
  private receipts: Pending<SmppReceipt>[] = [];
  private flushing = false;
  private sweeper: NodeJS.Timeout | null = null;

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly events: EventLog,
    private readonly outbox: Outbox,
    private readonly acks: AckService,
    private readonly timers: Timers,
    @Inject(NOTIFY_CHANNEL) channel: NotifyChannel,
    @Inject(DISPATCH_CONFIG) private readonly config: DispatchConfig,
  ) {
    this.smpp = channel instanceof SmppChannel ? channel : null;
  }

  onModuleInit(): void {
    this.timers.handle<{ id: string }>(VOICE_FALLBACK_QUEUE, ({ id }) => this.unanswered(id));
    this.smpp?.setHooks({
      submitting: (ids) => this.submitting(ids),
      submitted: (done) => Promise.all(done.map((d) => this.queue(this.submitted, d))).then(),
      inDoubt: (items) => this.inDoubt(items),
      rejected: (id, error) => this.rejected(id, error),
      handBack: (ids) => this.handBack(ids),
      renew: (ids, leaseS) => this.renew(ids, leaseS),
      receipts: (rs) => Promise.all(rs.map((r) => this.queue(this.receipts, r))).then(),
      inbound: (from, text) => this.inbound(from, text),
    });
  }

  onApplicationBootstrap(): void {
    if (!this.smpp) return;
    this.smpp.start();
    // After a restart, and whenever pg-boss gave up retrying a batch: nothing stays queued.
    let sweeping = false;
    const sweep = (): void => {
      if (sweeping) return;
      sweeping = true;
      this.outbox
        .sweep()
        .catch((e: unknown) => this.log.warn(`sweep: ${String(e)}`))
        .finally(() => {
          sweeping = false;
        });
    };
    this.sweeper = setInterval(sweep, SWEEP_MS);
    this.sweeper.unref();
    sweep();
  }

  async onModuleDestroy(): Promise<void> {
    if (this.sweeper) clearInterval(this.sweeper);
    await this.smpp?.stop();
  }

  private queue<T>(list: Pending<T>[], item: T): Promise<void> {
    return new Promise<void>((done, fail) => {
      list.push({ item, done, fail });
      if (!this.flushing) {
        this.flushing = true;
        void this.flush();
      }
    });
  }

  /** One transaction per turn for whatever arrived meanwhile; submits before receipts. */
  private async flush(): Promise<void> {
    // `flushing` is cleared in the same turn the loop sees nothing left: no item is stranded.
    try {
      while (this.submitted.length > 0 || this.receipts.length > 0) {
        // Both taken at once: a receipt's submit is in this turn's submits or an earlier turn's.
        const subs = this.submitted.splice(0);
        const recs = this.receipts.splice(0);
        if (subs.length > 0) await this.settle(subs, (items) => this.writeSubmitted(items));
        if (recs.length > 0) await this.settle(recs, (items) => this.writeReceipts(items));
      }
    } finally {
      this.flushing = false;
    }
  }

  private async settle<T>(
    batch: Pending<T>[],
    write: (items: T[]) => Promise<void>,
  ): Promise<void> {
    try {
      await write(batch.map((p) => p.item));
      for (const p of batch) p.done();
    } catch (e) {
      for (const p of batch) p.fail(e);
    }
  }

  private async submitting(ids: string[]): Promise<void> {
    await this.ds.query(
      `UPDATE notifications SET delivery_state = 'submitting'
        WHERE id = ANY($1::uuid[]) AND delivery_state IN ('queued', 'submitting')`,
      [ids],
    );
  }

  private async renew(ids: string[], leaseS: number): Promise<void> {
    await this.ds.query(
      `UPDATE notifications SET lease_until = now() + make_interval(secs => $2)
        WHERE id = ANY($1::uuid[]) AND status = 'sending'`,
      [ids, leaseS],
    );
  }

  /** Never started here: back to the outbox, and not in doubt (nothing was written). */
  private async handBack(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.ds.query(
      `UPDATE notifications SET status = 'pending', lease_until = NULL,
              delivery_state = CASE WHEN delivery_state = 'submitting' THEN 'queued'
                                    ELSE delivery_state END
        WHERE id = ANY($1::uuid[]) AND status = 'sending'`,
      [ids],
    );
  }

  private async writeSubmitted(items: { id: string; gatewayIds: string[] }[]): Promise<void> {
    await this.events.write(
      ACTOR,
      async (tx) => {
        const rows: StateRow[] = await tx.manager.query(
          // (A CTE: TypeORM returns [rows, count] for a bare UPDATE … RETURNING.)
          `WITH f AS (SELECT * FROM jsonb_to_recordset($1::jsonb) AS f(id uuid, g text[])),
           u AS (UPDATE notifications n
              SET delivery_state = 'submitted', gateway_ids = f.g, submitted_at = now(),
                  status = 'delivered', delivered_at = now(), lease_until = NULL,
                  delivery_error = NULL
             FROM f WHERE n.id = f.id AND n.delivery_state IN ('queued', 'submitting')
           RETURNING ${COLS})
           SELECT * FROM u`,
          [JSON.stringify(items.map((i) => ({ id: i.id, g: i.gatewayIds })))],
        );
        if (rows.length === 0) return;
        tx.emit('notification.delivery_changed', { changes: rows.map(change) });
        // Unanswered within the duty's window: voice (only call-outs and 叫应 calls can be answered).
        const timers = rows.flatMap((r) => {
          const s = this.fallbackFor(r);
          return typeof s === 'number' && answerable(r)
            ? [{ key: r.id, at: new Date(Date.now() + s * 1000), data: { id: r.id } }]
            : [];
        });
        if (timers.length > 0) await this.timers.deferMany(tx, VOICE_FALLBACK_QUEUE, timers);
      },
      { allowNoEvent: true },
    );
  }

  /**
   * Messages whose fate at the gateway is unknown: done (never sent again), left `submitting`
   * with the reason. A silent recipient is called again by the call's own answer window
   * (dispatch ack ladder, 叫应 escalation) and, where configured, the unanswered voice fallback.
   */
  private async inDoubt(items: SmppInDoubt[]): Promise<void> {
    await this.events.write(
      ACTOR,
      async (tx) => {
        const rows: StateRow[] = await tx.manager.query(
          // (A CTE: TypeORM returns [rows, count] for a bare UPDATE … RETURNING.)
          `WITH f AS (SELECT * FROM jsonb_to_recordset($1::jsonb) AS f(id uuid, g text[], e text)),
           u AS (UPDATE notifications n
              SET delivery_state = 'submitting', gateway_ids = f.g, submitted_at = now(),
                  status = 'delivered', delivered_at = now(), lease_until = NULL,
                  delivery_error = 'in doubt, not resent: ' || f.e
             FROM f WHERE n.id = f.id AND n.delivery_state IN ('queued', 'submitting')
           RETURNING ${COLS})
           SELECT * FROM u`,
          [JSON.stringify(items.map((i) => ({ id: i.id, g: i.gatewayIds, e: i.reason })))],
        );
        if (rows.length === 0) return;
        tx.emit('notification.delivery_changed', { changes: rows.map(change) });
        const timers = rows.flatMap((r) => {
          const s = this.fallbackFor(r);
          return typeof s === 'number' && answerable(r)
            ? [{ key: r.id, at: new Date(Date.now() + s * 1000), data: { id: r.id } }]
            : [];
        });
        if (timers.length > 0) await this.timers.deferMany(tx, VOICE_FALLBACK_QUEUE, timers);
      },
      { allowNoEvent: true },
    );
  }

  private async rejected(id: string, error: string): Promise<void> {
    const kick = await this.events.write(
      ACTOR,
      async (tx) => {
        const rows: StateRow[] = await tx.manager.query(
          `WITH u AS (UPDATE notifications n
              SET delivery_state = 'failed', delivery_error = $2, status = 'delivered',
                  delivered_at = now(), lease_until = NULL
            WHERE n.id = $1 AND n.delivery_state IN ('queued', 'submitting')
            RETURNING ${COLS})
           SELECT * FROM u`,
          [id, error],
        );
        if (rows.length === 0) return [];
        tx.emit('notification.delivery_changed', { changes: rows.map(change) });
        return this.fallBack(tx, rows);
      },
      { allowNoEvent: true },
    );
    this.outbox.kick(kick);
  }

  private async writeReceipts(receipts: SmppReceipt[]): Promise<void> {
    const kick = await this.events.write(
      ACTOR,
      async (tx) => {
        const rows: StateRow[] = await tx.manager.query(
          `SELECT ${COLS} FROM notifications n WHERE n.gateway_ids && $1::text[] FOR UPDATE`,
          [receipts.map((r) => r.gatewayId)],
        );
        const byGateway = new Map<string, StateRow>();
        for (const r of rows) for (const g of r.gateway_ids ?? []) byGateway.set(g, r);
        const changed = new Set<StateRow>();
        for (const rc of receipts) {
          const r = byGateway.get(rc.gatewayId);
          if (!r) {
            this.log.debug(`receipt for unknown message ${rc.gatewayId}`);
            continue;
          }
          if (r.delivery_state !== 'submitted' && r.delivery_state !== 'submitting') continue;
          if (rc.state === 'delivered') {
            const got = new Set([...(r.receipted_ids ?? []), rc.gatewayId]);
            r.receipted_ids = [...got];
            // In doubt (a part's fate unknown): the parts known delivered do not make it whole.
            const inDoubt = r.delivery_error?.startsWith('in doubt') ?? false;
            if (!inDoubt && (r.gateway_ids ?? []).every((g) => got.has(g)))
              r.delivery_state = 'delivered';
          } else {
            r.delivery_state = rc.state;
            r.delivery_error = rc.error;
          }
          changed.add(r);
        }
        if (changed.size === 0) return [];
        const list = [...changed];
        await tx.manager.query(
          `WITH f AS (SELECT * FROM jsonb_to_recordset($1::jsonb)
                        AS f(id uuid, s text, r text[], e text))
           UPDATE notifications n SET delivery_state = f.s, receipted_ids = f.r,
                  delivery_error = f.e, receipt_at = now()
             FROM f WHERE n.id = f.id`,
          [
            JSON.stringify(
              list.map((r) => ({
                id: r.id,
                s: r.delivery_state,
                r: r.receipted_ids,
                e: r.delivery_error,
              })),
            ),
          ],
        );
        const final = list.filter((r) => r.delivery_state !== 'submitted');
        if (final.length > 0)
          tx.emit('notification.delivery_changed', { changes: final.map(change) });
        return this.fallBack(
          tx,
          final.filter((r) => r.delivery_state === 'failed' || r.delivery_state === 'expired'),
        );
      },
      { allowNoEvent: true },
    );
    this.outbox.kick(kick);
  }

  /** The duty's fallback setting: seconds unanswered, null (failed receipt only), or none. */
  private fallbackFor(r: Pick<StateRow, 'duty' | 'channel'>): number | null | undefined {
    if (r.channel !== 'smpp' || !this.config.webhookUrl) return undefined;
    const f = this.config.voiceFallback;
    return f.has(r.duty ?? '') ? f.get(r.duty ?? '') : f.get('*');
  }

  /** Voice messages standing in for failed SMS, recorded in `tx`; returns batches to kick. */
  private async fallBack(tx: EventTx, rows: StateRow[]): Promise<(string | null)[]> {
    const due = rows.filter((r) => this.fallbackFor(r) !== undefined);
    if (due.length === 0) return [];
    return [
      await this.outbox.record(
        tx.manager,
        due.map((r) => ({
          dispatchId: r.dispatch_id,
          callId: r.call_id,
          kind: r.kind,
          recipient: r.recipient,
          address: r.address,
          text: r.text,
          priority: r.priority,
          duty: r.duty,
          channel: 'webhook' as const,
          fallbackOf: r.id,
        })),
      ),
    ];
  }

  /**
   * The unanswered window of a call-out's or a 叫应 call's SMS ran out: voice, unless answered
   * or closed (a call stood down or superseded). A 叫应 call rings each phone by voice at most
   * once (its repeat at rung 1 does not ring again); a failed receipt still falls back per SMS.
   */
  private async unanswered(id: string): Promise<void> {
    const kick = await this.events.write(
      ACTOR,
      async (tx) => {
        const rows: StateRow[] = await tx.manager.query(
          `SELECT ${COLS} FROM notifications n
             LEFT JOIN dispatches d ON d.id = n.dispatch_id
             LEFT JOIN calls c ON c.id = n.call_id
            WHERE n.id = $1
              AND (d.acknowledged_at IS NULL AND d.closed_at IS NULL AND d.id IS NOT NULL
                   OR c.answered_at IS NULL AND c.closed_at IS NULL AND c.id IS NOT NULL)
              AND NOT EXISTS (SELECT 1 FROM notifications v WHERE v.fallback_of = n.id)
              AND NOT EXISTS (SELECT 1 FROM notifications v
                               WHERE n.call_id IS NOT NULL AND v.call_id = n.call_id
                                 AND v.fallback_of IS NOT NULL AND v.address = n.address)`,
          [id],
        );
        const r = rows[0];
        if (!r) return [];
        tx.emit('notification.delivery_changed', {
          changes: [{ ...change(r), error: 'unanswered: falling back to voice' }],
        });
        return this.fallBack(tx, rows);
      },
      { allowNoEvent: true },
    );
    this.outbox.kick(kick);
  }

  /** A text from a phone: the same path as POST /api/channels/sms/inbound. */
  private async inbound(from: string, text: string): Promise<void> {
    try {
      await this.acks.bySms({ from, text });
    } catch (e) {
      // Unparseable or unknown codes are the sender's problem, not the gateway's: acknowledged.
      if (e instanceof ApiException) {
        this.log.log(`inbound SMS from ${from} not applied: ${e.message}`);
        return;
      }
      throw e;
    }
  }
}
