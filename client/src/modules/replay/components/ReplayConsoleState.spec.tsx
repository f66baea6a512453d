/**
 * @jest-environment jsdom
 */
import {
  applyConsoleEvent,
  emptyConsoleState,
  type EventEnvelope,
  type LoginResponse,
  type ReplayMark,
} from '@sanfang/shared';
import type * as ReactModule from 'react';
import { act, type ReactNode } from 'react';
import { dispatch, event, responsePayload, warning } from '../../../test/consoleFactories';
import { districtCollection, subdistrictCollection } from '../../../test/factories';
import { mountEachTest } from '../../../test/mountEachTest';
import { StaticSession } from '../../auth/state/StaticSession';
import { DispatchBoard } from '../../dispatch/components/DispatchBoard';
import { LiveContext } from '../../live/hooks/useLive';
import { LiveStore } from '../../live/state/liveStore';
import { ReferenceDataContext } from '../../map/state/referenceDataContext';
import { emptyReferenceData } from '../../map/state/referenceDataState';
import { ResponsesPanel } from '../../responses/components/ResponsesPanel';
import { EventTimeline } from '../../timeline/components/EventTimeline';
import { WarningBanner } from '../../warnings/components/WarningBanner';
import type { ReplayView } from '../state/replayTimeline';
import { ReplayConsoleState } from './ReplayConsoleState';
import { ReplayMarks } from './ReplayMarks';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

// react-router ships ES modules only (jest runs CommonJS): the two parts the panels use, in memory.
jest.mock('react-router', () => {
  const { createElement, useState } = jest.requireActual<typeof ReactModule>('react');
  type Update = URLSearchParams | ((p: URLSearchParams) => URLSearchParams);
  return {
    useSearchParams: () => {
      const [params, setParams] = useState(() => new URLSearchParams());
      return [params, (u: Update) => setParams((p) => (typeof u === 'function' ? u(p) : u))];
    },
    Link: ({ to, children, ...rest }: { to: string; children?: ReactNode }) =>
      createElement('a', { href: to, ...rest }, children),
  };
});

const commander: LoginResponse = {
  accessToken: 'tok',
  user: {
    id: 'u1',
    username: 'commander',
    displayName: '指挥',
    role: 'commander',
    subdistrictCode: null,
  },
};

// The factory's call-out: notified 07:00, acknowledgement due 07:10.
const d = dispatch();
const detail = {
  pointCode: d.pointCode,
  pointName: d.pointName,
  subdistrictCode: d.subdistrictCode,
  contactName: d.contactName,
  phone: d.phone,
  code: d.code,
  notifiedAt: d.notifiedAt,
  ackDeadline: d.ackDeadline,
  arriveDeadline: d.arriveDeadline,
};
const w = warning();
const log: EventEnvelope[] = [
  event(
    'warning.issued',
    {
      warningId: w.id,
      hazard: w.hazard,
      colour: w.colour,
      status: w.status,
      headline: w.headline,
      subdistrictCodes: [],
      level: w.level,
      expires: w.expires,
    },
    '2025-06-11T06:05:00.000Z',
  ),
  event('response.started', responsePayload(), '2025-06-11T07:00:00.000Z'),
  event(
    'dispatch.created',
    {
      dispatchId: d.id,
      responseId: d.responseId,
      pointId: d.pointId,
      contactId: d.contactId,
      role: d.role,
      status: 'notified',
      detail,
    },
    '2025-06-11T07:00:00.000Z',
  ),
];

/** The replayed console at `at`: the log folded with the live reducers, as the timeline does. */
function viewAt(at: string): ReplayView {
  const ms = Date.parse(at);
  const upTo = log.filter((e) => Date.parse(e.occurredAt) <= ms);
  return {
    at: ms,
    state: upTo.reduce(applyConsoleEvent, emptyConsoleState()),
    seq: upTo.at(-1)?.seq ?? 0,
    recent: [...upTo].reverse(),
  };
}

