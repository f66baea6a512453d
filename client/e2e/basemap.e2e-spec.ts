import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { openBrowser, shot, signIn, type ConsoleBrowser } from './helpers/browser';
import {
  missingPrerequisite,
  startConsoleServer,
  type ConsoleServer,
} from './helpers/console-server';

const missing = missingPrerequisite();
if (missing) console.log(`[skip] browser tests: ${missing}`);
const suite = missing ? describe.skip : describe;

// A 1×1 grey PNG: MapLibre draws any tile image size.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
const ATTRIBUTION = '© 宝安区测绘 Test Tiles <b>';

/** The district's intranet tile server, played by this test process. */
function startTileServer(): Promise<{ server: Server; origin: string; requests: string[] }> {
  const requests: string[] = [];
  const server = createServer((req, res) => {
    requests.push(req.url ?? '');
    if (!/^\/tiles\/\d+\/\d+\/\d+\.png$/.test(req.url ?? '')) {
      res.writeHead(404).end();
      return;
    }
    // Tiles are fetched cross-origin from the console's page.
    res.writeHead(200, { 'content-type': 'image/png', 'access-control-allow-origin': '*' });
    res.end(PNG);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        server,
        origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        requests,
      }),
    ),
  );
}

suite('TILE_URL: the intranet basemap', () => {
  let tiles: Awaited<ReturnType<typeof startTileServer>>;
  let server: ConsoleServer;
  let browser: ConsoleBrowser;
  let page: Page;

  beforeAll(async () => {
    tiles = await startTileServer();
    server = await startConsoleServer({
      TILE_URL: `${tiles.origin}/tiles/{z}/{x}/{y}.png`,
      TILE_ATTRIBUTION: ATTRIBUTION,
    });
    browser = await openBrowser(server.url);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await new Promise((r) => tiles?.server.close(r));
  });

  it('the console draws tiles from TILE_URL under its layers and credits them', async () => {
    const config = (await (await fetch(`${server.url}/api/client-config`)).json()) as unknown;
    expect(config).toEqual({
      basemap: { tileUrl: `${tiles.origin}/tiles/{z}/{x}/{y}.png`, attribution: ATTRIBUTION },
    });
    page = await browser.newPage();
    await signIn(page, server.url, 'duty');
    // The map asked the tile server for tiles of the district (zoom 9–12 at this viewport).
    await page.waitForFunction(
      () =>
        (
          window as unknown as { __sanfangMap?: { getLayer(id: string): unknown } }
        ).__sanfangMap?.getLayer('basemap') !== undefined,
    );
    const deadline = Date.now() + 30_000;
    while (tiles.requests.filter((u) => u.endsWith('.png')).length === 0 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 100));
    const tileRequests = tiles.requests.filter((u) => /^\/tiles\/\d+\/\d+\/\d+\.png$/.test(u));
    expect(tileRequests.length).toBeGreaterThan(0);
    // The only requests off the console's origin are tiles from TILE_URL.
    expect(browser.offOrigin.length).toBeGreaterThan(0);
    for (const u of browser.offOrigin)
      expect(u).toMatch(new RegExp(`^${tiles.origin}/tiles/\\d+/\\d+/\\d+\\.png$`));
    // The credit is shown as text (the operator's "<b>" is not markup).
    await page
      .locator('.maplibregl-ctrl-attrib', { hasText: '© 宝安区测绘 Test Tiles <b>' })
      .waitFor();
    // The console's own layers are still drawn over the tiles.
    const layers = await page.evaluate(() =>
      (
        window as unknown as { __sanfangMap?: { getStyle(): { layers: { id: string }[] } } }
      ).__sanfangMap
        ?.getStyle()
        .layers.map((l) => l.id),
    );
    expect(layers?.indexOf('basemap')).toBe((layers?.indexOf('district-fill') ?? 0) - 1);
    await shot(page, 'basemap-tiles');
  });
});
