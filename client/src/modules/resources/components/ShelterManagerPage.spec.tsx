/**
 * @jest-environment jsdom
 */
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import type { ShelterLinkView } from '@sanfang/shared';
import { initI18n } from '../../../i18n';
import { fakeResponse, mockFetch } from '../../../test/fakeResponse';
import { shelterLinkToken } from '../api/shelterLinkApi';
import { ShelterManagerPage } from './ShelterManagerPage';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const view: ShelterLinkView = {
  shelterId: 'sh-1',
  code: 'SH-001',
  name: '洪浪中学应急避难场所',
  status: 'open',
  capacity: 100,
  occupancy: 10,
  occupancyDay: 10,
  occupancyNight: 0,
  expiresAt: '2025-06-12T00:00:00Z',
};

function typeInto(input: HTMLInputElement, value: string): void {
  // eslint-disable-next-line @typescript-eslint/unbound-method -- called with .call(input) below
  const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set;
  setter?.call(input, value);
  input.dispatchEvent(new Event('input', { bubbles: true }));
}

const settle = () => act(() => new Promise<void>((r) => setTimeout(r, 0)));

describe(ShelterManagerPage.name, () => {
  let container: HTMLDivElement;
  let root: Root;
  beforeAll(() => initI18n());
  beforeEach(() => {
    container = document.createElement('div');
    document.body.append(container);
    root = createRoot(container);
  });
  afterEach(() => {
    act(() => root.unmount());
    container.remove();
  });

  it('reads the token from /shelter/<token> only', () => {
    expect(shelterLinkToken('/shelter/abc.1.2.x')).toBe('abc.1.2.x');
    expect(shelterLinkToken('/')).toBeNull();
    expect(shelterLinkToken('/shelter/')).toBeNull();
  });

  it('asks for an override once the headcount is over capacity and sends it with the reason', async () => {
    const fetch = mockFetch(
      fakeResponse(200, view),
      fakeResponse(201, { ...view, occupancy: 120, occupancyDay: 120, status: 'open' }),
    );
    act(() => root.render(<ShelterManagerPage token="tok" />));
    await settle();
    expect(container.textContent).toContain(view.name);
    const number = container.querySelector<HTMLInputElement>('input[type="number"]')!;
    act(() => typeInto(number, '120'));
    const box = container.querySelector<HTMLInputElement>('input[type="checkbox"]');
    expect(box).not.toBeNull();
    act(() => box!.click());
    const reason = [...container.querySelectorAll<HTMLInputElement>('input')].find(
      (i) => !i.type || i.type === 'text',
    )!;
    act(() => typeInto(reason, '暴雨转移'));
    act(() => container.querySelector('form')!.requestSubmit());
    await settle();
    const [url, init] = fetch.mock.calls[1]!;
    expect(url).toBe('/api/shelter-link/tok/occupancy');
    expect(JSON.parse(init?.body as string)).toEqual({
      period: 'day',
      occupancy: 120,
      override: true,
      reason: '暴雨转移',
    });
    expect(container.textContent).toMatch(/120/);
  });

  it('explains an expired link', async () => {
    mockFetch(fakeResponse(401, { code: 'SHELTER_LINK_INVALID', message: 'x' }));
    act(() => root.render(<ShelterManagerPage token="old" />));
    await settle();
    expect(container.querySelector('[role="alert"]')?.textContent).toMatch(/expired|过期/);
  });
});
