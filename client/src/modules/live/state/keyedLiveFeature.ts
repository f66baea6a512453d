import type { EventEnvelope } from '@sanfang/shared';

/**
 * A live feature whose state is one snapshot per key (the dispatches of each active response):
 * `load(key)` reads one key's snapshot, `apply` is the per-key reducer. `behind` says an event
 * shows a key's snapshot is missing something the event cannot supply on its own (a dispatch
 * created after the read): that key is read again once the burst is over (`refetchDelayMs`).
 */
export interface KeyedLiveFeature<S> {
  /** A key's state before its snapshot lands. */
  empty: S;
  load: (key: string, signal: AbortSignal) => Promise<S>;
  /** Pure, per event and key: an event about another key returns the same state. */
  apply: (state: S, event: EventEnvelope, key: string) => S;
  /** Given the key's state before the event. */
  behind?: (state: S, event: EventEnvelope, key: string) => boolean;
  /** Quiet time after the last `behind` event before the refetch (one read per burst). */
  refetchDelayMs: number;
}

export interface KeyedLiveState<S> {
  /** Every wanted key's state (`empty` until its first snapshot lands). */
  states: ReadonlyMap<string, S>;
  /** Keys whose first snapshot has not landed yet. */
  loading: ReadonlySet<string>;
  /** Keys whose last read failed (their state stays as it was). */
  failed: ReadonlySet<string>;
}

interface Entry<S> {
  state: S;
  loaded: boolean;
  failed: boolean;
  /** Events seen while a read is in flight, replayed onto it when it lands; null when none is. */
  pending: EventEnvelope[] | null;
  read: AbortController | null;
  timer: ReturnType<typeof setTimeout> | null;
}

type Subscribe = (listener: (events: EventEnvelope[]) => void) => () => void;

/**
 * The keyed twin of `LiveFeatureStore`: keys come and go (`setKeys`), each new key's snapshot is
 * read as it arrives, events seen during a read are buffered and replayed onto it, then applied
 * live. While a key is re-read its current state stays on screen and keeps taking events.
 */
export class KeyedLiveFeatureStore<S> {
  private value: KeyedLiveState<S> = { states: new Map(), loading: new Set(), failed: new Set() };
  private readonly listeners = new Set<() => void>();
  private readonly entries = new Map<string, Entry<S>>();
  private running = false;

  constructor(private readonly feature: KeyedLiveFeature<S>) {}

  getSnapshot = (): KeyedLiveState<S> => this.value;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** The keys wanted now: new ones are read, gone ones dropped (their reads aborted). */
  setKeys(keys: Iterable<string>): void {
    const wanted = new Set(keys);
    let changed = false;
    for (const [key, entry] of this.entries) {
      if (wanted.has(key)) continue;
      this.drop(entry);
      this.entries.delete(key);
      changed = true;
    }
    for (const key of wanted) {
      if (this.entries.has(key)) continue;
      const entry: Entry<S> = {
        state: this.feature.empty,
        loaded: false,
        failed: false,
        pending: null,
        read: null,
        timer: null,
      };
      this.entries.set(key, entry);
      changed = true;
      if (this.running) this.load(key, entry);
    }
    if (changed) this.publish();
  }

  start(onEvents: Subscribe): () => void {
    this.running = true;
    for (const [key, entry] of this.entries) this.load(key, entry);
    const off = onEvents((events) => this.onEvents(events));
    return () => {
      this.running = false;
      off();
      for (const entry of this.entries.values()) this.drop(entry);
    };
  }

  private drop(entry: Entry<S>): void {
    entry.read?.abort();
    entry.read = null;
    entry.pending = null;
    if (entry.timer) clearTimeout(entry.timer);
    entry.timer = null;
  }

  private load(key: string, entry: Entry<S>): void {
    entry.read?.abort();
    const controller = new AbortController();
    entry.read = controller;
    entry.pending = [];
    this.feature.load(key, controller.signal).then(
      (loaded) => {
        if (controller.signal.aborted || this.entries.get(key) !== entry) return;
        const buffered = entry.pending ?? [];
        entry.pending = null;
        entry.read = null;
        entry.loaded = true;
        entry.failed = false;
        entry.state = this.applyAll(key, entry, loaded, buffered);
        this.publish();
      },
      () => {
        if (controller.signal.aborted || this.entries.get(key) !== entry) return;
        entry.pending = null;
        entry.read = null;
        entry.failed = true;
        // Never loaded: what the events alone say is all there is; the next `behind` retries.
        this.publish();
      },
    );
  }

  private applyAll(key: string, entry: Entry<S>, base: S, events: readonly EventEnvelope[]): S {
    let state = base;
    let behind = false;
    for (const e of events) {
      if (this.feature.behind?.(state, e, key)) behind = true;
      state = this.feature.apply(state, e, key);
    }
    if (behind) this.later(key, entry);
    return state;
  }

  private later(key: string, entry: Entry<S>): void {
    if (entry.timer) clearTimeout(entry.timer);
    entry.timer = setTimeout(() => {
      entry.timer = null;
      if (this.running && this.entries.get(key) === entry) this.load(key, entry);
    }, this.feature.refetchDelayMs);
  }

  private onEvents(events: EventEnvelope[]): void {
    let changed = false;
    for (const [key, entry] of this.entries) {
      let next = entry.state;
      if (entry.pending) {
        // A read is in flight: buffered for its replay (which checks `behind`); a key already
        // on screen keeps taking the events meanwhile, before the first snapshot nothing shows.
        entry.pending.push(...events);
        if (entry.loaded) next = events.reduce((st, e) => this.feature.apply(st, e, key), next);
      } else {
        next = this.applyAll(key, entry, entry.state, events);
      }
      if (next !== entry.state) {
        entry.state = next;
        changed = true;
      }
    }
    if (changed) this.publish();
  }

  private publish(): void {
    const states = new Map<string, S>();
    const loading = new Set<string>();
    const failed = new Set<string>();
    for (const [key, entry] of this.entries) {
      states.set(key, entry.state);
      if (!entry.loaded && !entry.failed) loading.add(key);
      if (entry.failed) failed.add(key);
    }
    this.value = { states, loading, failed };
    for (const l of this.listeners) l();
  }
}
