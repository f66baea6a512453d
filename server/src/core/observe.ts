/**
 * What features report for monitoring, without importing the metrics that count it: a feature
 * calls `observe('loginFailed')` or registers a `provideReading`; `metrics/` subscribes
 * (`onObserved`, `read`) and keeps the Prometheus series. Features and metrics stand on this
 * floor, not on each other. With no subscriber (tools, unit tests) a report is a no-op.
 */
export type Observation =
  /** A sign-in was refused (unknown user, wrong password, disabled or deleted account). */
  | 'loginFailed'
  /** A live socket was cut off because it stopped reading. */
  | 'liveSlowClientCut';

/** A value read when metrics are scraped; its owner provides it. */
export type Reading =
  /** socket.io connections on this instance. */
  'liveConnections';

const listeners = new Map<Observation, Set<() => void>>();
const readings = new Map<Reading, () => number>();

export function observe(what: Observation): void {
  listeners.get(what)?.forEach((listener) => listener());
}

/** Subscribes to an observation; returns the unsubscribe. */
export function onObserved(what: Observation, listener: () => void): () => void {
  const set = listeners.get(what) ?? new Set<() => void>();
  set.add(listener);
  listeners.set(what, set);
  return () => set.delete(listener);
}

export function provideReading(what: Reading, read: () => number): void {
  readings.set(what, read);
}

/** The provided value, or 0 while nothing provides it. */
export function read(what: Reading): number {
  return readings.get(what)?.() ?? 0;
}
