import type { Page, WebSocketRoute } from 'playwright-core';
import { openBrowser, shot, signIn, type ConsoleBrowser, uncoveredChars } from './helpers/browser';
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

/** Rendered (not just loaded) features of a map layer, read from MapLibre itself. */
const rendered = (page: Page, layer: string): Promise<number> =>
  page.evaluate((id) => {
    const map = (
      window as unknown as {
        __sanfangMap?: { queryRenderedFeatures(o: { layers: string[] }): unknown[] };
      }
    ).__sanfangMap;
    return map ? map.queryRenderedFeatures({ layers: [id] }).length : -1;
  }, layer);

const timelineCount = (page: Page, text: string): Promise<number> =>
  page.locator('[data-testid=event-timeline] .timeline__detail', { hasText: text }).count();

suite('duty console in Chromium', () => {
  let server: ConsoleServer;
  let browser: ConsoleBrowser;
  let page: Page;
  let dutyToken: string;

  beforeAll(async () => {
    server = await startConsoleServer();
    browser = await openBrowser(server.url);
    dutyToken = await apiLogin(server.url, 'duty');
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('signs a duty officer in and renders the seeded district layers, with no request off the origin', async () => {
    page = await browser.newPage();
    await signIn(page, server.url, 'duty');
    await shot(page, '01-map');
    expect(await rendered(page, 'subdistrict-fill')).toBeGreaterThanOrEqual(10);
    expect(await rendered(page, 'shelters')).toBeGreaterThan(50);
    expect(await rendered(page, 'rescue-teams')).toBeGreaterThan(100);
    expect(await rendered(page, 'warehouses')).toBeGreaterThan(50);
    const points =
      (await rendered(page, 'waterlogging-points')) +
      (await rendered(page, 'waterlogging-clusters'));
    expect(points).toBeGreaterThan(0);
    await page.locator('[data-testid=live-indicator][data-status=live]').waitFor();
    expect(browser.offOrigin).toEqual([]);
  });

  it('renders Chinese with the font the console serves, in the UI and the map labels', async () => {
    const fonts: { url: string; type: string | null; cache: string | null }[] = [];
    const p = await browser.newPage();
    p.on('response', (r) => {
      if (r.url().endsWith('.woff2'))
        fonts.push({
          url: r.url(),
          type: r.headers()['content-type'] ?? null,
          cache: r.headers()['cache-control'] ?? null,
        });
    });
    await signIn(p, server.url, 'duty');
    await p.locator('.subdistrict-label').first().waitFor();
    const used = await p.evaluate(async () => {
      await document.fonts.ready;
      const covers = (range: string, cp: number) =>
        range.split(',').some((part) => {
          const [a, b] = part.trim().replace(/^U\+/i, '').split('-');
          const lo = parseInt(a ?? '', 16);
          return cp >= lo && cp <= (b ? parseInt(b, 16) : lo);
        });
      const cp = '宝'.codePointAt(0)!;
      const faces: FontFace[] = [];
      document.fonts.forEach((f) => faces.push(f));
      const loaded = faces.filter(
        (f) => f.family.replace(/"/g, '') === 'Noto Sans SC Variable' && f.status === 'loaded',
      );
      const label = document.querySelector('.subdistrict-label')!;
      return {
        body: getComputedStyle(document.body).fontFamily,
        label: getComputedStyle(label).fontFamily,
        labelText: label.textContent,
        cjkLoaded: loaded.some((f) => covers(f.unicodeRange, cp)),
      };
    });
    expect(used.body).toMatch(/^"?Noto Sans SC Variable"?,/);
    expect(used.label).toMatch(/^"?Noto Sans SC Variable"?,/);
    expect(used.labelText).toMatch(/[\u4e00-\u9fff]/);
    // A unicode-range subset loads only once text in its range is laid out with it.
    expect(used.cjkLoaded).toBe(true);
    // Every character on the page has a glyph in the served font: none is left to the PC's
    // fonts (an emoji, say, would be a box on a PC without an emoji font).
    expect(await uncoveredChars(p)).toEqual([]);
    expect(fonts.length).toBeGreaterThan(0);
    for (const f of fonts) {
      expect(f.url.startsWith(server.url)).toBe(true);
      expect(f.type).toBe('font/woff2');
      expect(f.cache).toBe('public, max-age=31536000, immutable');
    }
    await shot(p, '01b-font');
    await p.close();
    expect(browser.offOrigin).toEqual([]);
  });

  it('answers refused bodies as the API documents them, in the started console', async () => {
    // `node server/dist/main.js` serves the built client too; its static serving once turned
    // these into `404 Cannot POST /api/feeds/cap`.
    const post = (type: string, body: string) =>
      fetch(`${server.url}/api/feeds/cap`, {
        method: 'POST',
        headers: { authorization: 'Bearer demo-feed', 'content-type': type },
        body,
      });
    for (const type of ['application/cap+xml', 'application/xml', 'text/xml']) {
      const res = await post(type, `<alert>${'a'.repeat(1_100_000)}</alert>`);
      expect([type, res.status, await res.json()]).toEqual([
        type,
        413,
        { code: 'PAYLOAD_TOO_LARGE', message: 'The request body is larger than allowed' },
      ]);
    }
    const bad = await fetch(`${server.url}/api/incidents`, {
      method: 'POST',
      headers: { authorization: `Bearer ${dutyToken}`, 'content-type': 'application/json' },
      body: '{"title": ',
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { code: string }).code).toBe('VALIDATION_FAILED');
    expect((await fetch(`${server.url}/ack/some-token`)).headers.get('content-type')).toMatch(
      /^text\/html/,
    );
  });

  it('shows a notice posted through the API in the timeline without a reload', async () => {
    const res = await apiPost(server.url, '/api/notices', dutyToken, {
      text: '请各街道加强下穿隧道巡查',
      level: 'warning',
    });
    expect(res.status).toBe(201);
    await page
      .locator('.timeline__detail', { hasText: '请各街道加强下穿隧道巡查' })
      .waitFor({ timeout: 10_000 });
    await shot(page, '02-notice-live');
  });

  it('catches up after the socket is cut and restored: every event once', async () => {
    let cut = false;
    const open = new Set<WebSocketRoute>();
    await page
      .context()
      .route('**/api/socket.io/**', (route) => (cut ? route.abort() : route.continue()));
    await page.context().routeWebSocket('**/api/socket.io/**', (ws) => {
      if (cut) {
        void ws.close();
        return;
      }
      ws.connectToServer();
      open.add(ws);
    });
    // Reconnect once so the live socket runs through the route, then cut it.
    await page.reload();
    await page.waitForFunction(() => document.body.dataset.mapReady === '1', null, {
      timeout: 60_000,
    });
    await page.locator('[data-testid=live-indicator][data-status=live]').waitFor();
    // A reload keeps the shift's recent timeline.
    await page
      .locator('.timeline__detail', { hasText: '请各街道加强下穿隧道巡查' })
      .waitFor({ timeout: 10_000 });
    cut = true;
    for (const ws of open) await ws.close();
    await page.locator('[data-testid=live-indicator][data-status=offline]').waitFor();

    const texts = Array.from({ length: 5 }, (_, i) => `断线期间通知 ${i}`);
    for (const text of texts)
      expect((await apiPost(server.url, '/api/notices', dutyToken, { text })).status).toBe(201);
    await shot(page, '03-cut');

    cut = false;
    await page
      .locator('[data-testid=live-indicator][data-status=live]')
      .waitFor({ timeout: 30_000 });
    await page.locator('.timeline__detail', { hasText: texts[4]! }).waitFor({ timeout: 10_000 });
    for (const text of texts) expect(await timelineCount(page, text)).toBe(1);
    await shot(page, '04-restored');
    expect(browser.offOrigin).toEqual([]);
  });
});
