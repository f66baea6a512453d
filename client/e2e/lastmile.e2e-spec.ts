import type { Page } from 'playwright-core';
import { openBrowser, shot, signIn, type ConsoleBrowser } from './helpers/browser';
import { freshFixture, postCap } from './helpers/cap';
import {
  apiLogin,
  missingPrerequisite,
  startConsoleServer,
  type ConsoleServer,
} from './helpers/console-server';
import { axeViolations, consoleErrors, switchLanguage } from './helpers/pageChecks';

interface TestMap {
  getCanvas(): HTMLCanvasElement;
  queryRenderedFeatures(
    at?: [number, number] | { layers: string[] },
  ): { layer: { id: string; type: string } }[];
}
type TestWindow = Window & { __sanfangMap?: TestMap };

const missing = missingPrerequisite();
if (missing) console.log(`[skip] browser tests: ${missing}`);
const suite = missing ? describe.skip : describe;

/**
 * The 叫应 board of a warning and the delivery-health panel in Chromium: reached from the
 * warning's details, live as people answer, axe-clean in both languages. The gateway is down
 * (a webhook to a closed port), so every message fails and the health panel has rows.
 */
suite('叫应 board and delivery health in Chromium', () => {
  let server: ConsoleServer;
  let browser: ConsoleBrowser;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    server = await startConsoleServer({
      CALL_ANSWER_WINDOW_S: '2',
      NOTIFY_CHANNEL: 'webhook',
      NOTIFY_WEBHOOK_URL: 'http://127.0.0.1:9/sms',
      NOTIFY_WEBHOOK_TIMEOUT_MS: '500',
    });
    browser = await openBrowser(server.url);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** Answers one call by SMS reply, as a person would (the code is in the message text). */
  async function answerOne(): Promise<void> {
    const admin = await apiLogin(server.url, 'admin');
    const list = (await (
      await fetch(`${server.url}/api/notifications?limit=50`, {
        headers: { authorization: `Bearer ${admin}` },
      })
    ).json()) as { kind: string; address: string; text: string }[];
    const call = list.find((n) => n.kind === 'call');
    const code = /“(\d{4}) A”/.exec(call?.text ?? '')?.[1];
    if (!call || !code) throw new Error('no call message found');
    const res = await fetch(`${server.url}/api/channels/sms/inbound`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer demo-feed' },
      body: JSON.stringify({ from: call.address, text: `${code} A` }),
    });
    expect(res.status).toBe(200);
  }

  it('shows a warning’s 叫应 board, reached from its details, live as people answer', async () => {
    page = await browser.newPage();
    errors = consoleErrors(page);
    await signIn(page, server.url, 'duty');
    await page.locator('[data-testid=live-indicator][data-status=live]').waitFor();
    const base = '2025-06-11T15:20:00+08:00';
    expect(
      (await postCap(server.url, freshFixture('rainstorm-chain', '01-yellow.xml', base))).status,
    ).toBe(201);
    await page.waitForFunction(
      () =>
        ((window as TestWindow).__sanfangMap?.queryRenderedFeatures({ layers: ['warning-fill'] })
          .length ?? 0) > 0,
      null,
      { timeout: 10_000, polling: 200 },
    );
    // A spot inside the warning area with nothing else on it: the warning's details open.
    const spot = await page.evaluate(() => {
      const map = (window as TestWindow).__sanfangMap!;
      const canvas = map.getCanvas();
      const r = canvas.getBoundingClientRect();
      for (let y = 20; y < r.height - 20; y += 15)
        for (let x = 20; x < r.width - 20; x += 15) {
          const hits = map.queryRenderedFeatures([x, y]);
          if (!hits.some((f) => f.layer.id === 'warning-fill')) continue;
          if (hits.some((f) => f.layer.type === 'circle')) continue;
          if (document.elementFromPoint(r.left + x, r.top + y) !== canvas) continue;
          return { x: r.left + x, y: r.top + y };
        }
      return null;
    });
    expect(spot).not.toBeNull();
    await page.mouse.click(spot!.x, spot!.y);
    await page.locator('[data-testid=warning-calls-link]').click();
    await page.locator('[data-testid=call-board]').waitFor();
    expect(new URL(page.url()).pathname).toMatch(/^\/warnings\/[0-9a-f-]{36}\/calls$/);
    const totals = page.locator('[data-testid=call-totals]');
    await page.waitForFunction(
      () =>
        Number(document.querySelector('[data-testid=call-totals]')?.getAttribute('data-called')) >
        0,
    );
    expect(await totals.getAttribute('data-answered')).toBe('0');
    // Three subdistricts in the warning's zone.
    expect(await page.locator('[data-testid=calls-by-subdistrict] tbody tr').count()).toBe(3);
    await answerOne();
    await page.locator('[data-testid=call-totals][data-answered="1"]').waitFor({ timeout: 10_000 });
    // Past the 2 s window the rest are overdue and listed.
    await page.locator('[data-testid=calls-overdue] li').first().waitFor({ timeout: 10_000 });
    await shot(page, 'call-board');
    expect(await axeViolations(page)).toEqual([]);
    expect(await page.locator('[data-testid=call-board] h2').textContent()).toBe('预警叫应');
    await switchLanguage(page, 'en');
    await page
      .locator('[data-testid=call-board] h2', { hasText: 'Warning call-and-answer' })
      .waitFor();
    await page.locator('[data-testid=call-totals][data-answered="1"]').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await switchLanguage(page, 'zh-CN');
    expect(errors).toEqual([]);
  }, 240_000);

  it('shows delivery health: failed last messages, never answered, no backup, in both languages', async () => {
    page = await browser.newPage();
    errors = consoleErrors(page);
    await signIn(page, server.url, 'duty');
    await page.locator('[data-testid="nav-delivery-health"]').click();
    await page.locator('[data-testid=delivery-health]').waitFor();
    expect(new URL(page.url()).pathname).toBe('/delivery-health');
    await page.locator('[data-testid=health-failed] tbody tr').first().waitFor({ timeout: 15_000 });
    await page.locator('[data-testid=health-no-backup] li').first().waitFor();
    await page.locator('[data-testid=health-never] tbody tr').first().waitFor();
    await shot(page, 'delivery-health');
    expect(await axeViolations(page)).toEqual([]);
    await switchLanguage(page, 'en');
    await page
      .locator('[data-testid=delivery-health] h2', { hasText: 'Delivery health' })
      .waitFor();
    await page.locator('[data-testid=health-failed] tbody tr').first().waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await switchLanguage(page, 'zh-CN');
    expect(errors.filter((e) => !/Failed to load resource/.test(e))).toEqual([]);
  }, 240_000);
});
