import type { DispatchDto, ResponseDto } from '@sanfang/shared';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { addGeneratedPoints } from '../bench/generated-points';
import { openBrowser, shot, signIn, type ConsoleBrowser } from './helpers/browser';
import {
  apiLogin,
  apiPost,
  missingPrerequisite,
  startConsoleServer,
  type ConsoleServer,
} from './helpers/console-server';
import { axeViolations, consoleErrors, switchLanguage } from './helpers/pageChecks';

const missing = missingPrerequisite();
if (missing) console.log(`[skip] browser tests: ${missing}`);
const suite = missing ? describe.skip : describe;

// Fire and rescue have 25 s to acknowledge: their call-outs go overdue during the test while the
// other roles' (300 s) do not, so "overdue first" is something the board has to do.
const FIRE_ACK_S = 25;

const board = (page: Page) => page.locator('[data-testid=dispatch-board]');
const count = (page: Page, name: string): Promise<number> =>
  page.locator(`[data-testid=dispatch-counts] [data-count=${name}] dd`).innerText().then(Number);

suite('the map console in Chromium: main path, deep links, a whole-district dispatch board', () => {
  let server: ConsoleServer;
  let browser: ConsoleBrowser;
  let dispatches: DispatchDto[];

  beforeAll(async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sanfang-e2e-'));
    server = await startConsoleServer({
      DATA_DIR: dataDir,
      ACK_DEADLINE_S_BY_ROLE: `fire_rescue=${FIRE_ACK_S}`,
    });
    // The district of bench:dispatch: a whole-district activation calls out 2,436 contacts.
    await addGeneratedPoints(dataDir);
    browser = await openBrowser(server.url);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('is axe clean and error free before anything happens, in zh-CN and in English', async () => {
    const page = await browser.newPage();
    const errors = consoleErrors(page);
    await signIn(page, server.url, 'duty');
    await page.locator('[data-testid=live-indicator][data-status=live]').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await switchLanguage(page, 'en');
    await page.waitForFunction(() => document.body.dataset.mapReady === '1', null, {
      timeout: 60_000,
    });
    await page.getByRole('heading', { name: 'Dispatch board' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await switchLanguage(page, 'zh-CN');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a whole-district activation: the board holds every call-out, overdue first, announced', async () => {
    const page = await browser.newPage();
    const errors = consoleErrors(page);
    await signIn(page, server.url, 'duty');
    await page.locator('[data-testid=live-indicator][data-status=live]').waitFor();

    const commander = await apiLogin(server.url, 'commander');
    const started = await apiPost(server.url, '/api/responses', commander, {
      hazard: 'flood',
      level: 'IV',
      reason: '全区防汛IV级应急响应（演练）',
      subdistrictCodes: [],
      preemptive: false,
    });
    expect(started.status).toBe(201);
    const response = (await started.json()) as ResponseDto;
    const admin = await apiLogin(server.url, 'admin');
    // The call-outs are written in a burst after the response starts: wait for it to settle.
    let total = 0;
    for (let seen = -1; total === 0 || seen !== total;) {
      seen = total;
      await new Promise((r) => setTimeout(r, 1_000));
      const res = await fetch(
        `${server.url}/api/dispatches?responseId=${response.id}&limit=10000`,
        { headers: { authorization: `Bearer ${admin}` } },
      );
      dispatches = (await res.json()) as DispatchDto[];
      total = dispatches.length;
    }
    console.log(`whole-district activation: ${total} call-outs`);
    expect(total).toBe(2436);

    // Every one of them on the board (not the first 200), counted and listed.
    await page.waitForFunction(
      (n) =>
        document.querySelector('[data-testid=dispatch-counts] [data-count=notified] dd')
          ?.textContent === String(n),
      total,
      { timeout: 150_000 },
    );
    await board(page)
      .locator('[data-testid=dispatch-shown]')
      .filter({ hasText: `${total} / ${total}` })
      .waitFor();
    // Virtualised: a screenful of rows in the DOM, each knowing its place in the whole list.
    const inDom = await board(page).locator('.dispatch-row').count();
    expect(inDom).toBeLessThan(100);
    expect(await board(page).locator('.dispatch-row').first().getAttribute('aria-setsize')).toBe(
      String(total),
    );

    // Scrolled to the end: the last call-out is there.
    const scroll = page.locator('[data-testid=dispatch-scroll]');
    await scroll.evaluate((el) => (el.scrollTop = el.scrollHeight));
    await board(page).locator(`.dispatch-row[aria-posinset="${total}"]`).waitFor();
    await scroll.evaluate((el) => (el.scrollTop = 0));

    // Fire and rescue's window runs out: their call-outs go overdue and move to the top.
    const fire = dispatches.filter((d) => d.role === 'fire_rescue').length;
    expect(fire).toBeGreaterThan(0);
    await page.waitForFunction(
      (n) =>
        document.querySelector('[data-testid=dispatch-counts] [data-count=overdue] dd')
          ?.textContent === String(n),
      fire,
      { timeout: (FIRE_ACK_S + 20) * 1000 },
    );
    const top = board(page).locator('.dispatch-row').first();
    await board(page).locator('.dispatch-row[aria-posinset="1"][data-overdue="1"]').waitFor();
    expect(await top.getAttribute('data-overdue')).toBe('1');
    // Announced to screen readers (they went overdue while the console watched).
    await page
      .waitForFunction(
        () =>
          /超时/.test(document.querySelector('[data-testid=callout-announcer]')?.textContent ?? ''),
        null,
        { timeout: 10_000 },
      )
      .catch(async (error: unknown) => {
        console.log(
          'announcer:',
          await page.evaluate(
            () => document.querySelector('[data-testid=callout-announcer]')?.outerHTML,
          ),
          errors,
        );
        throw error;
      });
    await shot(page, 'map-console-board-overdue');

    // Filtered to the overdue: exactly those.
    await page.locator('[data-testid=dispatch-filter]').selectOption('overdue');
    await board(page)
      .locator('[data-testid=dispatch-shown]')
      .filter({ hasText: `${fire} / ${total}` })
      .waitFor();
    expect(await board(page).locator('.dispatch-row[data-overdue="0"]').count()).toBe(0);
    expect(new URL(page.url()).searchParams.get('status')).toBe('overdue');

    expect(await axeViolations(page)).toEqual([]);
    await switchLanguage(page, 'en');
    await page.waitForFunction(() => document.body.dataset.mapReady === '1', null, {
      timeout: 60_000,
    });
    // The filter is in the URL: the reload keeps it.
    await board(page)
      .locator('[data-testid=dispatch-shown]')
      .filter({ hasText: `${fire} of ${total}` })
      .waitFor({ timeout: 30_000 });
    expect(await count(page, 'notified')).toBe(total);
    expect(await axeViolations(page)).toEqual([]);
    await switchLanguage(page, 'zh-CN');
    expect(errors).toEqual([]);
    await page.close();
  }, 300_000);

  it('a point chosen from the list (keyboard) is a deep link: reload and back keep the place', async () => {
    const page = await browser.newPage();
    const errors = consoleErrors(page);
    await signIn(page, server.url, 'duty');
    const finder = page.locator('[data-testid=feature-finder]');
    const first = finder.locator('button[data-feature-id]').first();
    await first.waitFor();
    const id = await first.getAttribute('data-feature-id');
    await first.focus();
    await page.keyboard.press('Enter');
    await page.locator('[data-testid=details-panel]').waitFor();
    expect(new URL(page.url()).searchParams.get('select')).toBe(`waterlogging:${id}`);
    const title = await page.locator('[data-testid=details-panel] h2').first().innerText();

    await page.reload();
    await page.waitForFunction(() => document.body.dataset.mapReady === '1', null, {
      timeout: 60_000,
    });
    await page.locator('[data-testid=details-panel]').waitFor();
    expect(await page.locator('[data-testid=details-panel] h2').first().innerText()).toBe(title);
    expect(await axeViolations(page)).toEqual([]);

    await page.goBack();
    await page.locator('[data-testid=details-panel]').waitFor({ state: 'detached' });
    expect(new URL(page.url()).searchParams.get('select')).toBeNull();
    await page.goForward();
    await page.locator('[data-testid=details-panel]').waitFor();

    // A call-out's point is one click (or Enter) from its row.
    const row = page.locator('[data-testid=dispatch-board] .dispatch-row').first();
    const rowId = await row.getAttribute('data-dispatch-id');
    await row.locator('[data-testid=dispatch-show-point]').click();
    const expected = dispatches.find((d) => d.id === rowId)?.pointId;
    await page.waitForFunction(
      (p) => new URL(location.href).searchParams.get('select') === `waterlogging:${p}`,
      expected,
    );
    await page.locator('[data-testid=details-panel]').waitFor();
    expect(errors).toEqual([]);
    await page.close();
  });
});
