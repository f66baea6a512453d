import { readFileSync } from 'node:fs';
import type { DutyReport } from '@sanfang/shared';
import type { Page } from 'playwright-core';
import { openBrowser, shot, signIn, type ConsoleBrowser } from './helpers/browser';
import {
  apiLogin,
  apiPost,
  missingPrerequisite,
  startConsoleServer,
  type ConsoleServer,
} from './helpers/console-server';
import { checkBothLanguages, openFromNav } from './helpers/deskPage';
import { consoleErrors } from './helpers/pageChecks';

const missing = missingPrerequisite();
if (missing) console.log(`[skip] browser tests: ${missing}`);
const suite = missing ? describe.skip : describe;

const beijingDate = (ms: number) => new Date(ms + 8 * 3600_000).toISOString().slice(0, 10);

suite('reports in Chromium', () => {
  let server: ConsoleServer;
  let browser: ConsoleBrowser;
  let page: Page;
  let errors: string[];
  let token: string;
  /** The duty day whose window holds now (it starts at the cutoff, 08:00 by default). */
  let dutyDay: string;
  let report: DutyReport;

  const daily = async (date: string): Promise<DutyReport> =>
    (await (
      await fetch(`${server.url}/api/reports/daily?date=${date}`, {
        headers: { authorization: `Bearer ${token}` },
      })
    ).json()) as DutyReport;

  beforeAll(async () => {
    server = await startConsoleServer();
    browser = await openBrowser(server.url);
    token = await apiLogin(server.url, 'duty');
    for (const deaths of [0, 3]) {
      const res = await apiPost(server.url, '/api/incidents', token, {
        type: 'waterlogging',
        occurredAt: new Date().toISOString(),
        location: { lon: 113.905, lat: 22.64, address: '宝安大道下穿通道' },
        casualties: { deaths, seriousInjuries: 0, missing: 0, trapped: 0 },
      });
      expect(res.status).toBe(201);
    }
    const today = beijingDate(Date.now());
    const r = await daily(today);
    dutyDay = Date.parse(r.from) <= Date.now() ? today : beijingDate(Date.now() - 86_400_000);
    report = await daily(dutyDay);
    expect(report.incidents.total).toBe(2);
    page = await browser.newPage();
    errors = consoleErrors(page);
    await signIn(page, server.url, 'duty');
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const row = (label: string) =>
    page.locator('[data-testid=report-row]').filter({
      has: page.locator('th', { hasText: new RegExp(`^${label}$`) }),
    });

  it('opens the daily report of a day and finds its counts', async () => {
    await openFromNav(page, 'reports', 'reports-page');
    await page.locator('[data-testid=reports-date]').fill(dutyDay);
    await page
      .locator('[data-testid=report-view] h3')
      .filter({ hasText: '每日值班情况' })
      .waitFor();
    expect(await row('突发事件').locator('td').innerText()).toBe('2');
    expect(await row('· 较大').locator('td').innerText()).toBe('1');
    expect(await row('死亡人数').locator('td').innerText()).toBe('3');
    expect(await row('应报送次数').locator('td').innerText()).toBe(
      String(report.incidents.dutiesDue),
    );
    // The place is in the URL: reload keeps the day.
    await page.reload();
    await page.locator('[data-testid=report-view]').waitFor();
    expect(await page.locator('[data-testid=reports-date]').inputValue()).toBe(dutyDay);
    await shot(page, 'reports-daily');
  });

  it('prints it: only the report, no header, navigation or map', async () => {
    await page.evaluate(() => {
      const w = window as Window & { printed?: number };
      w.printed = 0;
      w.print = () => void (w.printed = (w.printed ?? 0) + 1);
    });
    await page.getByRole('button', { name: '打印' }).click();
    expect(await page.evaluate(() => (window as Window & { printed?: number }).printed)).toBe(1);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('[data-testid=nav-bar]').isVisible()).toBe(false);
    expect(await page.locator('[data-testid=reports-download-csv]').isVisible()).toBe(false);
    expect(await page.locator('[data-testid=report-view]').isVisible()).toBe(true);
    await page.emulateMedia({ media: 'screen' });
  });

  it('downloads it as CSV and HTML with the same counts', async () => {
    const [csv] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('[data-testid=reports-download-csv]').click(),
    ]);
    expect(csv.suggestedFilename()).toBe(`duty-report-${dutyDay}.csv`);
    const text = readFileSync(await csv.path(), 'utf8');
    expect(text).toContain('事件,死亡人数,3');
    const [html] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('[data-testid=reports-download-html]').click(),
    ]);
    expect(html.suggestedFilename()).toBe(`duty-report-${dutyDay}.html`);
    expect(readFileSync(await html.path(), 'utf8')).toContain('每日值班情况');
  });

  it('opens the monthly bulletin with its days', async () => {
    // The kind lives in the URL: the radio shows it once the router's navigation (a transition)
    // commits, which can lag the click on a loaded machine, so wait for the month's field.
    await page.getByLabel('每月值班通报').click();
    await page.locator('[data-testid=reports-month]').fill(dutyDay.slice(0, 7));
    await page.locator('[data-testid=report-days]').waitFor();
    expect(await row('突发事件').locator('td').innerText()).toBe('2');
    await checkBothLanguages(page, 'reports-page', /Reports/);
    expect(errors).toEqual([]);
  });
});
