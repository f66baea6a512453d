/**
 * @jest-environment jsdom
 */
import { act } from 'react';
import type { AckViewDto } from '@sanfang/shared';
import { flush, mountEachTest } from '../../../test/mountEachTest';
import { fakeResponse, mockFetch } from '../../../test/fakeResponse';
import { AckPage } from './AckPage';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const view = (over: Partial<AckViewDto> = {}): AckViewDto => ({
  dispatchId: 'd1',
  status: 'notified',
  role: 'onsite_lead',
  contactName: '罗杰荣',
  pointName: '公园路下穿通道',
  pointCode: 'WLP-0001',
  pointLocation: [113.914306, 22.598358],
  hazard: 'flood',
  level: 'IV',
  code: '4821',
  ackDeadline: '2025-06-11T07:25:00.000Z',
  arriveDeadline: '2025-06-11T07:35:00.000Z',
  acknowledgedAt: null,
  ackLate: null,
  arrivedAt: null,
  arriveLate: null,
  arrivalFar: null,
  ...over,
});

describe(AckPage.name, () => {
  const page = mountEachTest();

  const button = (text: string): HTMLButtonElement =>
    Array.from(page.container.querySelectorAll('button')).find((b) => b.textContent === text)!;

  it('shows the call-out in Chinese and acknowledges with one tap', async () => {
    const fetch = mockFetch(
      fakeResponse(200, view()),
      fakeResponse(
        200,
        view({
          status: 'acknowledged',
          acknowledgedAt: '2025-06-11T07:21:00.000Z',
          ackLate: false,
        }),
      ),
    );
    act(() => page.root.render(<AckPage token="tok" />));
    await flush();
    expect(page.container.textContent).toContain('公园路下穿通道');
    expect(page.container.textContent).toContain('社区现场负责人');
    expect(page.container.textContent).toContain('15:25'); // the deadline in Beijing time
    act(() => button('收到').click());
    await flush();
    const [url, init] = fetch.mock.calls[1]!;
    expect(url).toBe('/api/ack/tok');
    expect(JSON.parse(init?.body as string)).toEqual({ action: 'ack' });
    expect(page.container.textContent).toContain('已确认收到（15:21）');
    expect(button('收到')).toBeUndefined();
  });

  it('reports arrival with the phone position and a ponding depth', async () => {
    Object.defineProperty(navigator, 'geolocation', {
      configurable: true,
      value: {
        getCurrentPosition: (
          ok: (p: { coords: { longitude: number; latitude: number } }) => void,
        ) => ok({ coords: { longitude: 113.9143, latitude: 22.5983 } }),
      },
    });
    const fetch = mockFetch(
      fakeResponse(200, view()),
      fakeResponse(
        200,
        view({
          status: 'on_site',
          arrivedAt: '2025-06-11T07:30:00.000Z',
          arriveLate: false,
          acknowledgedAt: '2025-06-11T07:30:00.000Z',
          arrivalFar: false,
        }),
      ),
    );
    act(() => page.root.render(<AckPage token="tok" />));
    await flush();
    const input = page.container.querySelector('input')!;
    act(() => {
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set?.call(input, '0.3');
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    act(() => button('已到场').click());
    await flush();
    expect(JSON.parse(fetch.mock.calls[1]![1]?.body as string)).toEqual({
      action: 'arrive',
      lon: 113.9143,
      lat: 22.5983,
      depthM: 0.3,
    });
    expect(page.container.textContent).toContain('已到场（15:30）');
  });

  it('says plainly when the link has been stood down', async () => {
    mockFetch(fakeResponse(410, { code: 'ACK_TOKEN_EXPIRED', message: 'closed' }));
    act(() => page.root.render(<AckPage token="tok" />));
    await flush();
    expect(page.container.querySelector('[role=alert]')?.textContent).toBe(
      '本次调度已解除，无需再操作',
    );
  });
});
