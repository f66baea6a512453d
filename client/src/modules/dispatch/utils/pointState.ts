import type { DispatchDto } from '@sanfang/shared';
import type { PointState } from '../../../vocabulary/pointStates';
import { isOverdue } from './urgency';

// Which state shows when a point has several: what needs the duty officer's eye first.
const PRIORITY: Readonly<Record<PointState, number>> = {
  quiet: 0,
  on_site: 1,
  acknowledged: 2,
  dispatched: 3,
  ponding: 4,
  overdue: 5,
};

function dispatchState(d: DispatchDto, now: number): PointState {
  if (d.status === 'stood_down' || d.closedAt) return 'quiet';
  if (isOverdue(d, now)) return 'overdue';
  if (d.arrivedAt) return 'on_site';
  if (d.acknowledgedAt) return 'acknowledged';
  return 'dispatched';
}

/**
 * Per point, the most pressing state across its open dispatches; ponding (a sensor over its
 * alarm depth, or a contact reporting depth over it) outranks everything but overdue. Points
 * not in the result are quiet.
 */
export function pointStates(
  dispatches: Iterable<DispatchDto>,
  ponding: ReadonlySet<string>,
  now: number,
  alarmDepth: (pointId: string) => number | undefined = () => undefined,
): Map<string, PointState> {
  const states = new Map<string, PointState>();
  const raise = (pointId: string, s: PointState) => {
    const before = states.get(pointId) ?? 'quiet';
    if (PRIORITY[s] > PRIORITY[before]) states.set(pointId, s);
  };
  for (const pointId of ponding) raise(pointId, 'ponding');
  for (const d of dispatches) {
    raise(d.pointId, dispatchState(d, now));
    const limit = alarmDepth(d.pointId);
    if (d.depthM !== null && limit !== undefined && d.depthM > limit && !d.closedAt)
      raise(d.pointId, 'ponding');
  }
  return states;
}
