import {
  applyConsoleEvent,
  consoleStateFromDto,
  type ConsoleState,
  type EventEnvelope,
  type ReplayEventsPage,
  type ReplayStateDto,
} from '@sanfang/shared';
import type { ReplayRange } from '../../../utils/replayParam';

/**
 * Where a replay's state comes from: the server's `/api/replay/state` (the console as of a
 * moment) and `/api/replay/events` (the envelopes after it, in seq order). Injected, so the
 * timeline is tested without a server.
 */
export interface ReplaySource {
  stateAt(at: number, signal: AbortSignal): Promise<ReplayStateDto>;
  events(
    query: { fromSeq: number; toSeq?: number; to?: number; limit: number },
    signal: AbortSignal,
  ): Promise<ReplayEventsPage>;
}

/** What the replayed console shows at a moment. */
export interface ReplayView {
  /** The moment. */
  at: number;
  /** Every feature's state after the events up to `at` (the live reducers' fold). */
  state: ConsoleState;
  /** The last event folded in (0: none). */
  seq: number;
  /** The event feed as of `at`, newest first (the timeline's `recent`). */
  recent: EventEnvelope[];
}

export type TimelineStatus = 'loading' | 'ready' | 'error';

/** Events a page of `/api/replay/events`. */
export const PAGE_EVENTS = 5_000;
/** Events before the state's seq read for the event feed (the timeline shows 200). */
export const FEED_EVENTS = 300;
/** A folded state is kept every this many events, so stepping back refolds little. */
export const CHECKPOINT_EVERY = 1_000;
/** A seek this far past what is loaded reads the state there instead of paging up to it. */
export const FAR_MS = 30 * 60_000;

const timeOf = (e: EventEnvelope): number => Date.parse(e.occurredAt);

interface Segment {
  /** The moment the base state was read for, and the state itself (after `baseSeq`). */
  baseAt: number;
  baseSeq: number;
  base: ConsoleState;
  /** Events before the base (ascending): the feed's start. */
  feed: EventEnvelope[];
  /** Events after the base, ascending by seq, and their moments. */
  events: EventEnvelope[];
  times: number[];
  /** Continue paging after this seq. */
  lastSeq: number;
  /** Every event with occurredAt ≤ this is loaded (the range's end once complete). */
  loadedThrough: number;
  complete: boolean;
  /** checkpoints[k]: the state after the first k × CHECKPOINT_EVERY events. */
  checkpoints: ConsoleState[];
}

/**
 * The replay's data: the console as of the moment the view opens at (read from the server),
 * then the range's events paged in ahead of the clock and folded with the live console's
 * reducers (`applyConsoleEvent`). Moving forward folds on from where it stands; moving back
 * refolds from the nearest kept state; a jump far outside what is loaded reads the state there.
 * Holds no React; `subscribe` says when something loaded.
 */
export class ReplayTimeline {
  private segment: Segment | null = null;
  private cursor: { index: number; state: ConsoleState } | null = null;
  private statusValue: TimelineStatus = 'loading';
  private errorValue: unknown = null;
  private version = 0;
  private readonly listeners = new Set<() => void>();
  private request: AbortController | null = null;
  private paging: AbortController | null = null;
  private wanted: number;
  /** The view last built (same moment and seq: the same object). */
  private lastView: ReplayView | null = null;
  /** The log's bounds as the last state read said. */
  log: ReplayStateDto['log'] = null;

  constructor(
    private readonly source: ReplaySource,
    readonly range: ReplayRange,
    at: number,
  ) {
    this.wanted = at;
  }

  get status(): TimelineStatus {
    return this.statusValue;
  }

  get error(): unknown {
    return this.errorValue;
  }

  /** Every event of the range is loaded up to this moment (null before the first state). */
  get loadedThrough(): number | null {
    return this.segment ? this.segment.loadedThrough : null;
  }

  /** Changes when a load lands (for `useSyncExternalStore`). */
  getVersion = (): number => this.version;

  subscribe = (l: () => void): (() => void) => {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  };

  /** Starts loading the state at the moment given to the constructor. */
  start(): void {
    void this.reset(this.wanted);
  }

  stop(): void {
    this.request?.abort();
    this.paging?.abort();
    this.paging = null;
  }

  /** Whether the view at `at` can be built from what is loaded. */
  covers(at: number): boolean {
    const s = this.segment;
    return s !== null && at >= s.baseAt && (s.complete || at <= s.loadedThrough);
  }

  /**
   * Asks for what the view at `at` needs: the state there when `at` is outside what is loaded
   * (before its base, or far past it), else the events up to `at + aheadMs`. Loads land later
   * (`subscribe`).
   */
  want(at: number, aheadMs = 0): void {
    this.wanted = at;
    const s = this.segment;
    if (!s || this.statusValue !== 'ready') return;
    if (at < s.baseAt || (!s.complete && at > s.loadedThrough + FAR_MS)) {
      void this.reset(at);
      return;
    }
    this.loadAhead(at + aheadMs);
  }

  /**
   * The console at `at`, or (while what `at` needs loads) the last view built: the slider moves
   * at once, the panels follow when their data lands. Loads nothing (`want` does).
   */
  viewAt(at: number): ReplayView | null {
    const s = this.segment;
    if (!s || this.statusValue !== 'ready' || !this.covers(at)) return this.lastView;
    return this.fold(s, at);
  }

