import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, type OnModuleInit, Optional } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Timers } from '../../timers/timers.service';
import { DISPATCH_CONFIG, type DispatchConfig } from '../dispatch.config';
import { NOTIFY_CHANNEL, type NotifyChannel, type OutboundMessage, VOICE_CHANNEL } from './channel';
import { type NewMessage, NotificationsRepository } from './notifications.repository';

export const DELIVER_QUEUE = 'notify.deliver';
const CLAIM = 5_000;

/**
 * Outbound messages: recorded in the caller's state transaction together with a durable
 * `notify.deliver` job, handed to the channel after commit (at once by `kick`, else by the
 * job, with retries). Leases stop two senders from handing over the same message at once.
 */
@Injectable()
export class Outbox implements OnModuleInit {
  private readonly log = new Logger('Outbox');
  private readonly delivered: ((ids: string[]) => void)[] = [];

  constructor(
    private readonly repo: NotificationsRepository,
    private readonly timers: Timers,
    @Inject(NOTIFY_CHANNEL) private readonly channel: NotifyChannel,
    @Inject(DISPATCH_CONFIG) private readonly config: DispatchConfig,
    @Optional() @Inject(VOICE_CHANNEL) private readonly voice: NotifyChannel | null = null,
  ) {}

  onModuleInit(): void {
    this.timers.handle<{ batchId: string }>(DELIVER_QUEUE, async ({ batchId }) => {
      const left = await this.deliver(batchId);
      // Throwing makes pg-boss retry the job later (backoff): nothing is dropped.
      if (left > 0) throw new Error(`${left} message(s) of batch ${batchId} not yet delivered`);
    });
  }

  /** In-process hook when messages were handed to the channel (benchmarks, tests). */
  onDelivered(fn: (ids: string[]) => void): void {
    this.delivered.push(fn);
  }

  /** Records messages in `m`'s transaction; returns the batch id to kick after commit. */
  async record(m: EntityManager, msgs: Omit<NewMessage, 'id'>[]): Promise<string | null> {
    if (msgs.length === 0) return null;
    const batchId = randomUUID();
    await this.repo.insert(
      m,
      batchId,
      this.config.channel,
      msgs.map((x) => ({ ...x, id: randomUUID() })),
    );
    await this.timers.schedule(m, DELIVER_QUEUE, batchId, new Date(), { batchId });
    return batchId;
  }

  /** After commit: deliver now rather than at the next poll (the job stays as the safety net). */
  kick(batchIds: readonly (string | null)[]): void {
    for (const id of batchIds) {
      if (id)
        this.deliver(id).catch((e: unknown) =>
          this.log.warn(`delivery of ${id} deferred: ${String(e)}`),
        );
    }
  }

  /**
   * Hands every undelivered message of a batch to the channel; returns how many are left.
   * A channel with `ready` is fed the next claim while it still sends the last one (no gap
   * between claims under its rate).
   */
  async deliver(batchId: string): Promise<number> {
    if (this.channel.storesOnly) {
      // Nothing to hand over: one statement marks the batch (the voice rows go on below).
      const ids = await this.repo.deliverStored(batchId, this.voice !== null);
      if (ids.length > 0) {
        this.log.debug(`${ids.length} message(s) stored for admins`);
        for (const fn of this.delivered) fn(ids);
      }
      if (this.voice === null) return this.repo.undelivered(batchId);
    }
    const running: Promise<void>[] = [];
    let failedAny = false;
    for (;;) {
      const msgs = await this.repo.claim(
        batchId,
        this.channel.claimSize ?? CLAIM,
        this.channel.leaseS,
      );
      if (msgs.length === 0) break;
      const handed = this.hand(msgs).then((failed) => {
        if (failed) failedAny = true;
      });
      if (this.channel.ready) {
        running.push(handed);
        await Promise.race([handed, this.channel.ready()]);
      } else await handed;
      if (failedAny) break;
    }
    await Promise.all(running);
    return this.repo.undelivered(batchId);
  }

  /** One claim to its channels and back into the outbox; true if any message failed. */
  private async hand(msgs: OutboundMessage[]): Promise<boolean> {
    // A voice fallback row goes to the webhook; everything else to the configured channel.
    const byChannel = new Map<NotifyChannel, OutboundMessage[]>();
    for (const m of msgs) {
      const ch = m.channel === 'webhook' && this.voice ? this.voice : this.channel;
      const list = byChannel.get(ch);
      if (list) list.push(m);
      else byChannel.set(ch, [m]);
    }
    const results = await Promise.all([...byChannel].map(([ch, list]) => ch.send(list)));
    const delivered = results.flatMap((r) => r.delivered);
    const failed = results.flatMap((r) => r.failed);
    await this.repo.markDelivered(delivered);
    await this.repo.release(failed);
    if (delivered.length > 0) for (const fn of this.delivered) fn(delivered);
    return failed.length > 0;
  }

  /** Every batch with messages not handed over and not leased (restart, dead retry jobs). */
  async sweep(): Promise<number> {
    const batches = await this.repo.stalledBatches();
    // All at once: the channel's priority queues order them, not the order of the sweep.
    const left = await Promise.all(batches.map((b) => this.deliver(b)));
    return left.reduce((a, b) => a + b, 0);
  }
}
