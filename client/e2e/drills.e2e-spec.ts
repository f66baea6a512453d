import { openBrowser, shot, signIn, type ConsoleBrowser } from './helpers/browser';
import {
  apiLogin,
  missingPrerequisite,
  startConsoleServer,
  type ConsoleServer,
} from './helpers/console-server';
import { axeViolations, consoleErrors, switchLanguage } from './helpers/pageChecks';

const missing = missingPrerequisite();
if (missing) console.log(`[skip] browser tests: ${missing}`);
const suite = missing ? describe.skip : describe;

/**
 * A reachability drill (连通性测试) in Chromium: started for one subdistrict from the console,
 * one person answers on the signed page their drill message links to, and the drill's report
 * shows that one answered and everyone else not; axe-clean in both languages.
 */
suite('reachability drills in Chromium', () => {
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

  it('starts a subdistrict drill, takes one answer by its link, and reports one answered, the rest not', async () => {
    const page = await browser.newPage();
    const errors = consoleErrors(page);
    await signIn(page, server.url, 'duty');
    await page.locator('[data-testid="nav-drills"]').click();
    await page.locator('[data-testid=drills]').waitFor();
    expect(new URL(page.url()).pathname).toBe('/drills');

    const form = page.locator('[data-testid=drill-start]');
    await form.locator('select[name=scope]').selectOption('subdistrict');
    const target = form.locator('select[name=code]');
    await target.locator('option', { hasText: '西乡街道' }).waitFor({ state: 'attached' });
    await target.selectOption({ label: '西乡街道' });
    await form.locator('input[name=note]').fill('汛前连通性测试');
    expect(await axeViolations(page)).toEqual([]);
    await form.getByRole('button', { name: '开始测试' }).click();
    const row = page.locator('[data-testid=drill-list] tbody tr').first();
    await row.waitFor();
    const called = Number(await row.locator('td').nth(1).innerText());
    expect(called).toBeGreaterThan(1);
    expect(await row.locator('td').nth(2).innerText()).toBe('0');
    await row.getByRole('link').click();
    await page.locator('[data-testid=drill-report]').waitFor();
    const drillId = new URL(page.url()).pathname.split('/drills/')[1]!;
    expect(drillId).toMatch(/^[0-9a-f-]{36}$/);

    // One person's drill message, as their phone got it: its link is their signed answer page.
    const admin = await apiLogin(server.url, 'admin');
    const sent = (await (
      await fetch(`${server.url}/api/notifications?limit=5000`, {
        headers: { authorization: `Bearer ${admin}` },
      })
    ).json()) as { kind: string; text: string }[];
    const drillMessages = sent.filter((n) => n.kind === 'call' && n.text.includes('【演练】'));
    expect(drillMessages).toHaveLength(called);
    const path = /\/ack\/\S+/.exec(drillMessages[0]!.text)?.[0];
    expect(path).toBeDefined();

    const phone = await browser.newPage();
    const phoneErrors = consoleErrors(phone);
    await phone.goto(`${server.url}${path}`);
    await phone.getByRole('heading', { name: '叫应演练' }).waitFor();
    expect(await axeViolations(phone)).toEqual([]);
    await phone.getByRole('button', { name: '收到' }).click();
    await phone.locator('[role=status]').first().waitFor();
    await shot(phone, 'drill-answer');
    expect(phoneErrors).toEqual([]);

    // The report follows live: one answered, everyone else listed as not answered.
    const report = page.locator('[data-testid=drill-report]');
    await report
      .getByTestId('drill-summary')
      .getByText(`共叫应 ${called} 人，已应答 1 人`, { exact: false })
      .waitFor();
    expect(await report.locator('[data-testid=drill-answered] li').count()).toBe(1);
    expect(await report.locator('[data-testid=drill-unanswered] li').count()).toBe(
      Math.min(called - 1, 300),
    );
    await shot(page, 'drill-report');
    expect(await axeViolations(page)).toEqual([]);

    await switchLanguage(page, 'en');
    await report
      .getByTestId('drill-summary')
      .getByText(`${called} called, 1 answered`, { exact: false })
      .waitFor();
    expect(await report.locator('[data-testid=drill-answered] li').count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    await page.locator('[data-testid=drill-report]').getByRole('link').first().click();
    const list = page.locator('[data-testid=drill-list] tbody tr').first();
    await list.waitFor();
    expect(await list.locator('td').nth(2).innerText()).toBe('1');
    expect(await axeViolations(page)).toEqual([]);
    await switchLanguage(page, 'zh-CN');
    expect(errors).toEqual([]);
  }, 240_000);
});
