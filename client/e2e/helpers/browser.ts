import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const ARTIFACTS = join(__dirname, '../../../artifacts/e2e');

export interface ConsoleBrowser {
  context: BrowserContext;
  /** Every request that left the console's own origin. */
  offOrigin: string[];
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

/**
 * Debian's Chromium, headless, with a fresh profile and no background traffic; WebGL through
 * SwiftShader (software) so MapLibre renders without a GPU.
 */
export async function openBrowser(origin: string): Promise<ConsoleBrowser> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const context = await chromium.launchPersistentContext(
    mkdtempSync(join(tmpdir(), 'sanfang-chromium-')),
    {
      executablePath: '/usr/bin/chromium',
      headless: true,
      viewport: { width: 1400, height: 900 },
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--use-angle=swiftshader',
        '--enable-unsafe-swiftshader',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  );
  const offOrigin: string[] = [];
  context.on('request', (r) => {
    const u = r.url();
    if (!u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:'))
      offOrigin.push(u);
  });
  return {
    context,
    offOrigin,
    newPage: () => context.newPage(),
    close: () => context.close(),
  };
}

export async function signIn(page: Page, url: string, username: string): Promise<void> {
  await page.goto(url);
  await page.locator('input').first().fill(username);
  await page.locator('input[type=password]').fill('demo');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.body.dataset.mapReady === '1', null, {
    timeout: 60_000,
  });
}

export const shot = (page: Page, name: string): Promise<Buffer> =>
  page.screenshot({ path: join(ARTIFACTS, `${name}.png`) });

/** The console's own font family (served from /assets, see client/src/styles.css). */
export const UI_FONT = 'Noto Sans SC Variable';

/**
 * Characters on the page that no face of the served font covers: these would fall back to the
 * PC's own fonts, and show as boxes on a PC without them.
 */
export const uncoveredChars = (page: Page): Promise<string[]> =>
  page.evaluate(async (family) => {
    await document.fonts.ready;
    const covers = (range: string, cp: number) =>
      range.split(',').some((part) => {
        const [a, b] = part.trim().replace(/^U\+/i, '').split('-');
        const lo = parseInt(a ?? '', 16);
        return cp >= lo && cp <= (b ? parseInt(b, 16) : lo);
      });
    const ours: FontFace[] = [];
    document.fonts.forEach((f) => {
      if (f.family.replace(/"/g, '') === family) ours.push(f);
    });
    const chars = [...new Set(Array.from(document.body.innerText.replace(/\s/g, '')))];
    return chars.filter((ch) => !ours.some((f) => covers(f.unicodeRange, ch.codePointAt(0)!)));
  }, UI_FONT);
