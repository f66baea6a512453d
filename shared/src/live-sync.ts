import type { AccountedRanges, EventEnvelope, EventsPage } from './events';
import { EventSequencer } from './sequencer';

export interface LiveSyncOptions {
  /** Resume point (persisted by the caller); undefined = start from the server's head. */
  lastSeq?: number;
  /** Reads the log over HTTP: GET /api/events?after=. */
  fetchPage: (after: number) => Promise<EventsPage>;
  /** Receives events exactly once, in seq order. */
  apply: (events: EventEnvelope[]) => void;
  /** Called whenever lastSeq moves (persist it for the next page load). */
  onProgress?: (lastSeq: number) => void;
  /** How long a gap may stay open before the log is read to fill it. */
  gapWaitMs?: number;
}

/**
 * Transport-agnostic live sync: feed it what the socket delivers and it applies events in
 * order, once, filling any gap (lost publish, Redis outage, crash between commit and push)
 * from the log. Used by the console, the tests and the benchmarks alike.
 */
export class LiveSync {
  private seq: EventSequencer | null;
  private gapTimer: ReturnType<typeof setTimeout> | null = null;
  private fetching = false;
  private knownHead = 0;
  private live = false;
  private heldRanges: [number, number][] = [];
  private readonly gapWaitMs: number;

  constructor(private readonly opts: LiveSyncOptions) {
    this.seq = opts.lastSeq === undefined ? null : new EventSequencer(opts.lastSeq);
    this.gapWaitMs = opts.gapWaitMs ?? 1_000;
  }

  /** undefined until the first `resumed` when started without a resume point. */
  get lastSeq(): number | undefined {
    return this.seq?.lastSeq;
  }

  /** The handshake's `auth.lastSeq`. */
  handshakeSeq(): number | undefined {
    return this.seq?.lastSeq;
  }

  onEvent(e: EventEnvelope): void {
    if (!this.seq) return; // before the first `resumed`; the replay covers it
    this.emit(this.seq.receive(e));
  }

  onAccounted(r: AccountedRanges): void {
    for (const [, to] of r.ranges) this.knownHead = Math.max(this.knownHead, to);
    // Until this connection's replay is done, an event the marker covers may still be on
    // its way in the replay: hold the marker, or the event would be skipped as invisible.
    if (!this.live) {
      this.heldRanges.push(...r.ranges);
      return;
    }
    const seq = this.seq;
    if (!seq) return;
    this.emit(r.ranges.flatMap(([from, to]) => seq.complete(from, to)));
  }

  /** The transport dropped: markers wait for the next replay to finish. */
  onDisconnect(): void {
    this.live = false;
  }

  /** Replay after (re)connect is complete up to `lastSeq`. */
  onResumed(r: { lastSeq: number }): void {
    this.knownHead = Math.max(this.knownHead, r.lastSeq);
    this.live = true;
    const held = this.heldRanges;
    this.heldRanges = [];
    if (!this.seq) {
      // Started from the head: nothing before it matters.
      this.seq = new EventSequencer(r.lastSeq);
      this.reported = r.lastSeq;
      this.opts.onProgress?.(r.lastSeq);
      return;
    }
    const seq = this.seq;
    this.emit([
      ...seq.complete(seq.lastSeq + 1, r.lastSeq),
      ...held.flatMap(([from, to]) => seq.complete(from, to)),
    ]);
  }

  onHead(h: { seq: number }): void {
    this.knownHead = Math.max(this.knownHead, h.seq);
    this.check();
  }

  /** Reads the log now until caught up with the newest known head. */
  async catchUp(): Promise<void> {
    if (this.fetching || !this.seq) return;
    this.fetching = true;
    try {
      for (;;) {
        const from = this.seq.lastSeq;
        const page = await this.opts.fetchPage(from);
        this.knownHead = Math.max(this.knownHead, page.lastSeq);
        this.emit(this.seq.page(page.events, page.lastSeq));
        if (page.lastSeq <= from || this.seq.lastSeq >= this.knownHead) break;
      }
    } finally {
      this.fetching = false;
    }
    this.check();
  }

  dispose(): void {
    if (this.gapTimer) clearTimeout(this.gapTimer);
    this.gapTimer = null;
  }

  private behind(): boolean {
    return !!this.seq && (this.seq.waiting || this.seq.lastSeq < this.knownHead);
  }

  private reported = -1;

  private emit(events: EventEnvelope[]): void {
    if (events.length > 0) this.opts.apply(events);
    // Progress also moves over seqs this viewer may not see (no events applied).
    if (this.seq && this.seq.lastSeq !== this.reported) {
      this.reported = this.seq.lastSeq;
      this.opts.onProgress?.(this.seq.lastSeq);
    }
    this.check();
  }

  /** A gap that outlives gapWaitMs is filled from the log. */
  private check(): void {
    if (!this.behind()) {
      this.dispose();
      return;
    }
    if (this.gapTimer) return;
    this.gapTimer = setTimeout(() => {
      this.gapTimer = null;
      if (this.behind()) this.catchUp().catch(() => this.check());
    }, this.gapWaitMs);
  }
}
