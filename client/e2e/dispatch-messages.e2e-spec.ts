import type { DispatchDto, ResponseDto } from '@sanfang/shared';
import type { Page } from 'playwright-core';
import { Smsc } from '../../server/bench/lib/smsc';
import { openBrowser, shot, signIn, type ConsoleBrowser } from './helpers/browser';
import {
  apiLogin,
  apiPost,
  missingPrerequisite,
  startConsoleServer,
  type ConsoleServer,
} from './helpers/console-server';
import { axeViolations, consoleErrors, switchLanguage } from './helpers/pageChecks';

const missing = missingPrerequisite();
if (missing) console.log(`[skip] browser tests: ${missing}`);
const suite = missing ? describe.skip : describe;
const TEST_MS = 300_000;
const SUBDISTRICT = '440306001';

/**
 * A call-out's messages on the dispatch board, as a duty officer reads them: sent over SMPP to a
 * gateway (an SMSC in this process) that is down at first, so the messages wait in the queue;
 * once it is up they are submitted and receipted, and the open view follows without a reload.
 */
suite("a call-out's messages and their delivery, live, in Chromium", () => {
  let server: ConsoleServer;
  let browser: ConsoleBrowser;
  let smsc: Smsc;
  let port: number;
  let dispatches: DispatchDto[];
  let dispatch: DispatchDto;

  beforeAll(async () => {
    smsc = new Smsc({ rate: 200 });
    port = await smsc.listen();
    await smsc.down();
    server = await startConsoleServer({
      NOTIFY_CHANNEL: 'smpp',
      SMPP_URL: smsc.url(
        'source=12110&rate=200&window=10&connect_wait_s=1&reconnect_min_ms=100&reconnect_max_ms=500',
      ),
      ACK_DEADLINE_S: '600',
    });
    browser = await openBrowser(server.url);
    const commander = await apiLogin(server.url, 'commander');
    const res = await apiPost(server.url, '/api/responses', commander, {
      hazard: 'flood',
      level: 'IV',
      reason: '暴雨黄色预警',
      subdistrictCodes: [SUBDISTRICT],
    });
    expect(res.status).toBe(201);
    const r = (await res.json()) as ResponseDto;
    const duty = await apiLogin(server.url, 'duty');
    dispatches = (await (
      await fetch(`${server.url}/api/dispatches?responseId=${r.id}`, {
        headers: { authorization: `Bearer ${duty}` },
      })
    ).json()) as DispatchDto[];
    expect(dispatches.length).toBeGreaterThan(0);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await smsc?.down();
  });

  /** Opens the chosen call-out's messages (its row is at the top of the board: same deadlines). */
  const open = async (page: Page) => {
    const row = page.locator(`[data-testid=dispatch-board] [data-dispatch-id="${dispatch.id}"]`);
    await row.waitFor({ timeout: 30_000 });
    await row.locator('[data-testid=dispatch-messages-toggle]').click();
    await page.locator('[data-testid=dispatch-messages]').waitFor();
  };
  const states = (page: Page) =>
    page
      .locator('[data-testid=dispatch-message]')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-delivery-state')));

  it(
    'a duty officer sees the call-out queued while the gateway is down, then delivered live',
    async () => {
      const page = await browser.newPage();
      const errors = consoleErrors(page);
      await signIn(page, server.url, 'duty');
      await page.locator('[data-testid=live-indicator][data-status=live]').waitFor();
      const top = page.locator('[data-testid=dispatch-board] .dispatch-row').first();
      await top.waitFor({ timeout: 30_000 });
      const topId = await top.getAttribute('data-dispatch-id');
      dispatch = dispatches.find((d) => d.id === topId)!;
      expect(dispatch).toBeDefined();
      await open(page);
      const first = page.locator('[data-testid=dispatch-message]').first();
      await page
        .locator('[data-testid=dispatch-message][data-delivery-state=queued]')
        .first()
        .waitFor({ timeout: 30_000 });
      expect(await states(page)).not.toContain('delivered');
      expect(await page.locator('[data-testid=dispatch-messages]').innerText()).toContain('排队中');
      expect(await first.locator('[data-testid=dispatch-message-recipient]').innerText()).toContain(
        dispatch.contactName,
      );
      expect(await first.innerText()).toContain(dispatch.phone);
      expect(await axeViolations(page)).toEqual([]);
      await switchLanguage(page, 'en');
      await open(page);
      await page.locator('[data-testid=dispatch-message]', { hasText: 'Queued' }).first().waitFor();
      expect(await axeViolations(page)).toEqual([]);
      await switchLanguage(page, 'zh-CN');
      await open(page);
      await shot(page, 'dispatch-messages-queued');

      // The gateway comes up: the queue drains, receipts arrive, the open view follows.
      await smsc.listen(port);
      await page.waitForFunction(
        () => {
          const rows = Array.from(document.querySelectorAll('[data-testid=dispatch-message]'));
          return (
            rows.length > 0 &&
            rows.every((r) => r.getAttribute('data-delivery-state') === 'delivered')
          );
        },
        null,
        { timeout: 60_000 },
      );
      expect(await first.innerText()).toContain('已送达');
      expect(await first.locator('.dispatch-messages__gateway').innerText()).toMatch(/\d/);
      expect(await axeViolations(page)).toEqual([]);
      await shot(page, 'dispatch-messages-delivered');
      expect(errors).toEqual([]);
      expect(browser.offOrigin).toEqual([]);
      await page.close();
    },
    TEST_MS,
  );
});