  /**
   * The moment of the first event after `at` in the range (for "step"), from what is loaded or
   * else asked of the server; null when none is left.
   */
  async nextEventAfter(at: number, signal?: AbortSignal): Promise<number | null> {
    const s = this.segment;
    if (!s || at < s.baseAt) return null;
    const i = upperBound(s.times, at);
    if (i < s.times.length) return s.times[i]!;
    if (s.complete) return null;
    // Every loaded event is at or before `at`: the next one is after the last seq read.
    let fromSeq = s.lastSeq;
    for (let pages = 0; pages < 20; pages++) {
      const page = await this.source.events(
        { fromSeq, to: this.range.to, limit: 100 },
        signal ?? new AbortController().signal,
      );
      const next = page.events.find((e) => timeOf(e) > at);
      if (next) return timeOf(next);
      if (!page.more) return null;
      fromSeq = page.lastSeq;
    }
    return null;
  }

  private fold(s: Segment, at: number): ReplayView {
    const end = upperBound(s.times, at);
    let cursor = this.cursor;
    if (!cursor || cursor.index > end) {
      // Back: from the kept state at or before `end`.
      const k = Math.min(Math.floor(end / CHECKPOINT_EVERY), s.checkpoints.length - 1);
      cursor = { index: k * CHECKPOINT_EVERY, state: s.checkpoints[k]! };
    }
    let { index, state } = cursor;
    while (index < end) {
      state = applyConsoleEvent(state, s.events[index]!);
      index += 1;
      if (index % CHECKPOINT_EVERY === 0 && s.checkpoints.length === index / CHECKPOINT_EVERY) {
        s.checkpoints.push(state);
      }
    }
    this.cursor = { index, state };
    const seq = index > 0 ? s.events[index - 1]!.seq : s.baseSeq;
    const last = this.lastView;
    if (last && last.seq === seq && last.state === state && last.at === at) return last;
    // The feed changes only with the events folded: the same list while the clock alone moves.
    const recent =
      last && last.seq === seq && last.state === state ? last.recent : feedAt(s, index);
    const view: ReplayView = { at, state, seq, recent };
    this.lastView = view;
    return view;
  }

  private async reset(at: number): Promise<void> {
    this.request?.abort();
    this.paging?.abort();
    this.paging = null;
    const controller = new AbortController();
    this.request = controller;
    // Said by the next load's landing: `want` may run while a view renders.
    this.statusValue = 'loading';
    try {
      const dto = await this.source.stateAt(at, controller.signal);
      const feed =
        dto.seq > 0
          ? await this.source.events(
              { fromSeq: Math.max(0, dto.seq - FEED_EVENTS), toSeq: dto.seq, limit: FEED_EVENTS },
              controller.signal,
            )
          : { events: [] };
      if (controller.signal.aborted) return;
      const base = consoleStateFromDto(dto.state);
      this.log = dto.log;
      this.segment = {
        baseAt: at,
        baseSeq: dto.seq,
        base,
        feed: feed.events,
        events: [],
        times: [],
        lastSeq: dto.seq,
        loadedThrough: at,
        complete: at >= this.range.to,
        checkpoints: [base],
      };
      this.cursor = null;
      this.statusValue = 'ready';
      this.errorValue = null;
      this.changed();
    } catch (error) {
      if (controller.signal.aborted) return;
      this.statusValue = 'error';
      this.errorValue = error;
      this.changed();
    }
  }

  /** Pages events in until `until` (or the range's end) is covered; one page at a time. */
  private loadAhead(until: number): void {
    const s = this.segment;
    if (!s || s.complete || this.paging || s.loadedThrough >= Math.min(until, this.range.to)) {
      return;
    }
    const controller = new AbortController();
    this.paging = controller;
    this.source
      .events({ fromSeq: s.lastSeq, to: this.range.to, limit: PAGE_EVENTS }, controller.signal)
      .then(
        (page) => {
          if (controller.signal.aborted || this.segment !== s) return;
          this.paging = null;
          for (const e of page.events) {
            s.events.push(e);
            // Seq order is the fold's order; a moment earlier than the one before counts as it.
            s.times.push(Math.max(timeOf(e), s.times[s.times.length - 1] ?? 0));
          }
          s.lastSeq = Math.max(s.lastSeq, page.lastSeq);
          if (!page.more) {
            s.complete = true;
            s.loadedThrough = this.range.to;
          } else if (page.events.length > 0) {
            // Events of the page's last moment may continue on the next page.
            s.loadedThrough = Math.max(s.loadedThrough, s.times[s.times.length - 1]! - 1);
          }
          this.changed();
          this.loadAhead(Math.max(until, this.wanted));
        },
        (error: unknown) => {
          if (controller.signal.aborted) return;
          this.paging = null;
          this.statusValue = 'error';
          this.errorValue = error;
          this.changed();
        },
      );
  }

  /** After an error: read again from the moment last asked for. */
  retry(): void {
    void this.reset(this.wanted);
  }

  private changed(): void {
    this.version += 1;
    for (const l of this.listeners) l();
  }
}

/** The first index whose time is after `at`. */
function upperBound(times: readonly number[], at: number): number {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (times[mid]! <= at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The newest FEED_EVENTS events folded (the first `index` of the segment, then its feed). */
function feedAt(s: Segment, index: number): EventEnvelope[] {
  const recent: EventEnvelope[] = [];
  for (let i = index - 1; i >= 0 && recent.length < FEED_EVENTS; i--) recent.push(s.events[i]!);
  for (let i = s.feed.length - 1; i >= 0 && recent.length < FEED_EVENTS; i--) {
    recent.push(s.feed[i]!);
  }
  return recent;
}
