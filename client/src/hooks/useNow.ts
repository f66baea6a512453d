import { createContext, useContext, useSyncExternalStore } from 'react';

/**
 * The moment an after-action replay shows (ms), or null in the live console. A panel under
 * `ReplayClockContext` reads this time instead of `Date.now()`: countdowns and overdue colours
 * are as they were at that moment, and the panels offer no actions (replay never writes).
 */
export const ReplayClockContext = createContext<number | null>(null);

/** True inside a replayed console: show, never act (no commands, no chime). */
export function useReplaying(): boolean {
  return useContext(ReplayClockContext) !== null;
}

/**
 * One clock per interval for the whole console: every countdown that ticks each second (the
 * dispatch board's rows and counts, alerts, the warning banner, duty deadlines) reads the same
 * instant and re-renders in the same React pass, instead of one timer and one render each, at
 * staggered moments. The timer runs only while someone listens.
 */
interface Clock {
  now: number;
  listeners: Set<() => void>;
  timer: ReturnType<typeof setInterval> | undefined;
  subscribe: (listener: () => void) => () => void;
  read: () => number;
}

const clocks = new Map<number, Clock>();

function clockFor(intervalMs: number): Clock {
  const known = clocks.get(intervalMs);
  if (known) return known;
  const c: Clock = {
    now: Date.now(),
    listeners: new Set(),
    timer: undefined,
    subscribe(listener) {
      c.listeners.add(listener);
      if (c.timer === undefined) {
        c.now = Date.now();
        c.timer = setInterval(() => {
          c.now = Date.now();
          for (const l of c.listeners) l();
        }, intervalMs);
      }
      return () => {
        c.listeners.delete(listener);
        if (c.listeners.size === 0) {
          clearInterval(c.timer);
          c.timer = undefined;
        }
      };
    },
    // Idle (no listener, no timer): catch up so a first reader does not see a stale instant;
    // between ticks the same value, as useSyncExternalStore requires.
    read() {
      if (c.timer === undefined) {
        const t = Date.now();
        if (t < c.now || t - c.now >= intervalMs) c.now = t;
      }
      return c.now;
    },
  };
  clocks.set(intervalMs, c);
  return c;
}

const stopped = (): (() => void) => () => undefined;

/**
 * The current time in ms, re-rendering every `intervalMs` (countdown clocks), on the shared clock.
 * In a replay, the replayed moment itself (the replay decides how often it redraws).
 */
export function useNow(intervalMs = 1000): number {
  const replayAt = useContext(ReplayClockContext);
  const clock = clockFor(intervalMs);
  const now = useSyncExternalStore(replayAt === null ? clock.subscribe : stopped, clock.read);
  return replayAt ?? now;
}
