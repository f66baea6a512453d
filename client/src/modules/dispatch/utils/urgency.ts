import type { DispatchDto } from '@sanfang/shared';

export type ClockKind = 'ack' | 'arrive';

/** The deadline a dispatch is working against now, or null once nothing more is due. */
export function pendingDeadline(d: DispatchDto): { kind: ClockKind; at: number } | null {
  if (d.status === 'stood_down' || d.closedAt) return null;
  if (!d.acknowledgedAt) return { kind: 'ack', at: Date.parse(d.ackDeadline) };
  if (d.arriveDeadline && !d.arrivedAt) return { kind: 'arrive', at: Date.parse(d.arriveDeadline) };
  return null;
}

export const isOverdue = (d: DispatchDto, now: number): boolean => {
  const due = pendingDeadline(d);
  return due !== null && due.at <= now;
};

/** Seconds to the pending deadline (negative when overdue), null when nothing is due. */
export function secondsToDeadline(d: DispatchDto, now: number): number | null {
  const due = pendingDeadline(d);
  return due ? Math.floor((due.at - now) / 1000) : null;
}

/**
 * Most urgent first: overdue and soonest deadlines on top (earliest deadline first), then the
 * dispatches with nothing due (on site / acknowledged), then stood down. Ties by point code.
 */
export function byUrgency(list: readonly DispatchDto[]): DispatchDto[] {
  const tier = (d: DispatchDto) => (pendingDeadline(d) ? 0 : d.status === 'stood_down' ? 2 : 1);
  return [...list].sort((a, b) => {
    const ta = tier(a);
    const tb = tier(b);
    if (ta !== tb) return ta - tb;
    const da = pendingDeadline(a)?.at ?? 0;
    const db = pendingDeadline(b)?.at ?? 0;
    return da - db || a.pointCode.localeCompare(b.pointCode) || a.role.localeCompare(b.role);
  });
}

export interface DispatchCounts {
  notified: number;
  acknowledged: number;
  onSite: number;
  overdue: number;
}

export function countDispatches(list: Iterable<DispatchDto>, now: number): DispatchCounts {
  const c: DispatchCounts = { notified: 0, acknowledged: 0, onSite: 0, overdue: 0 };
  for (const d of list) {
    c.notified += 1;
    if (d.acknowledgedAt) c.acknowledged += 1;
    if (d.arrivedAt) c.onSite += 1;
    if (isOverdue(d, now)) c.overdue += 1;
  }
  return c;
}
