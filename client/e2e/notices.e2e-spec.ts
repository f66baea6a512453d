import type { Page } from 'playwright-core';
import { openBrowser, signIn, type ConsoleBrowser } from './helpers/browser';
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

suite('notices in Chromium', () => {
  let server: ConsoleServer;
  let browser: ConsoleBrowser;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    server = await startConsoleServer();
    browser = await openBrowser(server.url);
    page = await browser.newPage();
    errors = consoleErrors(page);
    await signIn(page, server.url, 'commander');
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('a commander posts an urgent notice; it is listed', async () => {
    await openFromNav(page, 'notices', 'notices-page');
    const form = page.locator('[data-testid=notice-form]');
    await form.getByRole('button', { name: '发布' }).click();
    await form.locator('[data-testid=field-error-notice-text-error]').waitFor();
    await form.getByLabel('通知内容').fill('19:00 起全区停止户外作业');
    await form.getByLabel('级别').selectOption('urgent');
    await form.getByRole('button', { name: '发布' }).click();
    const item = page.locator('[data-testid=notices-list] li').filter({ hasText: '停止户外作业' });
    await item.waitFor();
    expect(await item.innerText()).toContain('紧急');
    expect(await item.innerText()).toContain('commander');
    await checkBothLanguages(page, 'notices-page', /Notices/);
    expect(errors).toEqual([]);
  });
});
