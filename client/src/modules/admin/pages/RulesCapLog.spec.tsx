/**
 * @jest-environment jsdom
 */
import type { CapMessageDto, LoginResponse, ResponseRuleDto } from '@sanfang/shared';
import { QueryClientProvider } from '@tanstack/react-query';
import { act, type ReactNode } from 'react';
import { fakeResponse } from '../../../test/fakeResponse';
import { mountEachTest } from '../../../test/mountEachTest';
import { StaticSession } from '../../auth/state/StaticSession';
import { createQueryClient } from '../../data/queryClient';
import { LiveContext } from '../../live/hooks/useLive';
import { LiveStore } from '../../live/state/liveStore';
import { CapLogPage } from './CapLogPage';
import { RulesPage } from './RulesPage';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const session: LoginResponse = {
  accessToken: 'tok',
  user: {
    id: 'u1',
    username: 'admin',
    displayName: '管理员',
    role: 'admin',
    subdistrictCode: null,
  },
};

const rule = (o: Partial<ResponseRuleDto>): ResponseRuleDto =>
  ({
    id: 'r1',
    hazard: 'rainstorm',
    colour: 'orange',
    responseHazard: 'flood',
    level: 'IV',
    autoApply: false,
    note: '',
    ...o,
  }) as ResponseRuleDto;

const capMessage = (i: number): CapMessageDto =>
  ({
    id: `m${i}`,
    sender: 'sz@weather',
    identifier: `id-${i}`,
    sent: '2026-06-11T07:00:00.000Z',
    status: 'Actual',
    msgType: i % 2 ? 'Cancel' : 'Alert',
    scope: 'Public',
    references: [],
    outcome: 'applied',
    warningId: null,
    orphan: false,
    hazard: 'rainstorm',
    colour: 'yellow',
    headline: `预警 ${i}`,
    expires: null,
    sha256: 'x',
    receivedAt: '2026-06-11T07:00:00.000Z',
    source: 'push',
    encoding: 'utf-8',
    signature: { state: 'absent' },
    expiresAssumed: false,
  }) as unknown as CapMessageDto;

describe('admin rules and CAP log pages', () => {
  const view = mountEachTest();
  const render = (node: ReactNode) =>
    act(() =>
      view.root.render(
        <StaticSession session={session}>
          <LiveContext.Provider value={new LiveStore()}>
            <QueryClientProvider client={createQueryClient()}>{node}</QueryClientProvider>
          </LiveContext.Provider>
        </StaticSession>,
      ),
    );
  const until = async (pred: () => boolean) => {
    for (let i = 0; i < 40 && !pred(); i++)
      await act(() => new Promise<void>((resolve) => setTimeout(resolve, 0)));
    expect(pred()).toBe(true);
  };

  it('names warning hazards in the rules table and offers them by name in the form', async () => {
    globalThis.fetch = jest.fn((url: string) =>
      Promise.resolve(
        url.startsWith('/api/response-rules')
          ? fakeResponse(200, [
              rule({ id: 'r1', hazard: 'rainstorm' }),
              rule({ id: 'r2', hazard: 'thunderstorm_gale', colour: 'yellow' }),
              rule({ id: 'r3', hazard: 'volcano', colour: 'red' }),
            ])
          : fakeResponse(200, []),
      ),
    ) as unknown as typeof globalThis.fetch;
    render(<RulesPage />);
    const cells = () =>
      Array.from(view.container.querySelectorAll('[data-testid=response-rules] td[data-hazard]'));
    await until(() => cells().length === 3);
    expect(cells().map((c) => c.textContent)).toEqual(['暴雨', '雷雨大风', 'volcano']);
    const form = view.container.querySelector('[data-testid=response-rule-form]')!;
    const select = form.querySelector<HTMLSelectElement>('select[name=hazard]')!;
    const labels = Array.from(select.options).map((o) => o.textContent);
    expect(labels).toContain('暴雨');
    expect(labels).toContain('道路结冰');
    expect(labels.some((l) => /^[a-z_]+$/.test(l ?? ''))).toBe(false);
    expect(select.value).toBe('rainstorm');
  });

  it('pages the CAP log: range of the total, older and newer, message types by name', async () => {
    const all = Array.from({ length: 120 }, (_, i) => capMessage(i));
    const fetch = jest.fn((url: string) => {
      const q = new URL(url, 'http://x').searchParams;
      const limit = Number(q.get('limit'));
      const offset = Number(q.get('offset'));
      return Promise.resolve(
        url.startsWith('/api/feeds/cap/log')
          ? fakeResponse(200, {
              total: all.length,
              offset,
              limit,
              messages: all.slice(offset, offset + limit),
            })
          : fakeResponse(404, { code: 'NOT_FOUND', message: url }),
      );
    });
    globalThis.fetch = fetch as unknown as typeof globalThis.fetch;
    render(<CapLogPage />);
    const range = () => view.container.querySelector('[data-testid=cap-log-range]')?.textContent;
    const rows = () => view.container.querySelectorAll('[data-testid=cap-log] tbody tr');
    const button = (id: string) =>
      view.container.querySelector<HTMLButtonElement>(`[data-testid=${id}]`)!;
    await until(() => range() === '第 1–100 条，共 120 条');
    expect(rows()).toHaveLength(100);
    expect(rows()[0]?.querySelector('[data-msg-type]')?.textContent).toBe('发布');
    expect(rows()[1]?.querySelector('[data-msg-type]')?.textContent).toBe('解除');
    expect(button('cap-log-newer').disabled).toBe(true);
    act(() => button('cap-log-older').click());
    await until(() => range() === '第 101–120 条，共 120 条');
    expect(rows()).toHaveLength(20);
    expect(button('cap-log-older').disabled).toBe(true);
    expect(fetch).toHaveBeenLastCalledWith(
      expect.stringContaining('offset=100'),
      expect.anything(),
    );
    act(() => button('cap-log-newer').click());
    await until(() => range() === '第 1–100 条，共 120 条');
  });
});
