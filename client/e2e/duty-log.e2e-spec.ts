import type { Page } from 'playwright-core';
import { openBrowser, shot, signIn, type ConsoleBrowser } from './helpers/browser';
import {
  missingPrerequisite,
  startConsoleServer,
  type ConsoleServer,
} from './helpers/console-server';
import { checkBothLanguages, openFromNav } from './helpers/deskPage';
import { consoleErrors } from './helpers/pageChecks';

const missing = missingPrerequisite();
if (missing) console.log(`[skip] browser tests: ${missing}`);
const suite = missing ? describe.skip : describe;

suite('duty log in Chromium', () => {
  let server: ConsoleServer;
  let browser: ConsoleBrowser;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    server = await startConsoleServer();
    browser = await openBrowser(server.url);
    page = await browser.newPage();
    errors = consoleErrors(page);
    await signIn(page, server.url, 'duty');
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const rows = () => page.locator('[data-testid=duty-log-table] tbody tr');

  it('a duty officer writes an entry and corrects it; both stay in the log', async () => {
    await openFromNav(page, 'duty-log', 'duty-log-page');
    const form = page.locator('[data-testid=duty-log-entry-form]');

    // The shared schema refuses an empty entry at its field, before any request.
    await form.getByRole('button', { name: '保存记录' }).click();
    await form.locator('[data-testid=field-error-duty-log-text-error]').waitFor();

    await form.locator('textarea').fill('22:10 西乡街道报告固戍下穿通道积水 30 厘米');
    await form.getByRole('button', { name: '保存记录' }).click();
    const entry = rows().filter({ hasText: '固戍下穿通道积水 30 厘米' });
    await entry.waitFor();
    expect(await entry.getAttribute('data-kind')).toBe('entry');

    await entry.getByRole('button', { name: '更正' }).click();
    await page.locator('[data-testid=duty-log-correcting]').waitFor();
    await form.locator('textarea').fill('更正：积水 50 厘米，已封闭通道');
    await form.getByRole('button', { name: '保存更正' }).click();
    const correction = rows().filter({ hasText: '积水 50 厘米' });
    await correction.waitFor();
    expect(await correction.getAttribute('data-kind')).toBe('correction');
    // The corrected entry stays as it was, marked corrected.
    await entry.getByText('（已更正）').waitFor();
    expect(await entry.innerText()).toContain('积水 30 厘米');
    await shot(page, 'duty-log');
  });

  it('hands over the shift with open items', async () => {
    const form = page.locator('[data-testid=duty-log-handover]');
    await form.getByLabel('接班人').fill('night');
    await form.getByLabel('交班说明').fill('雨势减弱，继续关注西乡片区');
    await form.getByLabel('未结事项（每行一项）').fill('固戍下穿通道仍封闭\n福永避护场所待关闭');
    await form.getByRole('button', { name: '交班' }).click();
    await page.locator('[data-testid=duty-log-handed-over]').waitFor();
    const handover = rows().filter({ hasText: '交接班：duty → night' });
    await handover.waitFor();
    expect(await handover.getAttribute('data-kind')).toBe('handover');
    expect(await handover.innerText()).toContain('2. 福永避护场所待关闭');
  });

  it('filters by time: a window before the entries shows none; reload keeps it', async () => {
    await page.locator('[data-testid=duty-log-to]').fill('00:01');
    await page.locator('[data-testid=duty-log-empty]').or(rows().first()).first().waitFor();
    await page.waitForFunction(() => new URL(location.href).searchParams.get('to') === '00:01');
    const texts = await rows().allInnerTexts();
    expect(texts.some((t) => t.includes('积水 50 厘米'))).toBe(false);
    await page.reload();
    await page.locator('[data-testid=duty-log-page]').waitFor();
    expect(await page.locator('[data-testid=duty-log-to]').inputValue()).toBe('00:01');
    await page.locator('[data-testid=duty-log-to]').fill('');
    await rows().filter({ hasText: '积水 50 厘米' }).waitFor();
  });

  it('prints the log without the header, navigation and map', async () => {
    await page.evaluate(() => {
      const w = window as Window & { printed?: number };
      w.printed = 0;
      w.print = () => void (w.printed = (w.printed ?? 0) + 1);
    });
    await page.getByRole('button', { name: '打印' }).click();
    expect(await page.evaluate(() => (window as Window & { printed?: number }).printed)).toBe(1);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('[data-testid=nav-bar]').isVisible()).toBe(false);
    expect(await page.locator('[data-testid=duty-log-entry-form]').isVisible()).toBe(false);
    expect(await page.locator('[data-testid=duty-log-table]').isVisible()).toBe(true);
    await page.emulateMedia({ media: 'screen' });
  });

  it('is axe-clean in both languages, without console errors', async () => {
    await checkBothLanguages(page, 'duty-log-page', /Duty log/);
    expect(errors).toEqual([]);
  });
});
