import {
  DEFAULT_INCIDENT_SETTINGS,
  DISTRICT_BBOX,
  type IncidentIntakeResult,
  type RescueTeamCollection,
} from '@sanfang/shared';
import type { Page } from 'playwright-core';
import { openBrowser, shot, signIn, type ConsoleBrowser } from './helpers/browser';
import {
  apiLogin,
  apiPost,
  missingPrerequisite,
  startConsoleServer,
  type ConsoleServer,
} from './helpers/console-server';
import { checkBothLanguages } from './helpers/deskPage';
import { axeViolations, consoleErrors } from './helpers/pageChecks';

const missing = missingPrerequisite();
if (missing) console.log(`[skip] browser tests: ${missing}`);
const suite = missing ? describe.skip : describe;
/** Each language switch reloads the whole console, map included: slow on a loaded machine. */
const TEST_MS = 300_000;

interface TestMap {
  jumpTo(o: { center: [number, number]; zoom: number }): void;
  queryRenderedFeatures(o: { layers: string[] }): {
    properties: Record<string, unknown>;
    geometry: { coordinates: unknown };
  }[];
}
type TestWindow = Window & { __sanfangMap?: TestMap };

const AT: [number, number] = [113.905, 22.64];
const inDistrict = (lon: number, lat: number) =>
  lon > DISTRICT_BBOX[0] &&
  lon < DISTRICT_BBOX[2] &&
  lat > DISTRICT_BBOX[1] &&
  lat < DISTRICT_BBOX[3];

/** Resolves once the district map draws the team within ~20 m of `at`. */
function teamDrawnAt(page: Page, teamId: string, at: [number, number]): Promise<unknown> {
  return page.waitForFunction(
    ([id, lon, lat]) =>
      (
        (window as TestWindow).__sanfangMap?.queryRenderedFeatures({ layers: ['rescue-teams'] }) ??
        []
      ).some((f) => {
        const [x, y] = f.geometry.coordinates as [number, number];
        return f.properties.id === id && Math.abs(x - lon) < 2e-4 && Math.abs(y - lat) < 2e-4;
      }),
    [teamId, at[0], at[1]] as const,
    { timeout: 20_000, polling: 250 },
  );
}

