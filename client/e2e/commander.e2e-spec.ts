import type { Page } from 'playwright-core';
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
/** Each language switch reloads the whole console, map included: slow on a loaded machine. */
const TEST_MS = 300_000;

/**
 * The commander's navigation, from the pages table (client/src/modules/shell/pages/pages.tsx):
 * every page with a navigation entry whose roles include `commander`, in the table's order by
 * group (duty, then resources). A page added for commanders must be added here too.
 */
const COMMANDER_NAV = [
  'nav-duty-log',
  'nav-incidents',
  'nav-reports',
  'nav-notices',
  'nav-duty-desk/rota',
  'nav-duty-desk/instructions',
  'nav-delivery-health',
  'nav-drills',
  'nav-replay',
  'nav-resources/shelters',
  'nav-resources/teams',
  'nav-resources/warehouses',
];

/** The commander (带班领导) in Chromium: the pages of the role, a response started and raised. */
suite('the commander in Chromium', () => {
  let server: ConsoleServer;
  let browser: ConsoleBrowser;
  let incidentId: string;

  beforeAll(async () => {
    server = await startConsoleServer();
    browser = await openBrowser(server.url);
    // An incident the duty officer registered, for the commander to open.
    const duty = await apiLogin(server.url, 'duty');
    const res = await apiPost(server.url, '/api/incidents', duty, {
      type: 'waterlogging',
      occurredAt: new Date().toISOString(),
      location: { lon: 113.875, lat: 22.585, address: '西乡大道下穿通道' },
      description: '车辆被困积水',
    });
    expect(res.status).toBe(201);
    incidentId = ((await res.json()) as { incident: { id: string } }).incident.id;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** Axe-clean in Chinese and English on the page shown by `testId`, then back to Chinese. */
  async function checkBothLanguages(page: Page, testId: string) {
    expect(await axeViolations(page)).toEqual([]);
    await switchLanguage(page, 'en');
    await page.locator(`[data-testid=${testId}]`).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await switchLanguage(page, 'zh-CN');
    await page.locator(`[data-testid=${testId}]`).waitFor();
  }

  it(
    "shows exactly the commander's pages; starts a response from the console and raises it",
    async () => {
      const page = await browser.newPage();
      const errors = consoleErrors(page);
      await signIn(page, server.url, 'commander');
      const nav = await page
        .locator('[data-testid=nav-bar] [data-testid^="nav-"]')
        .evaluateAll((links) => links.map((a) => a.getAttribute('data-testid')));
      expect(nav).toEqual(COMMANDER_NAV);
      expect(await page.locator('[data-testid=nav-bar] a[href="/"]').count()).toBe(1);

      // The commander's own job: start a response (drought: no point contacts to call out).
      await page.locator('[data-testid=live-indicator][data-status=live]').waitFor();
      await page.locator('[data-testid=start-response]').click();
      const start = page.locator('[data-testid=start-response-form]');
      await start.locator('select[name=hazard]').selectOption('drought');
      await start.locator('select[name=level]').selectOption('IV');
      await start.locator('textarea[name=reason]').fill('气象干旱橙色预警，启动抗旱IV级应急响应');
      await start.locator('button[type=submit]').click();
      const card = page.locator('[data-testid=responses-panel] .response-card');
      await card.and(page.locator('[data-level=IV]')).waitFor({ timeout: 10_000 });
      expect(await card.count()).toBe(1);
      await shot(page, 'commander-01-started');

      // … and raise it: IV → III, with its reason, shown in the card's history.
      await card.getByRole('button', { name: '调整' }).click();
      const change = page.locator('[data-testid=change-response-form]');
      await change.locator('select').selectOption('III');
      await change.locator('textarea').fill('旱情加重，提升至III级');
      await change.locator('button[type=submit]').click();
      await card.and(page.locator('[data-level=III]')).waitFor({ timeout: 10_000 });
      await card.getByTestId('response-history').click();
      await card.getByText('旱情加重，提升至III级').waitFor();
      await shot(page, 'commander-02-raised');
      await checkBothLanguages(page, 'responses-panel');
      expect(errors).toEqual([]);
      await page.close();
    },
    TEST_MS,
  );

  it(
    'opens the incidents, an incident and the reports; admin pages by deep link are not permitted',
    async () => {
      const page = await browser.newPage();
      const errors = consoleErrors(page);
      await signIn(page, server.url, 'commander');
      await page.locator('[data-testid="nav-incidents"]').click();
      const row = page.locator(`[data-testid="incident-row-${incidentId}"]`);
      await row.waitFor();
      await row.locator('a').click();
      await page.locator('[data-testid=incident-title]').waitFor();
      expect(new URL(page.url()).pathname).toBe(`/incidents/${incidentId}`);
      await page.locator('[data-testid=incident-duties]').waitFor();
      await checkBothLanguages(page, 'incident-page');

      await page.locator('[data-testid="nav-reports"]').click();
      await page.locator('[data-testid=report-view] h3').first().waitFor();
      await checkBothLanguages(page, 'reports-page');

      // Admin-only pages, reached by their links: the "not permitted" page, nothing of theirs.
      for (const path of ['/admin/users', '/admin/rules', '/admin/cap-log']) {
        await page.goto(`${server.url}${path}`);
        await page.locator('[data-testid=page-not-permitted]').waitFor();
        expect(
          await page.locator('[data-testid=response-rules], [data-testid=cap-log]').count(),
        ).toBe(0);
      }
      await checkBothLanguages(page, 'page-not-permitted');
      await shot(page, 'commander-03-not-permitted');
      expect(errors).toEqual([]);
      await page.close();
    },
    TEST_MS,
  );
});
