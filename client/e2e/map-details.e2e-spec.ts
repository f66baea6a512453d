import type { IncidentDto, IncidentIntakeResult } from '@sanfang/shared';
import type { Page } from 'playwright-core';
import { openBrowser, shot, signIn, type ConsoleBrowser } from './helpers/browser';
import { freshFixture, postCap } from './helpers/cap';
import {
  apiLogin,
  apiPost,
  missingPrerequisite,
  startConsoleServer,
  type ConsoleServer,
} from './helpers/console-server';

const missing = missingPrerequisite();
if (missing) console.log(`[skip] browser tests: ${missing}`);
const suite = missing ? describe.skip : describe;

/** The slice of the MapLibre map these tests use (the console exposes it as __sanfangMap). */
interface TestMap {
  project(lngLat: [number, number]): { x: number; y: number };
  getCanvas(): HTMLCanvasElement;
  getZoom(): number;
  jumpTo(o: { center: [number, number]; zoom: number }): void;
  queryRenderedFeatures(
    point?: [number, number] | { layers: string[] },
    o?: { layers: string[] },
  ): {
    id?: string | number;
    layer: { id: string; type: string };
    properties: Record<string, unknown>;
    geometry: { type: string; coordinates: unknown };
  }[];
}
type TestWindow = Window & { __sanfangMap?: TestMap };

// Two incidents 400 m apart: one cluster at district zoom, two points once zoomed in. Away from
// the subdistrict name labels (HTML over the canvas would take the click).
const A: [number, number] = [113.905, 22.64];
const B: [number, number] = [113.9089, 22.64];

/** Where a lon/lat is on the page, from the map's own projection. */
function pixelOf(page: Page, lngLat: [number, number]): Promise<{ x: number; y: number }> {
  return page.evaluate((at) => {
    const map = (window as TestWindow).__sanfangMap!;
    const p = map.project(at);
    const r = map.getCanvas().getBoundingClientRect();
    return { x: r.left + p.x, y: r.top + p.y };
  }, lngLat);
}

/** Resolves once the layer draws a feature with this id (and, if given, this status). */
function drawn(page: Page, layer: string, id: string, status?: string): Promise<unknown> {
  return page.waitForFunction(
    ([layerId, featureId, want]) =>
      (
        (window as TestWindow).__sanfangMap?.queryRenderedFeatures({ layers: [layerId] }) ?? []
      ).some(
        (f) =>
          f.properties.id === featureId && (want === undefined || f.properties.status === want),
      ),
    [layer, id, status] as const,
    { timeout: 15_000, polling: 200 },
  );
}