/** The incident page's nearest teams and reports; a team's position picked on a map. */
suite('incident teams and team positions in Chromium', () => {
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

  it(
    'enters an incident; its page lists the reports as received and the nearest teams; one is selected on the map',
    async () => {
      const page = await browser.newPage();
      const errors = consoleErrors(page);
      // Storm mode: a second report from another system nearby joins the incident.
      const admin = await apiLogin(server.url, 'admin');
      const put = await fetch(`${server.url}/api/incident-config/settings`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
        body: JSON.stringify({ ...DEFAULT_INCIDENT_SETTINGS, stormMode: true }),
      });
      expect(put.status).toBe(200);

      await signIn(page, server.url, 'duty');
      await page.goto(`${server.url}/incidents/new`);
      const form = page.locator('[data-testid=incident-form]');
      await form.waitFor();
      await form.getByLabel('类型').selectOption('ground_collapse');
      await form.getByLabel('标题').fill('福永街道路面塌陷');
      await form.getByLabel('经度').fill(String(AT[0]));
      await form.getByLabel('纬度').fill(String(AT[1]));
      await form.getByRole('button', { name: '核对等级和报送要求' }).click();
      await page.locator('[data-testid=incident-save]').click();
      await page
        .locator('[data-testid=incident-title]')
        .filter({ hasText: '福永街道路面塌陷' })
        .waitFor();
      const incidentId = new URL(page.url()).pathname.split('/')[2]!;

      // The report it was entered with, from the console.
      const reports = page.locator('[data-testid=incident-reports] tbody tr');
      await reports.first().waitFor();
      expect(await reports.count()).toBe(1);
      expect(await reports.first().getAttribute('data-report-source')).toBe('console');

      // A hotline report 40 m away joins it: the page shows it live, with its source and time.
      const feed = await apiPost(server.url, '/api/feeds/incidents', 'demo-feed', {
        source: 'hotline-12345',
        externalId: 'HL-778',
        type: 'ground_collapse',
        occurredAt: new Date().toISOString(),
        location: { lon: AT[0] + 0.0004, lat: AT[1] },
        // No casualties: a report with casualties the incident lacks would open its own.
        description: '市民来电：路面塌陷，一辆电动车陷进坑里',
      });
      const merged = (await feed.json()) as IncidentIntakeResult;
      expect(merged.merged).toBe(true);
      expect(merged.incident.id).toBe(incidentId);
      const hotline = page.locator(
        '[data-testid=incident-reports] tr[data-report-source=hotline-12345]',
      );
      await hotline.waitFor({ timeout: 15_000 });
      expect(await hotline.innerText()).toContain('HL-778');
      expect(await hotline.innerText()).toContain('一辆电动车陷进坑里');
      expect(await hotline.locator('time').getAttribute('datetime')).toMatch(/^\d{4}-\d\d-\d\dT/);

      // The nearest teams: standby first, each with its status and distance, nearest first.
      const teams = page.locator('[data-testid=incident-page-teams] tbody tr');
      await teams.first().waitFor();
      expect(await teams.count()).toBeGreaterThan(1);
      const km = (await teams.locator('td:nth-child(3)').allInnerTexts()).map((s) => parseFloat(s));
      const standby = (await teams.evaluateAll((rows) =>
        rows.map((r) => r.getAttribute('data-status')),
      )) as string[];
      const firstBusy = standby.findIndex((s) => s !== 'standby');
      const standbyKm = firstBusy === -1 ? km : km.slice(0, firstBusy);
      expect(standbyKm).toEqual([...standbyKm].sort((a, b) => a - b));
      expect(standby[0]).toBe('standby');
      expect(await teams.first().innerText()).toContain('待命');
      await shot(page, 'incident-page-teams-reports');
      await checkBothLanguages(page, 'incident-page', /福永街道路面塌陷/);

      // Select the nearest team on the map: the deep link opens it in the map's details panel.
      const first = teams.first();
      const teamId = (await first.getAttribute('data-team-id'))!;
      const teamName = (await first.locator('td').first().innerText()).split(/\s/)[0]!;
      await first.locator(`[data-select-team="${teamId}"]`).click();
      await page.waitForURL((u) => u.searchParams.get('select') === `team:${teamId}`);
      const panel = page.locator('[data-testid=details-panel][data-kind=team]');
      await panel.waitFor();
      expect(await panel.locator('h2').innerText()).toContain(teamName);
      expect(await axeViolations(page)).toEqual([]);
      expect(errors).toEqual([]);
      await page.close();
    },
    TEST_MS,
  );

  it(
    "sets a team's position with a click on the map (and with the keyboard); its marker moves",
    async () => {
      const page = await browser.newPage();
      const errors = consoleErrors(page);
      const token = await apiLogin(server.url, 'duty');
      const all = (await fetch(`${server.url}/api/rescue-teams`, {
        headers: { authorization: `Bearer ${token}` },
      }).then((r) => r.json())) as RescueTeamCollection;
      const team = all.features[0]!.properties;

      await signIn(page, server.url, 'duty');
      await page.goto(`${server.url}/resources/teams/${team.id}`);
      const form = page.locator('[data-testid=team-position-form]');
      const picker = form.locator('[data-testid=team-position-picker][data-ready="1"]');
      await picker.waitFor();
      const lonField = form.getByLabel('经度');
      const latField = form.getByLabel('纬度');
      const marker = picker.locator('.maplibregl-marker');

      // A click puts the team there: the fields show it and the marker stands at the click.
      await picker.scrollIntoViewIfNeeded();
      const box = (await picker.boundingBox())!;
      // Off centre, inside the district (which the picker fits into its height).
      const click = { x: box.x + box.width / 2 - 30, y: box.y + box.height / 2 + 25 };
      await page.mouse.click(click.x, click.y);
      await marker.waitFor();
      const lon = Number(await lonField.inputValue());
      const lat = Number(await latField.inputValue());
      expect(inDistrict(lon, lat)).toBe(true);
      const pin = (await marker.boundingBox())!;
      // MapLibre's default marker stands on its tip, just above its shadow at the bottom.
      expect(Math.abs(pin.x + pin.width / 2 - click.x)).toBeLessThan(3);
      expect(Math.abs(pin.y + pin.height - click.y)).toBeLessThan(10);

      // From the keyboard: arrow keys pan the focused map, Enter picks its centre.
      await picker.locator('canvas').focus();
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('Enter');
      await page.waitForFunction(
        (before) =>
          (document.querySelector<HTMLInputElement>('[data-testid=team-position-form] input')
            ?.value ?? '') !== before,
        String(lon),
      );
      const keyLon = Number(await lonField.inputValue());
      const keyLat = Number(await latField.inputValue());
      expect(inDistrict(keyLon, keyLat)).toBe(true);

      // Typing still works too, and the marker follows the typed point.
      const pinBefore = (await marker.boundingBox())!;
      await lonField.fill(String(lon));
      await latField.fill(String(lat));
      await page.waitForFunction((x) => {
        const m = document.querySelector('[data-testid=team-position-picker] .maplibregl-marker');
        return m !== null && Math.abs(m.getBoundingClientRect().x - x) > 2;
      }, pinBefore.x);

      await form.getByRole('button', { name: '保存' }).click();
      const row = page.locator(`[data-testid=team-row-${team.code}]`);
      await row.filter({ hasText: `${lon.toFixed(5)}, ${lat.toFixed(5)}` }).waitFor();
      await shot(page, 'team-position-picked');
      await checkBothLanguages(page, 'page-teams', /Rescue teams/);

      // On the district map the team's marker now stands at the picked point.
      await page.locator('[data-testid=team-on-map]').click();
      await page.waitForURL((u) => u.searchParams.get('select') === `team:${team.id}`);
      await page.locator('.console__main').waitFor({ state: 'visible' });
      await page.evaluate(
        (at) => (window as TestWindow).__sanfangMap!.jumpTo({ center: at, zoom: 15 }),
        [lon, lat] as [number, number],
      );
      await teamDrawnAt(page, team.id, [lon, lat]);
      expect(errors).toEqual([]);
      await page.close();
    },
    TEST_MS,
  );
});
