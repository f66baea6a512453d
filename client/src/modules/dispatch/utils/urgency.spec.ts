import { dispatch } from '../../../test/consoleFactories';
import { formatDuration } from '../../../utils/formatDuration';
import { formatTime } from '../../../utils/formatTime';
import { byUrgency, countDispatches, isOverdue, secondsToDeadline } from './urgency';

const at = (iso: string) => Date.parse(iso);

describe('dispatch urgency', () => {
  it('sorts overdue and soonest deadlines first, finished ones after, stood down last', () => {
    const list = [
      dispatch({ id: 'stood', status: 'stood_down', closedAt: '2025-06-11T07:05:00Z' }),
      dispatch({
        id: 'onsite',
        acknowledgedAt: '2025-06-11T07:02:00Z',
        arrivedAt: '2025-06-11T07:20:00Z',
        status: 'on_site',
      }),
      dispatch({ id: 'later', ackDeadline: '2025-06-11T07:15:00Z' }),
      // Acknowledged: now racing the arrival deadline.
      dispatch({
        id: 'arrive',
        acknowledgedAt: '2025-06-11T07:03:00Z',
        status: 'acknowledged',
        arriveDeadline: '2025-06-11T07:12:00Z',
      }),
      dispatch({ id: 'overdue', ackDeadline: '2025-06-11T06:55:00Z' }),
    ];
    expect(byUrgency(list).map((d) => d.id)).toEqual([
      'overdue',
      'arrive',
      'later',
      'onsite',
      'stood',
    ]);
  });

  it('counts down to the pending deadline and goes negative once it passes', () => {
    const d = dispatch({ ackDeadline: '2025-06-11T07:10:00Z' });
    expect(secondsToDeadline(d, at('2025-06-11T07:08:30Z'))).toBe(90);
    expect(isOverdue(d, at('2025-06-11T07:08:30Z'))).toBe(false);
    expect(secondsToDeadline(d, at('2025-06-11T07:11:00Z'))).toBe(-60);
    expect(isOverdue(d, at('2025-06-11T07:11:00Z'))).toBe(true);
    // What the board prints for that: deadline in Beijing time, overdue by a minute.
    expect(formatTime(d.ackDeadline, { date: false })).toBe('15:10');
    expect(formatDuration(60)).toBe('01:00');
  });

  it('has no clock once nothing more is due (non-lead acknowledged, or on site)', () => {
    const acked = dispatch({
      role: 'drainage',
      arriveDeadline: null,
      acknowledgedAt: '2025-06-11T07:01:00Z',
    });
    expect(secondsToDeadline(acked, at('2025-06-11T09:00:00Z'))).toBeNull();
    expect(isOverdue(acked, at('2025-06-11T09:00:00Z'))).toBe(false);
  });

  it('counts notified, acknowledged, on site and overdue', () => {
    const now = at('2025-06-11T07:20:00Z');
    const c = countDispatches(
      [
        dispatch({ id: 'a' }),
        dispatch({
          id: 'b',
          acknowledgedAt: '2025-06-11T07:05:00Z',
          arriveDeadline: '2025-06-11T08:00:00Z',
        }),
        dispatch({
          id: 'c',
          acknowledgedAt: '2025-06-11T07:05:00Z',
          arrivedAt: '2025-06-11T07:15:00Z',
        }),
      ],
      now,
    );
    expect(c).toEqual({ notified: 3, acknowledged: 2, onSite: 1, overdue: 1 });
  });
});
