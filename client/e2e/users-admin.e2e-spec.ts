import type { Page } from 'playwright-core';
import { openBrowser, shot, signIn, type ConsoleBrowser } from './helpers/browser';
import { axeViolations } from './helpers/pageChecks';
import {
  missingPrerequisite,
  startConsoleServer,
  type ConsoleServer,
} from './helpers/console-server';

const missing = missingPrerequisite();
if (missing) console.log(`[skip] browser tests: ${missing}`);
const suite = missing ? describe.skip : describe;

suite('user administration in Chromium', () => {
  let server: ConsoleServer;
  let browser: ConsoleBrowser;
  let page: Page;

  beforeAll(async () => {
    server = await startConsoleServer();
    browser = await openBrowser(server.url);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const login = (username: string, password: string) =>
    fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    }).then((r) => r.status);

  it('an admin creates a duty officer, who can sign in, then disables them', async () => {
    page = await browser.newPage();
    await signIn(page, server.url, 'admin');
    await page.locator('[data-testid="nav-admin/users"]').click();
    await page.locator('[data-testid=users-admin]').waitFor();
    expect(new URL(page.url()).pathname).toBe('/admin/users');
    await page.locator('[data-testid=user-row-duty]').waitFor();

    const form = page.locator('[data-testid=user-create]');
    await form.locator('input[name=username]').fill('night-officer');
    await form.locator('input[name=displayName]').fill('夜班值班员');
    await form.locator('select[name=role]').selectOption('duty_officer');
    await form.locator('input[name=password]').fill('a-long-night-password');
    await form.locator('button[type=submit]').click();
    const row = page.locator('[data-testid=user-row-night-officer]');
    await row.waitFor();
    await shot(page, 'users-admin');
    expect(await axeViolations(page)).toEqual([]);
    expect(await login('night-officer', 'a-long-night-password')).toBe(200);

    await row.getByRole('button', { name: /停用|Disable/ }).click();
    await row.getByText(/已停用|Disabled/).waitFor();
    expect(await login('night-officer', 'a-long-night-password')).toBe(401);

    // A reload keeps the place; back returns to the console, the map still there.
    await page.reload();
    await page.locator('[data-testid=users-admin]').waitFor();
    await page.goBack();
    await page.locator('.console__main').waitFor({ state: 'visible' });
    expect(browser.offOrigin).toEqual([]);
  });

  it('shows user administration to administrators only, and refuses its deep link to others', async () => {
    const duty = await browser.newPage();
    await signIn(duty, server.url, 'duty');
    await duty.locator('[data-testid=nav-bar]').waitFor();
    expect(await duty.locator('[data-testid="nav-admin/users"]').count()).toBe(0);
    await duty.goto(`${server.url}/admin/users`);
    await duty.locator('[data-testid=page-not-permitted]').waitFor();
    expect(await duty.locator('[data-testid=users-admin]').count()).toBe(0);
  });
});
