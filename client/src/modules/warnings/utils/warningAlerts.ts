import type { WarningDto } from '@sanfang/shared';
import { colourRank, isUrgentColour } from '../../../vocabulary/signal';

/**
 * Warnings that must flash (and chime): orange or red ones that are new, or whose colour went
 * up since the previous snapshot. Drills flash but never chime (see `chime`).
 */
export function warningsToAlert(
  previous: ReadonlyMap<string, WarningDto>,
  next: ReadonlyMap<string, WarningDto>,
): { flash: string[]; chime: boolean } {
  const flash: string[] = [];
  let chime = false;
  for (const [id, w] of next) {
    if (!isUrgentColour(w.colour)) continue;
    const before = previous.get(id);
    if (before && colourRank(before.colour) >= colourRank(w.colour)) continue;
    flash.push(id);
    if (!w.drill) chime = true;
  }
  return { flash, chime };
}

/** Seconds until a warning expires (negative once past), or null when it sets no expiry. */
export function secondsLeft(expires: string | null, now: number): number | null {
  if (!expires) return null;
  return Math.floor((new Date(expires).getTime() - now) / 1000);
}

/** Banner order: most severe colour first, then the newest. */
export function bannerOrder(warnings: Iterable<WarningDto>): WarningDto[] {
  return [...warnings].sort(
    (a, b) => colourRank(b.colour) - colourRank(a.colour) || b.updatedAt.localeCompare(a.updatedAt),
  );
}
