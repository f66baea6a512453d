/**
 * @jest-environment jsdom
 */
import type { CapMessageDto, LoginResponse, Role, WarningDetailDto } from '@sanfang/shared';
import { act } from 'react';
import { event, suggestion, warning } from '../../../test/consoleFactories';
import { subdistrictCollection } from '../../../test/factories';
import { flush, mountEachTest } from '../../../test/mountEachTest';
import { fakeResponse } from '../../../test/fakeResponse';
import { StaticSession } from '../../auth/state/StaticSession';
import { LiveContext } from '../../live/hooks/useLive';
import { LiveStore } from '../../live/state/liveStore';
import { responsesFromLists } from '../../responses/state/applyResponseEvents';
import { ResponsesContext } from '../../responses/state/ResponsesProvider';
import { WarningDetailsPanel } from './WarningDetailsPanel';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

/** The signed-in session the panel reads its token and role from. */
const sessionAs = (role: Role): LoginResponse => ({
  accessToken: 'tok',
  user: { id: 'u1', username: role, displayName: role, role, subdistrictCode: null },
});

const message = (over: Partial<CapMessageDto>): CapMessageDto => ({
  id: 'm1',
  sender: '44030041600000',
  identifier: '44030041600000_20250611140500',
  sent: '2025-06-11T06:05:00.000Z',
  status: 'Actual',
  msgType: 'Alert',
  scope: 'Public',
  references: [],
  outcome: 'issued',
  warningId: 'w1',
  orphan: false,
  hazard: 'rainstorm',
  colour: 'yellow',
  headline: '深圳市气象台发布宝安区暴雨黄色预警',
  expires: '2025-06-11T12:05:00.000Z',
  sha256: 'x',
  receivedAt: '2025-06-11T06:05:01.000Z',
  source: 'push',
  encoding: 'utf-8',
  signature: { state: 'absent', by: null },
  expiresAssumed: false,
  ...over,
});

/** The API's answer: the warning as its latest message has it, with the whole chain. */
const detail = (chain: CapMessageDto[]): WarningDetailDto => {
  const last = chain[chain.length - 1]!;
  return { ...warning({ currentMessageId: last.id, colour: last.colour }), chain };
};

