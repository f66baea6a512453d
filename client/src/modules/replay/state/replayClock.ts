import type { ReplayRange } from '../../../utils/replayParam';

/** How many replayed seconds pass per second of wall time. */
export const SPEEDS = [1, 10, 60, 600] as const;
export type Speed = (typeof SPEEDS)[number];

/** The replay's clock: the moment shown, whether it runs and how fast. */
export interface ReplayClock {
  range: ReplayRange;
  /** The moment shown (ms), within the range. */
  at: number;
  playing: boolean;
  speed: Speed;
}

const clamp = (range: ReplayRange, at: number): number =>
  Math.min(range.to, Math.max(range.from, at));

export const startClock = (range: ReplayRange, at: number): ReplayClock => ({
  range,
  at: clamp(range, at),
  playing: false,
  speed: 60,
});

/** `wallMs` of wall time passed while playing: the clock moves `speed` times as far; it stops at the end. */
export function tick(clock: ReplayClock, wallMs: number): ReplayClock {
  if (!clock.playing || wallMs <= 0) return clock;
  const at = clamp(clock.range, clock.at + wallMs * clock.speed);
  return { ...clock, at, playing: at < clock.range.to };
}

export const seek = (clock: ReplayClock, at: number): ReplayClock => ({
  ...clock,
  at: clamp(clock.range, at),
});

/** Play from where it stands (from the start again once at the end); pause. */
export function play(clock: ReplayClock): ReplayClock {
  const at = clock.at >= clock.range.to ? clock.range.from : clock.at;
  return { ...clock, at, playing: true };
}

export const pause = (clock: ReplayClock): ReplayClock => ({ ...clock, playing: false });

export const setSpeed = (clock: ReplayClock, speed: Speed): ReplayClock => ({ ...clock, speed });

/** The first of the sorted `times` after `at` (strictly), or null. */
export function nextAfter(times: readonly number[], at: number): number | null {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (times[mid]! <= at) lo = mid + 1;
    else hi = mid;
  }
  return lo < times.length ? times[lo]! : null;
}

/** The last of the sorted `times` before `at` (strictly), or null. */
export function previousBefore(times: readonly number[], at: number): number | null {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (times[mid]! < at) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 ? times[lo - 1]! : null;
}

/**
 * Step: pause on the next event's moment (`eventTimes` sorted, the range's events); at the last
 * event, the range's end.
 */
export function stepToNext(clock: ReplayClock, eventTimes: readonly number[]): ReplayClock {
  const next = nextAfter(eventTimes, clock.at);
  return { ...clock, playing: false, at: clamp(clock.range, next ?? clock.range.to) };
}

/** Jump to a mark's moment and pause there. */
export const jumpTo = (clock: ReplayClock, at: number): ReplayClock => ({
  ...seek(clock, at),
  playing: false,
});
