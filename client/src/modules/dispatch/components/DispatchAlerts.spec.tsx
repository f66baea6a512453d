/**
 * @jest-environment jsdom
 */
import { act } from 'react';
import { dispatch, response } from '../../../test/consoleFactories';
import { mountEachTest } from '../../../test/mountEachTest';
import { DispatchesContext, type LiveDispatches } from '../state/DispatchesProvider';
import { ANNOUNCE_MS, DispatchAlerts } from './DispatchAlerts';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const value = (list = [dispatch()]): LiveDispatches => ({
  responses: [response()],
  byResponse: new Map([['r1', new Map(list.map((d) => [d.id, d]))]]),
  all: list,
  loading: new Set(),
  settled: true,
});

describe(DispatchAlerts.name, () => {
  const view = mountEachTest();
  beforeEach(() => {
    jest.useFakeTimers({ now: Date.parse('2025-06-11T07:09:50Z') });
  });
  afterEach(() => jest.useRealTimers());

  it('announces a call-out that goes overdue while the console watches', () => {
    const v = value();
    act(() =>
      view.root.render(
        <DispatchesContext.Provider value={v}>
          <DispatchAlerts />
        </DispatchesContext.Provider>,
      ),
    );
    const announcer = () => view.container.querySelector('[data-testid=callout-announcer]');
    expect(announcer()?.textContent).toBe('');
    // The factory's ack deadline is 07:10:00.
    act(() => jest.advanceTimersByTime(11_000));
    // Said within a second (what changed meanwhile is said at once).
    act(() => jest.advanceTimersByTime(ANNOUNCE_MS));
    expect(announcer()?.textContent).toMatch(/1 条调度超时：宝安大道下穿/);
  });
});
