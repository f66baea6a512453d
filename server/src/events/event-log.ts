import type { EventMap, EventType } from '@sanfang/shared';
import type { EntityManager } from 'typeorm';

/** Who may see an event. Empty subdistricts = district-wide; contacts see only their own. */
export interface EventScope {
  subdistrictCodes?: string[];
  contactIds?: string[];
}

export interface PendingEvent<K extends EventType = EventType> {
  type: K;
  payload: EventMap[K];
  scope: Required<EventScope>;
  /** Set when one transaction carries several callers' work (a batch): their own actor. */
  actor?: string;
}

/** What a feature's write function gets: the transaction's manager and a way to record events. */
export interface EventTx {
  readonly manager: EntityManager;
  emit<K extends EventType>(type: K, payload: EventMap[K], scope?: EventScope): void;
  /** The same transaction, recording events in another actor's name (batched writes). */
  as(actor: string): EventTx;
  /**
   * A data-modifying statement (INSERT/UPDATE/DELETE, numbered $1…) run in the same
   * statement as the events' insert, so it costs no round trip of its own. Its result is
   * not returned; a failure fails the write.
   */
  defer(sql: string, params: unknown[]): void;
  /** The rows of the last statement sent with BEGIN (WriteOptions.begin), else empty. */
  readonly begun: Record<string, unknown>[];
}

/** A committed event with its visibility, as the publisher needs it. */
export interface CommittedEvent {
  seq: number;
  type: EventType;
  occurredAt: string;
  actor: string;
  subdistrictCodes: string[];
  contactIds: string[];
  payload: EventMap[EventType];
}

export class NoEventError extends Error {
  constructor() {
    super('A state change must record at least one event (EventLog.write)');
  }
}
