import { DISTRICT_BBOX } from '@sanfang/shared';
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

interface TestMap {
  jumpTo(o: { center: [number, number]; zoom: number }): void;
  queryRenderedFeatures(o: { layers: string[] }): { properties: Record<string, unknown> }[];
}
type TestWindow = Window & { __sanfangMap?: TestMap };

const AT: [number, number] = [113.905, 22.64];

suite('incidents in Chromium', () => {
  let server: ConsoleServer;
  let browser: ConsoleBrowser;
  let page: Page;
  let errors: string[];
  let incidentPath = '';

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

  it('enters an incident: errors at their fields, grade and duties before saving', async () => {
    await openFromNav(page, 'incidents', 'incidents-page');
    await page.locator('[data-testid=incident-new]').click();
    await page.locator('[data-testid=incident-new-page]').waitFor();
    const form = page.locator('[data-testid=incident-form]');

    // No location at all, and a negative count: each error at its field, nothing sent.
    await form.getByLabel('死亡').fill('-1');
    await form.getByRole('button', { name: '核对等级和报送要求' }).click();
    await form.locator('[data-testid=field-error-new-incident-deaths-error]').waitFor();
    await form.locator('[data-testid=field-error-new-incident-location-error]').waitFor();

    // A click on the small map puts it there (inside the district's box).
    const picker = page.locator('[data-testid=location-picker][data-ready="1"]');
    await picker.waitFor();
    const box = (await picker.boundingBox())!;
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    const lon = Number(await form.getByLabel('经度').inputValue());
    const lat = Number(await form.getByLabel('纬度').inputValue());
    expect(lon).toBeGreaterThan(DISTRICT_BBOX[0]);
    expect(lon).toBeLessThan(DISTRICT_BBOX[2]);
    expect(lat).toBeGreaterThan(DISTRICT_BBOX[1]);
    expect(lat).toBeLessThan(DISTRICT_BBOX[3]);
    await picker.locator('.maplibregl-marker').waitFor();

    await form.getByLabel('类型').selectOption('traffic');
    await form.getByLabel('标题').fill('宝安大道货车侧翻');
    await form.getByLabel('地址').fill('宝安大道与新湖路交叉口');
    await form.getByLabel('经度').fill(String(AT[0]));
    await form.getByLabel('纬度').fill(String(AT[1]));
    await form.getByLabel('死亡').fill('3');
    await form.getByLabel('被困').fill('2');
    await form.getByRole('button', { name: '核对等级和报送要求' }).click();
    const preview = page.locator('[data-testid=incident-preview]');
    await preview.waitFor();
    expect(await preview.locator('[data-testid=incident-preview-grade]').innerText()).toBe('较大');
    const duties = await preview
      .locator('[data-testid=incident-preview-duties] li')
      .allInnerTexts();
    expect(duties.some((d) => d.includes('电话报告市三防办'))).toBe(true);
    expect(duties).toHaveLength(5);
    await shot(page, 'incident-new');
    await checkBothLanguages(page, 'incident-new-page', /Enter an incident/);
  });

  it('saves it: its page shows the duties; it is in the list and on the map', async () => {
    // The language switch reloaded the form: fill it again and save.
    const form = page.locator('[data-testid=incident-form]');
    await form.getByLabel('类型').selectOption('traffic');
    await form.getByLabel('标题').fill('宝安大道货车侧翻');
    await form.getByLabel('经度').fill(String(AT[0]));
    await form.getByLabel('纬度').fill(String(AT[1]));
    await form.getByLabel('死亡').fill('3');
    await form.getByRole('button', { name: '核对等级和报送要求' }).click();
    await page.locator('[data-testid=incident-save]').click();
    await page.locator('[data-testid=incident-page]').waitFor();
    await page
      .locator('[data-testid=incident-title]')
      .filter({ hasText: '宝安大道货车侧翻' })
      .waitFor();
    incidentPath = new URL(page.url()).pathname;
    expect(incidentPath).toMatch(/^\/incidents\/[0-9a-f-]{36}$/);
    const duties = page.locator('[data-testid=incident-duties] li');
    await duties.first().waitFor();
    expect(await duties.count()).toBe(5);

    await page.getByRole('link', { name: '返回事件列表' }).click();
    const row = page.locator(`[data-testid="incident-row-${incidentPath.split('/')[2]}"]`);
    await row.waitFor();
    expect(await row.innerText()).toContain('较大');
    // Filters are in the URL; a filter that excludes it hides it.
    await page.getByLabel('类型').selectOption('fire');
    await page.locator('[data-testid=incident-list-empty]').waitFor();
    await page.getByLabel('类型').selectOption('');
    await page.locator('[data-testid=incident-search]').fill('货车侧翻');
    await row.waitFor();
    await checkBothLanguages(page, 'incidents-page', /Incidents/);

    // On the map console, at its place.
    await page.locator('[data-testid="nav-bar"] a[href="/"]').click();
    await page.locator('.console__main').waitFor({ state: 'visible' });
    const id = incidentPath.split('/')[2]!;
    await page.evaluate((at) => {
      (window as TestWindow).__sanfangMap!.jumpTo({ center: at, zoom: 16 });
    }, AT);
    await page.waitForFunction(
      (want) =>
        (
          (window as TestWindow).__sanfangMap?.queryRenderedFeatures({ layers: ['incidents'] }) ??
          []
        ).some((f) => f.properties.id === want),
      id,
      { timeout: 15_000, polling: 200 },
    );
  });

  it('marks a duty done, edits the casualties with a reason, and shows the versions', async () => {
    await page.goto(`${server.url}${incidentPath}`);
    await page.locator('[data-testid=incident-page]').waitFor();
    const duties = page.locator('[data-testid=incident-duties] li');
    await duties.first().waitFor();
    const doneBefore = await page.locator('[data-testid=incident-duties] li.duty--done').count();
    await duties.first().getByRole('button', { name: '已报送' }).click();
    await page.locator('[data-testid=incident-duties] li.duty--done').nth(doneBefore).waitFor();

    await page.locator('[data-testid=incident-edit]').click();
    const edit = page.locator('[data-testid=incident-edit-form]');
    await edit.getByLabel('死亡').fill('10');
    await edit.getByRole('button', { name: '保存修改' }).click();
    // The reason is required.
    await edit.locator('[data-testid=field-error-edit-incident-reason-error]').waitFor();
    await edit.locator('[data-testid=incident-edit-reason]').fill('医院通报死亡人数上升');
    await edit.getByRole('button', { name: '保存修改' }).click();
    await edit.waitFor({ state: 'detached' });
    const versions = page.locator('[data-testid=incident-versions] tbody tr');
    await versions.nth(1).waitFor();
    expect(await versions.nth(1).innerText()).toContain('医院通报死亡人数上升');
    expect(await versions.nth(1).innerText()).toContain('重大');
    await shot(page, 'incident-page');
    await checkBothLanguages(page, 'incident-page', /宝安大道货车侧翻/);
    expect(errors).toEqual([]);
  });
});
