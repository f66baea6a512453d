import { dispatch } from '../../../test/consoleFactories';
import { boardRows, countRows, orderRows, pickRows } from './boardRows';
import { countDispatches } from './urgency';

const now = Date.parse('2025-06-11T07:10:00Z');
const rows = [
  dispatch({ id: 'late', pointCode: 'C', ackDeadline: '2025-06-11T07:05:00Z' }),
  dispatch({ id: 'soon', pointCode: 'A', ackDeadline: '2025-06-11T07:15:00Z' }),
  dispatch({
    id: 'acked',
    pointCode: 'B',
    status: 'acknowledged',
    acknowledgedAt: '2025-06-11T07:01:00Z',
    arriveDeadline: null,
  }),
  dispatch({ id: 'down', pointCode: 'D', status: 'stood_down', closedAt: '2025-06-11T07:02:00Z' }),
];
const ids = (list: { id: string }[]) => list.map((d) => d.id);

describe('the dispatch board rows', () => {
  it('puts the overdue first whatever the order, then sorts by the chosen key', () => {
    expect(ids(boardRows(rows, 'urgency', 'all', now))).toEqual(['late', 'soon', 'acked', 'down']);
    expect(ids(boardRows(rows, 'point', 'all', now))).toEqual(['late', 'soon', 'acked', 'down']);
    expect(ids(boardRows(rows, 'status', 'all', now))).toEqual(['late', 'soon', 'acked', 'down']);
  });

  it('filters by status, or to the overdue', () => {
    expect(ids(boardRows(rows, 'urgency', 'overdue', now))).toEqual(['late']);
    expect(ids(boardRows(rows, 'urgency', 'acknowledged', now))).toEqual(['acked']);
    expect(ids(boardRows(rows, 'urgency', 'notified', now))).toEqual(['late', 'soon']);
  });

  it('keeps every row of a whole-district activation (2,436), not the first 200', () => {
    const many = Array.from({ length: 2436 }, (_, i) =>
      dispatch({ id: `d${i}`, pointCode: `P${String(i).padStart(4, '0')}` }),
    );
    expect(boardRows(many, 'point', 'all', now)).toHaveLength(2436);
  });
});

describe('the board per tick', () => {
  it('moves a row that just went overdue to the top without sorting again', () => {
    const ordered = orderRows(rows, 'point');
    // 'soon' (point A) is not overdue yet at 07:10; at 07:16 it is, and joins 'late' on top.
    expect(ids(pickRows(ordered, 'all', now))).toEqual(['late', 'soon', 'acked', 'down']);
    const later = Date.parse('2025-06-11T07:16:00Z');
    expect(ids(pickRows(ordered, 'all', later))).toEqual(['soon', 'late', 'acked', 'down']);
    expect(ids(pickRows(ordered, 'overdue', later))).toEqual(['soon', 'late']);
  });

  it('counts as countDispatches does', () => {
    const later = Date.parse('2025-06-11T07:16:00Z');
    for (const at of [now, later])
      expect(countRows(orderRows(rows, 'urgency'), at)).toEqual(countDispatches(rows, at));
  });
});
