import type { EventEnvelope } from '@sanfang/shared';

/**
 * A feature's live state, defined once: its snapshot (`load`), the state before one lands or
 * when it fails (`empty`), and a pure reducer of one event (`apply`). The live console and an
 * after-action replay drive the same reducer: a feature's state as of any moment is
 * `events.reduce(apply, snapshot)`.
 */
export interface LiveReducer<S> {
  empty: S;
  apply: (state: S, event: EventEnvelope) => S;
}

/** A read an applied event asks for (e.g. the detail an event only sketches). */
export interface FollowUp<S> {
  /** Only the latest follow-up per key may land (a slow older read must not paint over). */
  key: string;
  run: (signal: AbortSignal) => Promise<(state: S) => S>;
}

export interface LiveFeature<S> extends LiveReducer<S> {
  load: (signal: AbortSignal) => Promise<S>;
  /** Given the state before the event, the read the event needs, if any. */
  followUp?: (before: S, event: EventEnvelope) => FollowUp<S> | null;
  /** Events after which patching is not enough and the snapshot is read again. */
  reloadOn?: (event: EventEnvelope) => boolean;
}

export type LiveFeatureStatus = 'loading' | 'ready' | 'error';

export interface LiveFeatureState<S> {
  state: S;
  status: LiveFeatureStatus;
  /** The snapshot's failure, while status is 'error'. */
  error: unknown;
  /** When the current snapshot landed. */
  loadedAt: Date | null;
}

/** Replays events onto a state: the one fold both the live console and a replay use. */
export function replay<S>(
  reducer: Pick<LiveReducer<S>, 'apply'>,
  state: S,
  events: readonly EventEnvelope[],
): S {
  return events.reduce(reducer.apply, state);
}

type Subscribe = (listener: (events: EventEnvelope[]) => void) => () => void;

/**
 * Load a snapshot, buffer the live events that arrive until it lands, replay them onto it,
 * then apply live events as they come. One instance per feature per session; `start` returns
 * the stop function (aborts the snapshot and every follow-up read, unsubscribes).
 */
export class LiveFeatureStore<S> {
  private value: LiveFeatureState<S>;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly feature: LiveFeature<S>) {
    this.value = { state: feature.empty, status: 'loading', error: undefined, loadedAt: null };
  }

  getSnapshot = (): LiveFeatureState<S> => this.value;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  start(onEvents: Subscribe): () => void {
    const feature = this.feature;
    let stopped = false;
    let snapshot: AbortController | null = null;
    // Events seen while no snapshot has landed yet; null once it has.
    let pending: EventEnvelope[] | null = [];
    const reads = new Set<AbortController>();
    const latest = new Map<string, number>();
    let readCount = 0;

    const set = (next: LiveFeatureState<S>) => {
      if (stopped || next === this.value) return;
      this.value = next;
      for (const l of this.listeners) l();
    };
    const follow = (ups: Map<string, FollowUp<S>>) => {
      for (const up of ups.values()) {
        const mine = ++readCount;
        latest.set(up.key, mine);
        const controller = new AbortController();
        reads.add(controller);
        up.run(controller.signal).then(
          (change) => {
            reads.delete(controller);
            if (stopped || latest.get(up.key) !== mine) return;
            set({ ...this.value, state: change(this.value.state) });
          },
          // What the event put on screen stays; the next event or a reload brings the rest.
          () => reads.delete(controller),
        );
      }
    };
    const applyAll = (base: S, events: readonly EventEnvelope[]): S => {
      const ups = new Map<string, FollowUp<S>>();
      let state = base;
      for (const e of events) {
        const up = feature.followUp?.(state, e);
        if (up) {
          ups.delete(up.key);
          ups.set(up.key, up);
        }
        state = feature.apply(state, e);
      }
      follow(ups);
      return state;
    };
    const load = () => {
      snapshot?.abort();
      const controller = new AbortController();
      snapshot = controller;
      pending = [];
      if (this.value.status !== 'loading') set({ ...this.value, status: 'loading' });
      feature.load(controller.signal).then(
        (loaded) => {
          if (controller.signal.aborted) return;
          const buffered = pending ?? [];
          pending = null;
          set({
            state: applyAll(loaded, buffered),
            status: 'ready',
            error: undefined,
            loadedAt: new Date(),
          });
        },
        (error: unknown) => {
          // An abort means we stopped or restarted; nobody is waiting for this result.
          if (controller.signal.aborted) return;
          const buffered = pending ?? [];
          pending = null;
          set({ state: applyAll(feature.empty, buffered), status: 'error', error, loadedAt: null });
        },
      );
    };

    const off = onEvents((events) => {
      if (feature.reloadOn && events.some(feature.reloadOn)) return load();
      if (pending) {
        pending.push(...events);
        return;
      }
      const state = applyAll(this.value.state, events);
      if (state !== this.value.state) set({ ...this.value, state });
    });
    this.reload = load;
    load();
    return () => {
      stopped = true;
      this.reload = () => undefined;
      off();
      snapshot?.abort();
      for (const c of reads) c.abort();
    };
  }

  /** Reads the snapshot again (applies while started). */
  reload: () => void = () => undefined;
}