describe(WarningDetailsPanel.name, () => {
  const view = mountEachTest();
  let live: LiveStore;
  beforeEach(() => {
    live = new LiveStore();
  });

  const render = (canCommand: boolean) =>
    act(() =>
      view.root.render(
        <StaticSession session={sessionAs(canCommand ? 'commander' : 'duty_officer')}>
          <LiveContext.Provider value={live}>
            <ResponsesContext.Provider
              value={{
                state: responsesFromLists(
                  [],
                  [suggestion(), suggestion({ id: 's2', warningId: 'w9' })],
                ),
                loaded: true,
                error: false,
              }}
            >
              <WarningDetailsPanel
                warningId="w1"
                known={warning()}
                subdistricts={subdistrictCollection()}
                onClose={() => undefined}
              />
            </ResponsesContext.Provider>
          </LiveContext.Provider>
        </StaticSession>,
      ),
    );
  const buttons = (): string[] =>
    Array.from(view.container.querySelectorAll('button')).map((b) => b.textContent ?? '');

  it('shows the signal, area, expiry and lineage, and the suggestion for it read-only', async () => {
    globalThis.fetch = jest.fn(() =>
      Promise.resolve(fakeResponse(200, detail([message({})]))),
    ) as unknown as typeof fetch;
    render(false);
    await flush();
    const text = view.container.textContent ?? '';
    expect(text).toContain('暴雨黄色预警');
    expect(text).toContain('III级');
    expect(text).toContain('全区');
    expect(text).toContain('2025-06-11 20:05'); // expiry in Beijing time
    expect(view.container.querySelectorAll('[data-testid=warning-lineage] li')).toHaveLength(1);
    // Only the suggestion made for this warning, and no accept/dismiss for a duty officer.
    expect(view.container.querySelectorAll('[data-suggestion-id]')).toHaveLength(1);
    expect(view.container.querySelector('[data-suggestion-id=s1]')).not.toBeNull();
    expect(buttons()).toEqual(['×']);
  });

  it('gives a commander accept and dismiss, and adds an update to the lineage live', async () => {
    const chain = [message({})];
    const fetch = jest.fn(() => Promise.resolve(fakeResponse(200, detail([...chain]))));
    globalThis.fetch = fetch as unknown as typeof globalThis.fetch;
    render(true);
    await flush();
    expect(buttons()).toEqual(['×', '采纳', '不采纳']);

    chain.push(message({ id: 'm2', msgType: 'Update', outcome: 'updated', colour: 'orange' }));
    act(() =>
      live.apply([
        event('warning.updated', {
          warningId: 'w1',
          hazard: 'rainstorm',
          colour: 'orange',
          status: 'Actual',
          headline: '深圳市气象台将宝安区暴雨黄色预警升级为橙色',
          subdistrictCodes: [],
          messageId: 'm2',
        }),
      ]),
    );
    await flush();
    expect(fetch).toHaveBeenCalledTimes(2);
    const items = view.container.querySelectorAll('[data-testid=warning-lineage] li');
    expect([...items].map((li) => li.getAttribute('data-msg-type'))).toEqual(['Alert', 'Update']);
    // The chain now holds the message the panel was opened on, so the newer detail shows.
    expect(
      view.container.querySelector('[data-testid=warning-signal]')?.getAttribute('data-colour'),
    ).toBe('orange');
  });

  it('shows the CAP identity, the signature state, an assumed expiry and a warning shown from an update', async () => {
    const w = {
      ...detail([
        message({ msgType: 'Update', signature: { state: 'verified', by: 'CN=Shenzhen MO' } }),
      ]),
      expiresAssumed: true,
      missingEarlier: true,
      signature: { state: 'verified' as const, by: 'CN=Shenzhen MO (SHA-256 AB:CD)' },
    };
    globalThis.fetch = jest.fn(() =>
      Promise.resolve(fakeResponse(200, w)),
    ) as unknown as typeof fetch;
    render(false);
    await flush();
    const q = (id: string) => view.container.querySelector(`[data-testid=${id}]`)?.textContent;
    expect(q('warning-identity')).toBe(
      '44030041600000 · 44030041600000_20250611140500 · 发送于 2025-06-11 14:05',
    );
    expect(q('warning-signature')).toBe('已验证，证书：CN=Shenzhen MO (SHA-256 AB:CD)');
    expect(q('warning-expires-assumed')).toContain('推定');
    expect(q('warning-missing-earlier')).toBe('未收到此前的消息：依据更新消息显示');
  });

  it('shows a bilingual message in Chinese or English first, the other on request', async () => {
    const texts = [
      {
        language: 'en-CA',
        event: 'heat',
        senderName: '',
        headline: 'Heat warning',
        description: 'Hot.',
        instruction: '',
        areaDescs: ['Ottawa'],
      },
      {
        language: 'fr-CA',
        event: 'chaleur',
        senderName: '',
        headline: 'Avertissement de chaleur',
        description: 'Chaud.',
        instruction: '',
        areaDescs: ['Ottawa (fr)'],
      },
    ];
    globalThis.fetch = jest.fn(() =>
      Promise.resolve(fakeResponse(200, { ...detail([message({})]), texts })),
    ) as unknown as typeof fetch;
    render(false);
    await flush();
    const text = () => view.container.textContent ?? '';
    expect(text()).toContain('Heat warning');
    expect(text()).toContain('Ottawa');
    expect(text()).not.toContain('Avertissement');
    const other = [...view.container.querySelectorAll('[data-testid=warning-languages] button')];
    expect(other.map((b) => b.textContent)).toEqual(['以 fr-CA 显示']);
    act(() => (other[0] as HTMLButtonElement).click());
    expect(text()).toContain('Avertissement de chaleur');
    expect(text()).toContain('Ottawa (fr)');
  });
});
