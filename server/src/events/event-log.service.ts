import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { EventMap, EventType } from '@sanfang/shared';
import type { DataSource, EntityManager } from 'typeorm';
import {
  type CommittedEvent,
  type EventScope,
  type DeferredWrite,
  type EventTx,
  NoEventError,
  type PendingEvent,
} from './event-log';
import { EventsPublisher } from './events.publisher';
import { EventsRepository } from './events.repository';

/**
 * The only way features change state: `write` runs their function in one transaction,
 * appends the events it recorded with the next seqs, commits, then publishes. A write that
 * records no event is rolled back, so state without its event cannot be committed here.
 */
export interface WriteOptions {
  /**
   * Only for bookkeeping that is not domain state (an event reactor advancing its cursor
   * over events it had nothing to say about).
   */
  allowNoEvent?: boolean;
  /**
   * A lock statement (no parameters) sent with BEGIN in one round trip, for hot paths that
   * always start by taking the same lock (CAP ingest's lineage lock).
   */
  lock?: string;
}

@Injectable()
export class EventLog {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly repo: EventsRepository,
    private readonly publisher: EventsPublisher,
  ) {}

  async write<T>(
    actor: string,
    fn: (tx: EventTx) => Promise<T> | T,
    opts: WriteOptions = {},
  ): Promise<T> {
    return (await this.writeWithEvents(actor, fn, opts)).result;
  }

  /** As `write`, also returning the committed events (for callers that echo seqs). */
  async writeWithEvents<T>(
    actor: string,
    fn: (tx: EventTx) => Promise<T> | T,
    opts: WriteOptions = {},
  ): Promise<{ result: T; events: CommittedEvent[] }> {
    const committed = await this.transaction(actor, fn, opts);
    // After commit only: nothing reaches a client that is not committed.
    this.publisher.publish(committed.events);
    return committed;
  }

  private transaction<T>(
    actor: string,
    fn: (tx: EventTx) => Promise<T> | T,
    opts: WriteOptions,
  ): Promise<{ result: T; events: CommittedEvent[] }> {
    return this.inTransaction(opts.lock, async (manager) => {
      const pending: PendingEvent[] = [];
      const deferred: DeferredWrite[] = [];
      const txAs = (as: string | undefined): EventTx => ({
        manager,
        emit<K extends EventType>(type: K, payload: EventMap[K], scope: EventScope = {}) {
          pending.push({
            type,
            payload,
            scope: {
              subdistrictCodes: [...new Set(scope.subdistrictCodes ?? [])].sort(),
              contactIds: [...new Set(scope.contactIds ?? [])],
            },
            ...(as === undefined ? {} : { actor: as }),
          });
        },
        as: (other) => txAs(other),
        defer: (sql, params) => void deferred.push({ sql, params }),
      });
      const tx = txAs(undefined);
      const result = await fn(tx);
      if (pending.length === 0) {
        if (!opts.allowNoEvent) throw new NoEventError();
        if (deferred.length) await this.repo.runDeferred(manager, deferred);
        return { result, events: [] };
      }
      // Seqs are taken last, so the counter lock is held only for the insert and the commit.
      const events = await this.repo.append(manager, actor, pending, deferred);
      return { result, events };
    });
  }

  private async inTransaction<T>(
    lock: string | undefined,
    fn: (m: EntityManager) => Promise<T>,
  ): Promise<T> {
    if (!lock) return this.ds.transaction(fn);
    const qr = this.ds.createQueryRunner();
    await qr.connect();
    try {
      // Two statements in one simple query: the transaction and its first lock. The runner
      // is then told what TypeORM's startTransaction would have recorded.
      Object.assign(qr, { isTransactionActive: true, transactionDepth: 1 });
      await qr.query(`START TRANSACTION; ${lock}`);
      const result = await fn(qr.manager);
      await qr.commitTransaction();
      return result;
    } catch (e) {
      if (qr.isTransactionActive) await qr.rollbackTransaction().catch(() => undefined);
      throw e;
    } finally {
      await qr.release();
    }
  }
}
