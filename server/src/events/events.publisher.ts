import { Injectable, Logger } from '@nestjs/common';
import type { EventEnvelope, ServerToClient } from '@sanfang/shared';
import type { Server } from 'socket.io';
import type { CommittedEvent } from './event-log';
import { roomsFor } from './rooms';

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
      if (first === last) {
        // One event: its audience gets it, everyone else just learns the seq is accounted for.
        const rooms = roomsFor(first);
        io.to(rooms).emit('event', toEnvelope(first));
        io.except(rooms).emit('published', { from: first.seq, to: first.seq });
        return;
      }
      for (const e of events) io.to(roomsFor(e)).emit('event', toEnvelope(e));
      // One marker to everyone: the range is complete, whatever each client was allowed to see.
      io.emit('published', { from: first.seq, to: last.seq });
    } catch (err) {
      // A broken adapter must not fail a committed write; clients catch up from the log.
      this.log.warn(`publish of ${first.seq}..${last.seq} failed: ${String(err)}`);
    }
  }
}
