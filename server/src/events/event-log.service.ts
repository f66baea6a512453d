import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { EventMap, EventType } from '@sanfang/shared';
import type { DataSource } from 'typeorm';
import {
  type CommittedEvent,
  type EventScope,
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
}

@Injectable()
export class EventLog {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly repo: EventsRepository,
    private readonly publisher: EventsPublisher,
  ) {}

  async write<T>(actor: string, fn: (tx: EventTx) => Promise<T> | T): Promise<T> {
    return (await this.writeWithEvents(actor, fn)).result;
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
    return this.ds.transaction(async (manager) => {
      const pending: PendingEvent[] = [];
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
      });
      const tx = txAs(undefined);
      const result = await fn(tx);
      if (pending.length === 0) {
        if (opts.allowNoEvent) return { result, events: [] };
        throw new NoEventError();
      }
      // Seqs are taken last, so the counter lock is held only for the insert and the commit.
      const events = await this.repo.append(manager, actor, pending);
      return { result, events };
    });
  }
}