describe(ReplayConsoleState.name, () => {
  const view = mountEachTest();
  let live: LiveStore;
  beforeEach(() => {
    live = new LiveStore();
  });

  const render = (replayed: ReplayView) =>
    act(() =>
      view.root.render(
        <StaticSession session={commander}>
          <LiveContext.Provider value={live}>
            <ReferenceDataContext.Provider
              value={{
                state: {
                  status: 'ready',
                  data: {
                    ...emptyReferenceData,
                    district: districtCollection(),
                    subdistricts: subdistrictCollection(),
                  },
                  loadedAt: new Date(),
                },
                reload: () => undefined,
              }}
            >
              <ReplayConsoleState view={replayed}>
                <WarningBanner />
                <ResponsesPanel />
                <DispatchBoard />
                <EventTimeline />
              </ReplayConsoleState>
            </ReferenceDataContext.Provider>
          </LiveContext.Provider>
        </StaticSession>,
      ),
    );
  const count = (name: string) =>
    view.container.querySelector(`[data-testid=dispatch-counts] [data-count=${name}] dd`)
      ?.textContent;

  it('counts the board against the replayed moment, not the wall clock', () => {
    // Years after the storm by the wall clock: every deadline long past.
    render(viewAt('2025-06-11T07:05:00.000Z'));
    expect(count('notified')).toBe('1');
    expect(count('overdue')).toBe('0');
    render(viewAt('2025-06-11T07:10:01.000Z'));
    expect(count('overdue')).toBe('1');
  });

  it('shows the warning, the response and the feed as they were, and offers no command', () => {
    render(viewAt('2025-06-11T06:30:00.000Z'));
    const banner = view.container.querySelector('[data-testid=warning-banner]');
    expect(banner?.querySelector('[data-colour=yellow]')).not.toBeNull();
    // Before the response: none on the panel, one event in the feed.
    expect(view.container.querySelector('[data-response-id]')).toBeNull();
    expect(view.container.querySelectorAll('.timeline__item')).toHaveLength(1);
    render(viewAt('2025-06-11T07:00:00.000Z'));
    expect(view.container.querySelector('[data-response-id=r1]')).not.toBeNull();
    expect(view.container.querySelectorAll('.timeline__item')).toHaveLength(3);
    // A commander live would see "start" and "adjust"; a replay only shows.
    const buttons = Array.from(view.container.querySelectorAll('button'), (b) => b.textContent);
    expect(buttons).not.toContain('启动响应');
    expect(buttons).not.toContain('调整');
    expect(view.container.querySelector('[data-testid=chime-mute]')).toBeNull();
    expect(view.container.querySelector('[data-testid=response-replay]')).toBeNull();
  });

  it('never shows a live event: the outer live store does not reach the replayed feed', () => {
    render(viewAt('2025-06-11T06:30:00.000Z'));
    act(() =>
      live.apply([
        event('response.started', responsePayload({ responseId: 'live' }), '2026-01-01T00:00:00Z'),
      ]),
    );
    expect(view.container.querySelectorAll('.timeline__item')).toHaveLength(1);
    expect(view.container.querySelector('[data-response-id=live]')).toBeNull();
  });
});

describe(ReplayMarks.name, () => {
  const view = mountEachTest();
  const mark = (kind: ReplayMark['kind'], at: string, seq: number): ReplayMark => ({
    kind,
    seq,
    at,
    type: 'x',
    label: `${kind} at ${at}`,
    subjectId: null,
  });
  const marks = [
    mark('warning', '2025-06-11T06:05:00.000Z', 1),
    mark('response_started', '2025-06-11T07:00:00.000Z', 2),
    mark('overdue', '2025-06-11T07:10:00.000Z', 9),
  ];

  it('lists the marks, says which one the moment is at, and jumps to one clicked', () => {
    const jumps: number[] = [];
    act(() =>
      view.root.render(
        <ReplayMarks
          marks={marks}
          at={Date.parse('2025-06-11T07:05:00.000Z')}
          loading={false}
          onJump={(at) => jumps.push(at)}
        />,
      ),
    );
    const buttons = Array.from(
      view.container.querySelectorAll<HTMLButtonElement>('[data-testid=replay-mark]'),
    );
    expect(buttons.map((b) => b.closest('li')?.dataset.kind)).toEqual([
      'warning',
      'response_started',
      'overdue',
    ]);
    expect(buttons.map((b) => b.getAttribute('aria-current'))).toEqual([null, 'step', null]);
    expect(buttons[2]!.textContent).toContain('超时');
    act(() => buttons[2]!.click());
    expect(jumps).toEqual([Date.parse('2025-06-11T07:10:00.000Z')]);
  });
});
