import type { Page } from 'playwright-core';
import type { CallRuleDto, PersonsPage } from '@sanfang/shared';
import { openBrowser, shot, signIn, type ConsoleBrowser } from './helpers/browser';
import {
  apiLogin,
  missingPrerequisite,
  startConsoleServer,
  type ConsoleServer,
} from './helpers/console-server';
import { checkBothLanguages, openFromNav } from './helpers/deskPage';
import { axeViolations, consoleErrors, switchLanguage } from './helpers/pageChecks';

const missing = missingPrerequisite();
if (missing) console.log(`[skip] browser tests: ${missing}`);
const suite = missing ? describe.skip : describe;

/** A refused request (422) is logged by Chromium itself; the page must log nothing else. */
const realErrors = (errors: string[]) => errors.filter((e) => !/Failed to load resource/.test(e));

/**
 * The last mile's admin pages in Chromium: the 叫应 table (add a rule, a duplicate refused at
 * its field by the server, live when another admin changes it, remove) and the roster's person
 * fields (second phone, unit leader, backup picked by search). Axe-clean in both languages.
 */
suite('叫应 table and responsible persons (admin) in Chromium', () => {
  let server: ConsoleServer;
  let browser: ConsoleBrowser;
  let page: Page;
  let errors: string[];
  let token: string;

  beforeAll(async () => {
    server = await startConsoleServer();
    browser = await openBrowser(server.url);
    token = await apiLogin(server.url, 'admin');
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const api = async <T>(path: string, init: RequestInit = {}): Promise<T> => {
    const res = await fetch(`${server.url}${path}`, {
      ...init,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    });
    expect(res.ok).toBe(true);
    return (await res.json()) as T;
  };

  it('adds a 叫应 rule and lists it; a duplicate is refused at its field; live; removed', async () => {
    page = await browser.newPage();
    errors = consoleErrors(page);
    await signIn(page, server.url, 'admin');
    await page.locator('[data-testid=live-indicator][data-status=live]').waitFor();
    await openFromNav(page, 'admin/call-rules', 'call-rules');
    // The default table: one row a colour for any hazard.
    await page.locator('[data-testid="rule-*-red"]').waitFor();
    expect(await page.locator('[data-testid="rule-*-blue"] td').first().textContent()).toBe('蓝色');

    await page.locator('[data-testid=rule-add]').click();
    await page.locator('[data-testid=rule-hazard]').selectOption('typhoon');
    await page.locator('[data-testid=rule-colour]').selectOption('red');
    await page.locator('[data-testid=rule-duty-reservoir]').check();
    await page.locator('[data-testid=rule-duty-river]').check();
    await page.locator('[data-testid=rule-form] button[type=submit]').click();
    const row = page.locator('[data-testid="rule-typhoon-red"]');
    await row.waitFor();
    expect(await row.locator('th').textContent()).toBe('台风');
    expect(await row.locator('td').nth(1).textContent()).toBe('水库责任人、河道责任人');
    const stored = await api<CallRuleDto[]>('/api/call-rules');
    expect(stored.find((r) => r.hazard === 'typhoon')).toEqual({
      hazard: 'typhoon',
      colour: 'red',
      duties: ['reservoir', 'river'],
      pointContacts: false,
    });

    // The same hazard and colour again: the server refuses it, at the hazard field.
    await page.locator('[data-testid=rule-add]').click();
    await page.locator('[data-testid=rule-hazard]').selectOption('typhoon');
    await page.locator('[data-testid=rule-colour]').selectOption('red');
    await page.locator('[data-testid=rule-form] button[type=submit]').click();
    const issue = page.locator('[data-testid=rule-form] [data-testid=field-error]');
    await issue.waitFor();
    expect(await issue.textContent()).toContain('typhoon/red appears twice');
    expect(await page.locator('[data-testid=rule-hazard]').getAttribute('aria-invalid')).toBe(
      'true',
    );
    expect(await page.locator('[data-testid="rule-typhoon-red"]').count()).toBe(1);
    await shot(page, 'call-rules');
    expect(await axeViolations(page)).toEqual([]);

    // Another admin changes the table: the page follows without a reload.
    await api('/api/call-rules', {
      method: 'PUT',
      body: JSON.stringify({
        rules: [
          ...(await api<CallRuleDto[]>('/api/call-rules')),
          { hazard: 'flood', colour: 'orange', duties: ['river'], pointContacts: true },
        ],
      }),
    });
    await page.locator('[data-testid="rule-flood-orange"]').waitFor();

    await checkBothLanguages(page, 'call-rules', /Call rules/);
    await switchLanguage(page, 'en');
    await page.locator('[data-testid="rule-typhoon-red"] th', { hasText: 'Typhoon' }).waitFor();
    expect(await page.locator('[data-testid="rule-typhoon-red"] td').nth(1).textContent()).toBe(
      'Reservoir、River',
    );
    await page.locator('[data-testid="rule-typhoon-red"] [data-testid=rule-remove]').click();
    await page.locator('[data-testid="rule-typhoon-red"]').waitFor({ state: 'detached' });
    expect((await api<CallRuleDto[]>('/api/call-rules')).some((r) => r.hazard === 'typhoon')).toBe(
      false,
    );
    await switchLanguage(page, 'zh-CN');
    expect(realErrors(errors)).toEqual([]);
  }, 420_000);

  it('edits a person’s second phone, unit-leader flag and backup, picked by search', async () => {
    const persons = (await api<PersonsPage>('/api/persons?unitCode=JD002&limit=40')).persons;
    const person = persons.find((p) => !p.leader && p.backupId !== null)!;
    const backup = persons.find((p) => p.id !== person.id && p.id !== person.backupId)!;
    page = await browser.newPage();
    errors = consoleErrors(page);
    await signIn(page, server.url, 'admin');
    await openFromNav(page, 'admin/roster', 'roster');
    await page.locator('[data-testid=roster-unit]').selectOption('JD002');
    const row = page.locator(`[data-testid="person-${person.phone}"]`);
    await row.locator('[data-testid=person-edit]').click();
    expect(await page.locator('[data-testid=backup-name]').textContent()).toBe(person.backupName);

    // A malformed second phone is caught at its field before anything is sent.
    await page.locator('[data-testid=person-phone2]').fill('abc');
    await page.locator('[data-testid=person-form] button[type=submit]').click();
    await page.locator('[data-testid=person-form] [data-testid=field-error]').waitFor();
    expect(await page.locator('[data-testid=person-phone2]').getAttribute('aria-invalid')).toBe(
      'true',
    );
    await page.locator('[data-testid=person-phone2]').fill('13900001111');
    await page.locator('[data-testid=person-leader]').check();

    // The backup: searched by name, chosen from the roster.
    await page.locator('[data-testid=backup-search]').fill(backup.name);
    const option = page.locator('[data-testid=backup-option]', { hasText: backup.phone });
    await option.waitFor();
    await option.click();
    expect(await page.locator('[data-testid=backup-name]').textContent()).toBe(backup.name);
    expect(await axeViolations(page)).toEqual([]);
    await page.locator('[data-testid=person-form] button[type=submit]').click();
    await row.locator('td', { hasText: backup.name }).waitFor();
    await row.locator('th', { hasText: '(负责人)' }).waitFor({ state: 'attached' });
    const saved = (
      await api<PersonsPage>(`/api/persons?unitCode=JD002&q=${encodeURIComponent(person.phone)}`)
    ).persons[0];
    expect(saved).toMatchObject({
      backupId: backup.id,
      backupName: backup.name,
      phone2: '13900001111',
      leader: true,
    });
    await shot(page, 'roster-edit');
    await checkBothLanguages(page, 'roster', /Responsible persons/);
    expect(realErrors(errors)).toEqual([]);
  }, 420_000);
});
