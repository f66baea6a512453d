import type { DispatchDto, NotificationDto } from '@sanfang/shared';
import type { Page } from 'playwright-core';
import { freshFixture, postCap } from './helpers/cap';
import { openBrowser, shot, signIn, type ConsoleBrowser, uncoveredChars } from './helpers/browser';
import {
  apiLogin,
  missingPrerequisite,
  startConsoleServer,
  type ConsoleServer,
} from './helpers/console-server';

const missing = missingPrerequisite();
if (missing) console.log(`[skip] browser tests: ${missing}`);
const suite = missing ? describe.skip : describe;

/** Rendered features of a layer, read from MapLibre itself. */
const rendered = (page: Page, layer: string): Promise<number> =>
  page.evaluate((id) => {
    const map = (
      window as unknown as {
        __sanfangMap?: { queryRenderedFeatures(o: { layers: string[] }): unknown[] };
      }
    ).__sanfangMap;
    return map ? map.queryRenderedFeatures({ layers: [id] }).length : -1;
  }, layer);

async function apiGet<T>(url: string, path: string, token: string): Promise<T> {
  const res = await fetch(`${url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  if (!res.ok) throw new Error(`GET ${path}: ${res.status}`);
  return (await res.json()) as T;
}

async function until(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const count = (page: Page, name: string): Promise<number> =>
  page.locator(`[data-testid=dispatch-counts] [data-count=${name}] dd`).innerText().then(Number);

suite('console panels in Chromium', () => {
  let server: ConsoleServer;
  let browser: ConsoleBrowser;

  beforeAll(async () => {
    server = await startConsoleServer();
    browser = await openBrowser(server.url);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows a CAP warning posted through the API in the banner and on the map live, with no reload', async () => {
    const page = await browser.newPage();
    await signIn(page, server.url, 'duty');
    await page.locator('[data-testid=live-indicator][data-status=live]').waitFor();
    await page.locator('.warning-banner__none').waitFor();
    expect(await rendered(page, 'warning-fill')).toBe(0);
    await page.evaluate(() => {
      (window as unknown as { __loads: number }).__loads =
        performance.getEntriesByType('navigation').length;
    });

    // Shifted so the orange update (the second message) is sent now and the yellow before it.
    const base = '2025-06-11T15:20:00+08:00';
    const xml = freshFixture('rainstorm-chain', '01-yellow.xml', base);
    // Shifted now, by the same delta: the update's references must name the alert exactly as it
    // was sent (shifted a second later they name a message that never came, and it is an orphan).
    const orange = freshFixture('rainstorm-chain', '02-orange.xml', base);
    const res = await postCap(server.url, xml);
    expect(res.status).toBe(201);
    const chip = page.locator('[data-testid=warning-banner] [data-colour=yellow]');
    // Shown without a reload; how fast is bench:map's measure, not a timed test's (a loaded CI
    // machine once took over 2 s to paint the fill).
    await chip.waitFor({ timeout: 10_000 });
    await page.waitForFunction(
      () => {
        const map = (
          window as unknown as {
            __sanfangMap?: { queryRenderedFeatures(o: { layers: string[] }): unknown[] };
          }
        ).__sanfangMap;
        return (map?.queryRenderedFeatures({ layers: ['warning-fill'] }).length ?? 0) > 0;
      },
      null,
      { timeout: 10_000 },
    );
    expect(await chip.innerText()).toMatch(/暴雨黄色预警/);
    expect(await chip.innerText()).toMatch(/剩余 \d+:\d\d:\d\d/);
    // Still the same document: nothing reloaded.
    expect(await page.evaluate(() => (window as unknown as { __loads?: number }).__loads)).toBe(1);
    await shot(page, '10-cap-warning');

    // The upgrade to orange replaces the chip in place and flashes it.
    expect((await postCap(server.url, orange)).status).toBe(201);
    // Polled from here: in-page waits stalled in headless Chromium once the flash animation ran.
    await until(
      () =>
        page
          .locator('[data-testid=warning-banner] .warning-chip--flash[data-colour=orange]')
          .count()
          .then((n) => n === 1),
      10_000,
    ).catch(async (error: unknown) => {
      // Say what the banner showed instead.
      console.log(await page.locator('[data-testid=warning-banner]').innerHTML());
      throw error;
    });
    expect(await page.locator('[data-testid=warning-banner] .warning-chip').count()).toBe(1);
    await shot(page, '11-cap-upgrade-flash');
    expect(browser.offOrigin).toEqual([]);
    await page.close();
  });

  it('a commander activates a flood response; the board fills; a contact acknowledges on its page; the board updates live', async () => {
    const page = await browser.newPage();
    await signIn(page, server.url, 'commander');
    await page.locator('[data-testid=live-indicator][data-status=live]').waitFor();
    await page.locator('[data-testid=start-response]').click();
    const form = page.locator('[data-testid=start-response-form]');
    await form.locator('select[name=hazard]').selectOption('flood');
    await form.locator('select[name=level]').selectOption('IV');
    // IV, as the console writes it: the served font's subsets have no Ⅰ–Ⅳ (U+2160–2163).
    await form.locator('textarea[name=reason]').fill('暴雨黄色预警，启动防汛IV级应急响应');
    await form.locator('button[type=submit]').click();

    await page
      .locator('[data-testid=responses-panel] [data-level=IV]')
      .waitFor({ timeout: 10_000 });
    // The board fills from the live dispatch events (refetched in one go after the burst).
    await page
      .locator('[data-testid=dispatch-board] .dispatch-row')
      .first()
      .waitFor({ timeout: 30_000 });
    const admin = await apiLogin(server.url, 'admin');
    const responseId = await page
      .locator('[data-testid=responses-panel] [data-response-id]')
      .getAttribute('data-response-id');
    expect(responseId).toBeTruthy();
    const dispatches = await apiGet<DispatchDto[]>(
      server.url,
      `/api/dispatches?responseId=${responseId}`,
      admin,
    );
    expect(dispatches.length).toBeGreaterThan(0);
    await page.waitForFunction(
      (n) =>
        document.querySelector('[data-testid=dispatch-counts] [data-count=notified] dd')
          ?.textContent === String(n),
      dispatches.length,
      { timeout: 30_000 },
    );
    expect(await count(page, 'acknowledged')).toBe(0);
    await shot(page, '20-board-filled');

    // The most urgent row's contact acknowledges on their own page in a second context.
    const top = page.locator('[data-testid=dispatch-board] .dispatch-row').first();
    const dispatchId = await top.getAttribute('data-dispatch-id');
    const notes = await apiGet<NotificationDto[]>(
      server.url,
      `/api/notifications?dispatchId=${dispatchId}`,
      admin,
    );
    const link = notes.map((n) => /\/ack\/[^\s]+/.exec(n.text)?.[0]).find(Boolean);
    expect(link).toBeTruthy();
    // Its own browser profile: nothing shared with the console's signed-in session.
    const phone = await openBrowser(server.url);
    const contactPage = await phone.newPage();
    await contactPage.goto(`${server.url}${link}`);
    await contactPage.getByRole('button', { name: '收到' }).click();
    await contactPage.getByText(/已确认收到/).waitFor({ timeout: 10_000 });
    await shot(contactPage, '21-contact-acknowledged');

    // Once acknowledged the row sorts below the pending ones (maybe out of the first 200
    // shown), so the live update is read from the counts.
    await page.waitForFunction(
      () =>
        document.querySelector('[data-testid=dispatch-counts] [data-count=acknowledged] dd')
          ?.textContent === '1',
      null,
      { timeout: 10_000 },
    );
    expect(await count(page, 'notified')).toBe(dispatches.length);
    await shot(page, '22-board-updated');
    await phone.close();
    expect(browser.offOrigin).toEqual([]);
    expect(phone.offOrigin).toEqual([]);
    await page.close();
  });

  it('a duty officer sees the responses read-only', async () => {
    const page = await browser.newPage();
    await signIn(page, server.url, 'duty');
    await page
      .locator('[data-testid=responses-panel] [data-level=IV]')
      .waitFor({ timeout: 10_000 });
    expect(await page.locator('[data-testid=start-response]').count()).toBe(0);
    expect(await page.getByRole('button', { name: '调整' }).count()).toBe(0);
    await page.close();
  });

  it('shows every role, status, hazard and reason in Chinese: no raw key, no English', async () => {
    const page = await browser.newPage();
    await signIn(page, server.url, 'duty');
    await page.locator('[data-testid=event-timeline] .timeline__detail').first().waitFor();
    // After the warning, its suggestion, the response and its call-outs and answers above.
    const seen = await page.evaluate(() => ({
      body: document.body.innerText,
      details: Array.from(
        document.querySelectorAll<HTMLElement>('.timeline__detail, .suggestion__reason'),
        (el) => el.innerText,
      ),
    }));
    expect(seen.details.length).toBeGreaterThan(10);
    expect(seen.body.match(/\b[a-z]+(?:_[a-z]+)+\b/g) ?? []).toEqual([]);
    // Response levels are written IV级 (the served font has no Ⅳ); any other Latin is English.
    expect(seen.details.filter((d) => /[A-Za-z]{2,}/.test(d.replace(/[IV]+级/g, '')))).toEqual([]);
    // The warning banner's hazard sign and the chime switch included: all in the served font.
    expect(await uncoveredChars(page)).toEqual([]);
    await shot(page, '23-zh-timeline');
    await page.close();
  });
});
