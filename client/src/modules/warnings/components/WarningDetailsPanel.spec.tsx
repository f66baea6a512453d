/**
 * @jest-environment jsdom
 */
import type { CapMessageDto, WarningDetailDto } from '@sanfang/shared';
import { act } from 'react';
import { event, suggestion, warning } from '../../../test/consoleFactories';
import { subdistrictCollection } from '../../../test/factories';
import { flush, mountEachTest } from '../../../test/mountEachTest';
import { fakeResponse } from '../../../test/fakeResponse';
import { LiveContext } from '../../live/hooks/useLive';
import { LiveStore } from '../../live/state/liveStore';
import { responsesFromLists } from '../../responses/state/applyResponseEvents';
import { WarningDetailsPanel } from './WarningDetailsPanel';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

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
        <LiveContext.Provider value={live}>
          <WarningDetailsPanel
            token="tok"
            warningId="w1"
            known={warning()}
            subdistricts={subdistrictCollection()}
            responses={responsesFromLists(
              [],
              [suggestion(), suggestion({ id: 's2', warningId: 'w9' })],
            )}
            canCommand={canCommand}
            onClose={() => undefined}
          />
        </LiveContext.Provider>,
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
});
