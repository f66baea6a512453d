import { Injectable, Logger } from '@nestjs/common';
import type { EventEnvelope, ServerToClient } from '@sanfang/shared';
import type { Server } from 'socket.io';
import type { CommittedEvent } from './event-log';
import { ROOM_CONTACTS, ROOM_DISTRICT, roomsFor } from './rooms';

/** How long seq ranges gather before one marker goes to every client. */
export const ACCOUNT_FLUSH_MS = 50;

/** Sorted, merged inclusive ranges (commits from concurrent writers can finish out of order). */
export function mergeRanges(ranges: [number, number][]): [number, number][] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const [from, to] of sorted) {
    const tail = out[out.length - 1];
    if (tail && from <= tail[1] + 1) tail[1] = Math.max(tail[1], to);
    else out.push([from, to]);
  }
  return out;
}

export type LiveServer = Server<Record<string, never>, ServerToClient>;

// A committed row's type and payload were written together from the EventMap.
export const toEnvelope = (e: CommittedEvent): EventEnvelope =>
  ({ seq: e.seq, type: e.type, occurredAt: e.occurredAt, payload: e.payload }) as EventEnvelope;

/**
 * Outbound adapter to socket.io (the Redis adapter carries it to other instances). Services
 * never touch sockets; the event log calls this after commit.
 */
@Injectable()
export class EventsPublisher {
  private readonly log = new Logger(EventsPublisher.name);
  private server: LiveServer | null = null;
  private readonly listeners: ((events: CommittedEvent[]) => void)[] = [];

  attach(server: LiveServer): void {
    this.server = server;
  }

  /** In-process hook after each local commit (reactors wake on it). */
  onPublished(listener: (events: CommittedEvent[]) => void): void {
    this.listeners.push(listener);
  }

  publish(events: CommittedEvent[]): void {
    if (events.length > 0) for (const l of this.listeners) l(events);
    const io = this.server;
    const first = events[0];
    const last = events[events.length - 1];
    if (!io || !first || !last) return;
    try {
      for (const e of events) io.to(roomsFor(e)).emit('event', toEnvelope(e));
    } catch (err) {
      // A broken adapter must not fail a committed write; clients catch up from the log
      // (nothing is marked accounted or delivered, so the next head beacon sends them there).
      this.log.warn(`publish of ${first.seq}..${last.seq} failed: ${String(err)}`);
      return;
    }
    this.delivered = mergeRanges([...this.delivered, [first.seq, last.seq]]);
    this.account(first.seq, last.seq);
  }

  /** Seq ranges this instance has pushed to its own sockets, since the last head beacon. */
  private delivered: [number, number][] = [];

  /**
   * Whether every seq in (after, head] went out from this instance, so its sockets were sent
   * each event (or the marker for it) and a head beacon would tell them nothing new. Forgets
   * what is at or below `head`.
   */
  deliveredLocally(after: number, head: number): boolean {
    const covered =
      head <= after || this.delivered.some(([from, to]) => from <= after + 1 && to >= head);
    this.delivered = this.delivered
      .filter(([, to]) => to > head)
      .map(([from, to]): [number, number] => [Math.max(from, head + 1), to]);
    return covered;
  }

  /**
   * Seqs this instance has pushed, told to every filtered client in one coalesced message: one per
   * flush interval however many events went out, so a storm of single-recipient events
   * (2,000 call-outs) costs each other client a few small messages a second, not one each.
   */
  private pending: [number, number][] = [];
  private flushTimer: NodeJS.Timeout | null = null;

  private account(from: number, to: number): void {
    const tail = this.pending[this.pending.length - 1];
    if (tail && tail[1] + 1 === from) tail[1] = to;
    else this.pending.push([from, to]);
    this.flushTimer ??= setTimeout(() => this.flush(), ACCOUNT_FLUSH_MS);
  }

  private flush(): void {
    this.flushTimer = null;
    const ranges = mergeRanges(this.pending);
    this.pending = [];
    if (ranges.length === 0 || !this.server) return;
    try {
      // Local sockets only: here delivery of the events the ranges cover is certain. Through
      // Redis an event's publish can be lost at the moment Redis fails while the marker after
      // it is queued and delivered, and the marker would then hide a missing event. Clients
      // on other instances fill filtered seqs from the log (head beacon + HTTP).
      // District viewers are sent every event, so nothing is filtered for them: no marker.
      // Contacts follow only their own seqs (global ones would show how busy the log is).
      this.server.local.except([ROOM_DISTRICT, ROOM_CONTACTS]).emit('accounted', { ranges });
    } catch (err) {
      this.log.warn(`accounted marker failed: ${String(err)}`);
    }
  }
}
