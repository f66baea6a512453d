import { dispatch } from '../../../test/consoleFactories';
import { pointStates } from './pointState';

const now = Date.parse('2025-06-11T07:05:00Z');

describe('waterlogging point state from dispatches', () => {
  it('maps each dispatch state to a point colour state', () => {
    const states = pointStates(
      [
        dispatch({ id: '1', pointId: 'notified' }),
        dispatch({ id: '2', pointId: 'acked', acknowledgedAt: '2025-06-11T07:01:00Z' }),
        dispatch({
          id: '3',
          pointId: 'onsite',
          acknowledgedAt: '2025-06-11T07:01:00Z',
          arrivedAt: '2025-06-11T07:04:00Z',
        }),
        dispatch({ id: '4', pointId: 'late', ackDeadline: '2025-06-11T07:00:00Z' }),
        dispatch({
          id: '5',
          pointId: 'stood',
          status: 'stood_down',
          closedAt: '2025-06-11T07:03:00Z',
        }),
      ],
      new Set(),
      now,
    );
    expect(Object.fromEntries(states)).toEqual({
      notified: 'dispatched',
      acked: 'acknowledged',
      onsite: 'on_site',
      late: 'overdue',
    });
  });

  it('shows the most pressing state when a point has several dispatches', () => {
    const states = pointStates(
      [
        dispatch({
          id: '1',
          acknowledgedAt: '2025-06-11T07:01:00Z',
          arrivedAt: '2025-06-11T07:02:00Z',
        }),
        dispatch({ id: '2', role: 'drainage' }),
      ],
      new Set(),
      now,
    );
    expect(states.get('p1')).toBe('dispatched');
  });

  it('marks ponding from a sensor alarm or a reported depth over the threshold, under overdue', () => {
    const states = pointStates(
      [
        dispatch({
          id: '1',
          pointId: 'deep',
          acknowledgedAt: '2025-06-11T07:01:00Z',
          arrivedAt: '2025-06-11T07:02:00Z',
          depthM: 0.6,
        }),
        dispatch({ id: '2', pointId: 'sensor-late', ackDeadline: '2025-06-11T07:00:00Z' }),
      ],
      new Set(['sensor', 'sensor-late']),
      now,
      () => 0.3,
    );
    expect(states.get('deep')).toBe('ponding');
    expect(states.get('sensor')).toBe('ponding');
    expect(states.get('sensor-late')).toBe('overdue');
  });
});
