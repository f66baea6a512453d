/** `?replay=<from>..<to>&at=<time>`: a replayed range and the moment shown (its deep link). */
export const REPLAY_PARAM = 'replay';
export const AT_PARAM = 'at';

/** A replayed range, in ms since the epoch; `from` < `to`. */
export interface ReplayRange {
  from: number;
  to: number;
}

/** A range no longer than this is replayed (a season; the server says the same). */
export const MAX_RANGE_MS = 200 * 24 * 3_600_000;

const parseInstant = (value: string): number | null => {
  // ISO 8601 with a zone, or ms since the epoch.
  const t = /^\d+$/.test(value) ? Number(value) : Date.parse(value);
  return Number.isFinite(t) ? t : null;
};

/** The instant as the URL carries it: ISO 8601 UTC to the second (`2026-07-14T06:00:00Z`). */
export const formatInstant = (ms: number): string =>
  new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');

/** `from..to`, or null when either end is missing or not after the other. */
export function parseRange(value: string | null): ReplayRange | null {
  if (!value) return null;
  const [a, b, ...rest] = value.split('..');
  if (a === undefined || b === undefined || rest.length > 0) return null;
  const from = parseInstant(a);
  const to = parseInstant(b);
  if (from === null || to === null || to <= from || to - from > MAX_RANGE_MS) return null;
  return { from, to };
}

export const formatRange = (r: ReplayRange): string =>
  `${formatInstant(r.from)}..${formatInstant(r.to)}`;

/** The moment shown: the `at` param inside the range, else the range's start. */
export function parseAt(value: string | null, range: ReplayRange): number {
  const at = value ? parseInstant(value) : null;
  if (at === null) return range.from;
  return Math.min(range.to, Math.max(range.from, at));
}

/** The replay page's link for a range (and a moment in it). */
export function replayHref(range: ReplayRange, at?: number): string {
  const params = new URLSearchParams({ [REPLAY_PARAM]: formatRange(range) });
  if (at !== undefined) params.set(AT_PARAM, formatInstant(at));
  return `/replay?${params.toString()}`;
}

// The duty room's clock is Beijing time (no daylight saving): the range inputs are in it.
const SHANGHAI_MS = 8 * 3_600_000;

/** An instant as a `datetime-local` value in Beijing time (`2026-07-14T14:00`). */
export const toLocalInput = (ms: number): string =>
  new Date(ms + SHANGHAI_MS).toISOString().slice(0, 16);

/** A `datetime-local` value read as Beijing time; null when empty or not a time. */
export function fromLocalInput(value: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(value)) return null;
  const ms = Date.parse(`${value.length === 16 ? `${value}:00` : value}+08:00`);
  return Number.isFinite(ms) ? ms : null;
}
