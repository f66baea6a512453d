/**
 * @jest-environment jsdom
 */
import type { DispatchMessageDto, LoginResponse } from '@sanfang/shared';
import { QueryClientProvider } from '@tanstack/react-query';
import { act } from 'react';
import { dispatch } from '../../../test/consoleFactories';
import { fakeResponse } from '../../../test/fakeResponse';
import { mountEachTest } from '../../../test/mountEachTest';
import { createQueryClient } from '../../data/queryClient';
import { StaticSession } from '../../auth/state/StaticSession';
import { LiveContext } from '../../live/hooks/useLive';
import { LiveStore } from '../../live/state/liveStore';
import { DispatchMessages } from './DispatchMessages';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const session: LoginResponse = {
  accessToken: 'tok',
  user: {
    id: 'u1',
    username: 'duty',
    displayName: '值班员',
    role: 'duty_officer',
    subdistrictCode: null,
  },
};

const message = (overrides: Partial<DispatchMessageDto>): DispatchMessageDto => ({
  id: 'n1',
  dispatchId: 'd1',
  kind: 'callout',
  channel: 'smpp',
  recipientKind: 'contact',
  recipientName: '张三',
  recipientRole: 'onsite_lead',
  address: '13800000000',
  status: 'sending',
  attempts: 1,
  createdAt: '2025-06-11T07:00:00.000Z',
  deliveredAt: null,
  deliveryState: 'queued',
  gatewayIds: [],
  deliveryError: null,
  fallbackOf: null,
  ...overrides,
});

describe(DispatchMessages.name, () => {
  const view = mountEachTest();

  it("shows each message's recipient, delivery state, gateway ids and the receipt's error", async () => {
    const fetch = jest.fn((url: string) =>
      Promise.resolve(
        url.startsWith('/api/dispatches/d1/messages')
          ? fakeResponse(200, [
              message({ id: 'n1', deliveryState: 'queued' }),
              message({
                id: 'n2',
                kind: 'renotify',
                deliveryState: 'submitted',
                gatewayIds: ['gw-7', 'gw-8'],
              }),
              message({
                id: 'n3',
                kind: 'escalation',
                recipientKind: 'user',
                recipientName: '值班员 (演示)',
                recipientRole: 'duty_officer',
                address: 'duty',
                attempts: 3,
                deliveryState: 'failed',
                gatewayIds: ['gw-9'],
                deliveryError: 'stat:UNDELIV err:011',
              }),
            ])
          : fakeResponse(404, { code: 'NOT_FOUND', message: url }),
      ),
    );
    globalThis.fetch = fetch as unknown as typeof globalThis.fetch;
    act(() =>
      view.root.render(
        <StaticSession session={session}>
          <LiveContext.Provider value={new LiveStore()}>
            <QueryClientProvider client={createQueryClient()}>
              <DispatchMessages dispatch={dispatch()} />
            </QueryClientProvider>
          </LiveContext.Provider>
        </StaticSession>,
      ),
    );
    // The query cache tells its observers on a later task: wait for the rows, not for a time.
    for (let i = 0; i < 20 && !view.container.querySelector('[data-testid=dispatch-message]'); i++)
      await act(() => new Promise<void>((resolve) => setTimeout(resolve, 0)));
    expect(fetch).toHaveBeenCalledWith(
      expect.stringContaining('/api/dispatches/d1/messages'),
      expect.anything(),
    );
    const rows = Array.from(view.container.querySelectorAll('[data-testid=dispatch-message]'));
    expect(rows.map((r) => r.getAttribute('data-delivery-state'))).toEqual([
      'queued',
      'submitted',
      'failed',
    ]);
    expect(rows[0]?.textContent).toContain('排队中');
    expect(
      rows.map((r) => r.querySelector('[data-testid=dispatch-message-recipient]')?.textContent),
    ).toEqual(['张三 (社区现场负责人)', '张三 (社区现场负责人)', '值班员 (演示) (值班员)']);
    expect(rows[1]?.textContent).toContain('已提交网关');
    expect(rows[1]?.textContent).toContain('网关编号 gw-7, gw-8');
    expect(rows[1]?.querySelector('[data-testid=dispatch-message-error]')).toBeNull();
    expect(rows[2]?.textContent).toContain('发送失败');
    expect(rows[2]?.textContent).toContain('3 次');
    expect(rows[2]?.querySelector('[data-testid=dispatch-message-error]')?.textContent).toBe(
      '错误：stat:UNDELIV err:011',
    );
  });
});