async function report(url: string, token: string, at: [number, number], title: string) {
  const res = await apiPost(url, '/api/incidents', token, {
    type: 'traffic',
    occurredAt: new Date().toISOString(),
    location: { lon: at[0], lat: at[1], address: `${title}现场` },
    title,
    description: '车辆被困积水中，现场有人员伤亡',
    casualties: { deaths: 1, seriousInjuries: 0, missing: 0, trapped: 2 },
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as IncidentIntakeResult).incident;
}

async function apiGet<T>(url: string, path: string, token: string): Promise<T> {
  const res = await fetch(`${url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  if (!res.ok) throw new Error(`GET ${path}: ${res.status}`);
  return (await res.json()) as T;
}

suite('map feature details in Chromium', () => {
  let server: ConsoleServer;
  let browser: ConsoleBrowser;
  let dutyToken: string;
  let incident: IncidentDto;

  beforeAll(async () => {
    server = await startConsoleServer();
    browser = await openBrowser(server.url);
    dutyToken = await apiLogin(server.url, 'duty');
    incident = await report(server.url, dutyToken, A, '宝安大道下穿隧道车辆被困');
    await report(server.url, dutyToken, B, '留仙大道积水路段车辆熄火');
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const panel = (page: Page, kind: string) =>
    page.locator(`[data-testid=details-panel][data-kind=${kind}]`);

  it('a duty officer opens an incident from its cluster, verifies it and assigns a team; both show live', async () => {
    const page = await browser.newPage();
    await signIn(page, server.url, 'duty');
    await page.locator('[data-testid=live-indicator][data-status=live]').waitFor();

    // At district zoom the two incidents are one cluster; a click on it zooms in.
    await page.waitForFunction(
      () =>
        ((window as TestWindow).__sanfangMap?.queryRenderedFeatures({
          layers: ['incident-clusters'],
        }).length ?? 0) > 0,
      null,
      { timeout: 15_000, polling: 200 },
    );
    const cluster = await page.evaluate(() => {
      const [c] = (window as TestWindow).__sanfangMap!.queryRenderedFeatures({
        layers: ['incident-clusters'],
      });
      return c!.geometry.coordinates as [number, number];
    });
    const zoomBefore = await page.evaluate(() => (window as TestWindow).__sanfangMap!.getZoom());
    await shot(page, '30-incident-cluster');
    const at = await pixelOf(page, cluster);
    await page.mouse.click(at.x, at.y);
    await drawn(page, 'incidents', incident.id);
    expect(
      await page.evaluate(() => (window as TestWindow).__sanfangMap!.getZoom()),
    ).toBeGreaterThan(zoomBefore);
    await page.waitForFunction(() => document.body.dataset.mapReady === '1');
    const zoomedIn = await page.evaluate(() => (window as TestWindow).__sanfangMap!.getZoom());

    const point = await pixelOf(page, A);
    await page.mouse.click(point.x, point.y);
    const details = panel(page, 'incident');
    await details.waitFor({ timeout: 10_000 });
    await expect(details.locator('h2').innerText()).resolves.toBe('宝安大道下穿隧道车辆被困');
    const facts = details.locator('[data-testid=incident-facts]');
    expect(await facts.locator('[data-testid=incident-grade]').getAttribute('data-grade')).toBe(
      'general',
    );
    expect(await facts.locator('[data-testid=incident-status]').innerText()).toBe('已接报');
    expect(await facts.innerText()).toMatch(/交通事故/);
    expect(await facts.innerText()).toMatch(/死亡 1/);
    // Reporting duties of a 一般 incident (seeded rules) with their deadlines.
    const duties = details.locator('[data-testid=incident-duties] li');
    await duties.first().waitFor({ timeout: 10_000 });
    expect(await details.locator('[data-testid=incident-duties]').innerText()).toMatch(
      /电话报告带班领导[\s\S]*剩余/,
    );
    const teams = details.locator('[data-testid=incident-nearest-teams] li');
    await teams.first().waitFor({ timeout: 10_000 });
    // A duty officer may move it forward, assign and mark duties reported.
    expect(
      await details.locator('[data-status-to]').evaluateAll((b) => b.map((e) => e.textContent)),
    ).toEqual(['核实', '开始处置', '处置完毕', '结案']);
    expect(await details.locator('[data-assign-team]').count()).toBe(await teams.count());
    await shot(page, '31-incident-details-duty');

    await details.locator('[data-status-to=verified]').click();
    await details
      .locator('[data-testid=incident-status][data-status=verified]')
      .waitFor({ timeout: 10_000 });
    // The map's copy changes only through the live event, not through our own request.
    await drawn(page, 'incidents', incident.id, 'verified');
    await page
      .locator('[data-testid=event-timeline] .timeline__item', { hasText: '事件状态变化' })
      .filter({ hasText: '宝安大道下穿隧道车辆被困' })
      .first()
      .waitFor({ timeout: 10_000 });
    expect(await details.locator('[data-status-to=verified]').count()).toBe(0);
    const stored = await apiGet<IncidentDto>(
      server.url,
      `/api/incidents/${incident.id}`,
      dutyToken,
    );
    expect(stored.status).toBe('verified');

    // Assign the nearest team: it joins the assigned list from the live event and leaves the
    // standby list.
    const teamId = await teams.first().getAttribute('data-team-id');
    expect(teamId).toBeTruthy();
    await details.locator(`[data-assign-team="${teamId}"]`).click();
    await details
      .locator(`[data-testid=incident-assigned-teams] li[data-team-id="${teamId}"]`)
      .waitFor({ timeout: 10_000 });
    await page.waitForFunction(
      (id) =>
        !document.querySelector(`[data-testid=incident-nearest-teams] li[data-team-id="${id}"]`),
      teamId,
      { timeout: 10_000, polling: 200 },
    );
    expect(await details.locator('[data-testid=action-error]').count()).toBe(0);
    // The team's status change reached the reference layers without re-fitting the view.
    expect(await page.evaluate(() => (window as TestWindow).__sanfangMap!.getZoom())).toBeCloseTo(
      zoomedIn,
      5,
    );
    await shot(page, '32-incident-verified-assigned');
    expect(browser.offOrigin).toEqual([]);
    await page.close();
  });

  it('an admin sees the same incident read-only', async () => {
    const page = await browser.newPage();
    await signIn(page, server.url, 'admin');
    await page.evaluate(
      (at) => (window as TestWindow).__sanfangMap!.jumpTo({ center: at, zoom: 15 }),
      A,
    );
    await drawn(page, 'incidents', incident.id);
    const point = await pixelOf(page, A);
    await page.mouse.click(point.x, point.y);
    const details = panel(page, 'incident');
    await details.locator('[data-testid=incident-status][data-status=verified]').waitFor({
      timeout: 10_000,
    });
    await details.locator('[data-testid=incident-read-only]').waitFor();
    await details.locator('[data-testid=incident-duties] li').first().waitFor({ timeout: 10_000 });
    // Details yes, actions no: only the close button.
    expect(await details.locator('button').evaluateAll((b) => b.map((e) => e.textContent))).toEqual(
      ['×'],
    );
    await shot(page, '33-incident-details-admin');
    await page.close();
  });

  it('a commander opens a CAP warning area: signal, expiry, lineage and the suggestion to accept; the upgrade joins live', async () => {
    const page = await browser.newPage();
    await signIn(page, server.url, 'commander');
    await page.locator('[data-testid=live-indicator][data-status=live]').waitFor();
    // Shifted so the orange update is sent now and the yellow before it; both shifted by the
    // same delta up front, so the update's references name the alert exactly as it was sent.
    const base = '2025-06-11T15:20:00+08:00';
    const yellow = freshFixture('rainstorm-chain', '01-yellow.xml', base);
    const orange = freshFixture('rainstorm-chain', '02-orange.xml', base);
    expect((await postCap(server.url, yellow)).status).toBe(201);
    await page.waitForFunction(
      () =>
        ((window as TestWindow).__sanfangMap?.queryRenderedFeatures({ layers: ['warning-fill'] })
          .length ?? 0) > 0,
      null,
      { timeout: 10_000, polling: 200 },
    );
    // A spot inside the warning area with no point drawn on it and nothing over the canvas.
    const spot = await page.evaluate(() => {
      const map = (window as TestWindow).__sanfangMap!;
      const canvas = map.getCanvas();
      const r = canvas.getBoundingClientRect();
      for (let y = 20; y < r.height - 20; y += 15)
        for (let x = 20; x < r.width - 20; x += 15) {
          const hits = map.queryRenderedFeatures([x, y]);
          if (!hits.some((f) => f.layer.id === 'warning-fill')) continue;
          if (hits.some((f) => f.layer.type === 'circle')) continue;
          if (document.elementFromPoint(r.left + x, r.top + y) !== canvas) continue;
          return { x: r.left + x, y: r.top + y };
        }
      return null;
    });
    expect(spot).not.toBeNull();
    await page.mouse.click(spot!.x, spot!.y);
    const details = panel(page, 'warning');
    await details.waitFor({ timeout: 10_000 });
    expect(await details.locator('h2').innerText()).toMatch(/暴雨黄色预警/);
    expect(await details.locator('[data-testid=warning-signal]').getAttribute('data-colour')).toBe(
      'yellow',
    );
    expect(await details.locator('[data-testid=warning-state]').innerText()).toBe('生效中');
    expect(await details.locator('[data-testid=warning-expires]').innerText()).toMatch(
      /剩余 \d+:\d\d:\d\d/,
    );
    await details.locator('[data-testid=warning-lineage] li[data-msg-type=Alert]').waitFor({
      timeout: 10_000,
    });
    // Its CAP identity (sender · identifier · sent) and that it came unsigned.
    expect(await details.locator('[data-testid=warning-identity]').innerText()).toMatch(
      /^44030041600000 · 44030041600000_\d{14} · 发送于 \d{4}-\d\d-\d\d \d\d:\d\d$/,
    );
    expect(await details.locator('[data-testid=warning-signature]').innerText()).toBe('无签名');
    // The suggestion the warning raised, with the commander's accept and dismiss.
    const suggestion = details.locator('[data-testid=warning-suggestions] [data-suggestion-id]');
    await suggestion.first().waitFor({ timeout: 10_000 });
    expect(await suggestion.first().locator('button').allInnerTexts()).toEqual(['采纳', '不采纳']);
    await shot(page, '34-warning-details-commander');

    expect((await postCap(server.url, orange)).status).toBe(201);
    await details.locator('[data-testid=warning-lineage] li[data-msg-type=Update]').waitFor({
      timeout: 10_000,
    });
    await details.locator('[data-testid=warning-signal][data-colour=orange]').waitFor({
      timeout: 10_000,
    });
    expect(await details.locator('[data-testid=warning-lineage] li').count()).toBe(2);
    await shot(page, '35-warning-upgraded-live');
    expect(browser.offOrigin).toEqual([]);
    await page.close();
  });
});
