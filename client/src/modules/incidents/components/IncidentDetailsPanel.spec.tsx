/**
 * @jest-environment jsdom
 */
import type { LoginResponse, Role } from '@sanfang/shared';
import { act } from 'react';
import { event, incident, nearbyTeam, reportingDuty } from '../../../test/consoleFactories';
import { subdistrictCollection } from '../../../test/factories';
import { flush, mountEachTest } from '../../../test/mountEachTest';
import { fakeResponse, type FakeResponse } from '../../../test/fakeResponse';
import { StaticSession } from '../../auth/state/StaticSession';
import { LiveContext } from '../../live/hooks/useLive';
import { LiveStore } from '../../live/state/liveStore';
import { IncidentDetailsPanel } from './IncidentDetailsPanel';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

/** The signed-in session the panel reads its token and role from. */
const sessionAs = (role: Role): LoginResponse => ({
  accessToken: 'tok',
  user: { id: 'u1', username: role, displayName: role, role, subdistrictCode: null },
});

type Route = (init: RequestInit | undefined) => FakeResponse;

/** fetch answered by "METHOD path" (query string ignored); unknown requests are a 404. */
function routeFetch(routes: Record<string, Route>) {
  const mock = jest.fn((url: string, init?: RequestInit) => {
    const key = `${init?.method ?? 'GET'} ${url.split('?')[0]}`;
    const route = routes[key];
    return Promise.resolve(route ? route(init) : fakeResponse(404, { code: 'NOT_FOUND' }));
  });
  globalThis.fetch = mock as unknown as typeof fetch;
  return mock;
}

describe(IncidentDetailsPanel.name, () => {
  const view = mountEachTest();
  let live: LiveStore;
  beforeEach(() => {
    live = new LiveStore();
  });

  const render = (role: Role) =>
    act(() =>
      view.root.render(
        <StaticSession session={sessionAs(role)}>
          <LiveContext.Provider value={live}>
            <IncidentDetailsPanel
              incidentId="i1"
              known={undefined}
              subdistricts={subdistrictCollection()}
              onClose={() => undefined}
            />
          </LiveContext.Provider>
        </StaticSession>,
      ),
    );
  const buttons = (): string[] =>
    Array.from(view.container.querySelectorAll('button')).map((b) => b.textContent ?? '');
  const byText = (text: string): HTMLButtonElement =>
    Array.from(view.container.querySelectorAll('button')).find((b) => b.textContent === text)!;
  const baseRoutes = (): Record<string, Route> => ({
    'GET /api/incidents/i1': () => fakeResponse(200, incident()),
    'GET /api/incidents/i1/duties': () => fakeResponse(200, [reportingDuty()]),
    'GET /api/incidents/i1/teams': () => fakeResponse(200, [nearbyTeam()]),
  });

  it('shows an admin the facts, deadlines and nearest teams but no action', async () => {
    routeFetch(baseRoutes());
    render('admin');
    await flush();
    const text = view.container.textContent ?? '';
    expect(text).toContain('宝安大道下穿隧道车辆被困');
    expect(text).toContain('一般');
    expect(text).toContain('交通事故');
    expect(text).toContain('已接报');
    expect(text).toContain('电话报告带班领导');
    expect(text).toContain('15:12'); // the duty's deadline in Beijing time
    expect(text).toContain('西乡街道综合救援队');
    expect(view.container.querySelector('[data-testid=incident-read-only]')).not.toBeNull();
    expect(buttons()).toEqual(['×']);
  });

  it('gives a duty officer the status moves, assignment and duty completion', async () => {
    routeFetch(baseRoutes());
    render('duty_officer');
    await flush();
    expect(buttons()).toEqual(['×', '核实', '开始处置', '处置完毕', '结案', '已报送', '派遣']);
    expect(view.container.querySelector('[data-testid=incident-read-only]')).toBeNull();
  });

  it("shows the server's code and message when it refuses an assignment", async () => {
    const fetch = routeFetch({
      ...baseRoutes(),
      'POST /api/incidents/i1/teams/t1/assign': () =>
        fakeResponse(409, { code: 'TEAM_NOT_AVAILABLE', message: 'Team RT-001 is assigned' }),
    });
    render('commander');
    await flush();
    act(() => byText('派遣').click());
    await flush();
    expect(fetch).toHaveBeenCalledWith(
      '/api/incidents/i1/teams/t1/assign',
      expect.objectContaining({ method: 'POST' }),
    );
    const error = view.container.querySelector('[data-testid=action-error]');
    expect(error?.textContent).toContain('该救援队伍已不可调派。');
    expect(error?.textContent).toContain('TEAM_NOT_AVAILABLE');
    expect(error?.textContent).toContain('Team RT-001 is assigned');
  });

  it('follows a live status change made elsewhere', async () => {
    let status: 'reported' | 'verified' = 'reported';
    routeFetch({
      ...baseRoutes(),
      'GET /api/incidents/i1': () =>
        fakeResponse(200, incident({ status, version: status === 'reported' ? 1 : 2 })),
    });
    render('duty_officer');
    await flush();
    expect(view.container.querySelector('[data-testid=incident-status]')?.textContent).toBe(
      '已接报',
    );
    status = 'verified';
    act(() =>
      live.apply([
        event('incident.status_changed', {
          incidentId: 'i1',
          type: 'traffic',
          grade: 'general',
          previousGrade: null,
          status: 'verified',
          title: '宝安大道下穿隧道车辆被困',
          subdistrictCode: null,
          casualties: { deaths: 1, seriousInjuries: 0, missing: 0, trapped: 2 },
          directLossCny: 0,
          version: 2,
          source: 'console',
        }),
      ]),
    );
    await flush();
    expect(view.container.querySelector('[data-testid=incident-status]')?.textContent).toBe(
      '已核实',
    );
    // Verified already: the panel no longer offers it.
    expect(buttons()).not.toContain('核实');
  });
});
