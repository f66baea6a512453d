import type { EventEnvelope } from './events';

/**
 * Applies events in seq order exactly once, whatever order they arrive in: live pushes from
 * several server instances, replays after a reconnect, and pages fetched over HTTP.
 * `lastSeq` only moves when every seq up to it is either applied or known not to be visible.
 */
export class EventSequencer {
  private readonly pending = new Map<number, EventEnvelope>();
  /** Ranges [from, to] known to be complete for this viewer (received or not visible). */
  private accounted: [number, number][] = [];

  constructor(private last = 0) {}

  get lastSeq(): number {
    return this.last;
  }

  /** True while something arrived ahead of a missing seq. */
  get waiting(): boolean {
    return this.pending.size > 0 || this.accounted.length > 0;
  }

  /** An event arrived; returns the events that can now be applied, in order. */
  receive(e: EventEnvelope): EventEnvelope[] {
    if (e.seq <= this.last || this.pending.has(e.seq)) return [];
    this.pending.set(e.seq, e);
    return this.drain();
  }

  /** Every seq in [from, to] that this viewer may see has been sent to it. */
  complete(from: number, to: number): EventEnvelope[] {
    if (to > this.last) this.accounted.push([Math.max(from, this.last + 1), to]);
    return this.drain();
  }

  /** A page from the log: its events, and every seq up to `upTo` accounted for. */
  page(events: EventEnvelope[], upTo: number): EventEnvelope[] {
    const out: EventEnvelope[] = [];
    for (const e of events) out.push(...this.receive(e));
    out.push(...this.complete(this.last + 1, upTo));
    return out;
  }

  private drain(): EventEnvelope[] {
    const out: EventEnvelope[] = [];
    for (;;) {
      const next = this.last + 1;
      const e = this.pending.get(next);
      if (e) {
        this.pending.delete(next);
        this.last = next;
        out.push(e);
        continue;
      }
      const range = this.accounted.find(([from, to]) => from <= next && next <= to);
      if (!range) break;
      // Skip the rest of the accounted range, except events waiting inside it.
      let seq = next;
      while (seq <= range[1] && !this.pending.has(seq)) seq++;
      this.last = seq - 1;
      this.accounted = this.accounted.filter(([, to]) => to > this.last);
    }
    return out;
  }
}
