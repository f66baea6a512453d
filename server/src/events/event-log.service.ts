import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { EventMap, EventType } from '@sanfang/shared';
import type { DataSource, EntityManager } from 'typeorm';
import {
  type CommittedEvent,
  type EventScope,
  type EventTx,
  NoEventError,
  type PendingEvent,
} from './event-log';
import {
  markCommitted,
  type SqlClient,
  withDriverTransaction,
} from '../core/db/driver-transaction';
import type { DeferredWrite } from '../core/db/set-writes';
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
   * Statements without parameters (a lock, then a read with its values inlined) sent with
   * BEGIN in one round trip, for hot paths that always start the same way (ingest batches).
   * Each statement has its own snapshot, so a read after a lock sees what the lock waited
   * for. The rows of the last one are `tx.begun`.
   */
  begin?: string;
  /**
   * The events' insert (with the deferred writes) and COMMIT in one round trip, so the
   * event counter row is held for that round trip only. With no event, the deferred writes
   * and COMMIT go together.
   */
  commitWithEvents?: boolean;
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

  private async transaction<T>(
    actor: string,
    fn: (tx: EventTx) => Promise<T> | T,
    opts: WriteOptions,
  ): Promise<{ result: T; events: CommittedEvent[] }> {
    if (opts.begin === undefined && !opts.commitWithEvents)
      return this.ds.transaction((manager) => this.run(manager, [], actor, fn, opts, null));
    // The hot path: BEGIN and COMMIT each ride with other statements, on the driver's client.
    return withDriverTransaction(this.ds, opts.begin ?? '', ({ manager, client, begun }) =>
      this.run(manager, begun, actor, fn, opts, opts.commitWithEvents ? client : null),
    );
  }

  /** The write itself; with `commitOn`, its events' insert also commits (and says so). */
  private async run<T>(
    manager: EntityManager,
    begun: Record<string, unknown>[],
    actor: string,
    fn: (tx: EventTx) => Promise<T> | T,
    opts: WriteOptions,
    commitOn: SqlClient | null,
  ): Promise<{ result: T; events: CommittedEvent[] }> {
    const pending: PendingEvent[] = [];
    const deferred: DeferredWrite[] = [];
    const txAs = (as: string | undefined): EventTx => ({
      manager,
      begun,
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
    const result = await fn(txAs(undefined));
    if (pending.length === 0) {
      if (!opts.allowNoEvent) throw new NoEventError();
      if (commitOn) {
        await this.repo.runDeferredAndCommit(commitOn, deferred);
        markCommitted(manager);
      } else if (deferred.length) await this.repo.runDeferred(manager, deferred);
      return { result, events: [] };
    }
    // Seqs are taken last, so the counter lock is held only for the insert and the commit.
    if (!commitOn)
      return { result, events: await this.repo.append(manager, actor, pending, deferred) };
    const events = await this.repo.appendAndCommit(commitOn, actor, pending, deferred);
    markCommitted(manager);
    return { result, events };
  }
}
