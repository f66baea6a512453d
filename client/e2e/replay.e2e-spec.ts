import { readFileSync } from 'node:fs';
import type {
  DispatchDto,
  NotificationDto,
  ResponseDto,
  SubdistrictCollection,
} from '@sanfang/shared';
import type { Page } from 'playwright-core';
import { freshFixture, postCap } from './helpers/cap';
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

// Fire and rescue have 4 s to acknowledge: their call-outs go overdue (an escalation, a mark).
const FIRE_ACK_S = 4;

async function apiGet<T>(url: string, path: string, token: string): Promise<T> {
  const res = await fetch(`${url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  if (!res.ok) throw new Error(`GET ${path}: ${res.status}`);
  return (await res.json()) as T;
}

async function until(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

const iso = (ms: number) =>
  new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
const replayUrl = (url: string, from: number, to: number, at?: number) =>
  `${url}/replay?${new URLSearchParams({
    replay: `${iso(from)}..${iso(to)}`,
    ...(at === undefined ? {} : { at: iso(at) }),
  }).toString()}`;

/** The replayed console (not the live one beside it). */
const replayed = (page: Page, selector: string) =>
  page.locator(`[data-testid=replay-console] ${selector}`);
const replayCount = (page: Page, name: string): Promise<number> =>
  replayed(page, `[data-testid=dispatch-counts] [data-count=${name}] dd`).innerText().then(Number);
/** The moment the replayed console shows (ms), once its state has landed. */
const shownAt = (page: Page): Promise<number> =>
  page
    .locator('[data-testid=replay-console][aria-busy=false]')
    .getAttribute('data-at')
    .then(Number);
const urlAt = (page: Page): number => Date.parse(new URL(page.url()).searchParams.get('at') ?? '');

suite('after-action review (复盘) in Chromium', () => {
  let server: ConsoleServer;
  let browser: ConsoleBrowser;
  let commander: string;
  let admin: string;
  let response: ResponseDto;
  let callouts: DispatchDto[];
  /** The scenario's range: from before the warning to after the stand-down. */
  let from: number;
  let to: number;
  /** A moment just after the acknowledgement (and before the stand-down). */
  let acknowledgedBy: number;

  beforeAll(async () => {
    server = await startConsoleServer({ ACK_DEADLINE_S_BY_ROLE: `fire_rescue=${FIRE_ACK_S}` });
    browser = await openBrowser(server.url);
    commander = await apiLogin(server.url, 'commander');
    admin = await apiLogin(server.url, 'admin');
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('the live console offers 复盘 on a running response, its range from before the start', async () => {
    // Whole seconds, as links carry them.
    from = Math.floor((Date.now() - 2_000) / 1000) * 1000;
    // A rainstorm warning, then a flood response for one subdistrict: its call-outs.
    const base = '2025-06-11T15:20:00+08:00';
    expect(
      (await postCap(server.url, freshFixture('rainstorm-chain', '01-yellow.xml', base))).status,
    ).toBe(201);
    await new Promise((r) => setTimeout(r, 1_500));
    const subdistricts = await apiGet<SubdistrictCollection>(
      server.url,
      '/api/subdistricts',
      admin,
    );
    const code = subdistricts.features[0]!.properties.code;
    const started = await apiPost(server.url, '/api/responses', commander, {
      hazard: 'flood',
      level: 'IV',
      reason: '复盘测试：防汛IV级',
      subdistrictCodes: [code],
      preemptive: false,
    });
    expect(started.status).toBe(201);
    response = (await started.json()) as ResponseDto;
    let seen = -1;
    callouts = [];
    while (callouts.length === 0 || seen !== callouts.length) {
      seen = callouts.length;
      await new Promise((r) => setTimeout(r, 1_000));
      callouts = await apiGet<DispatchDto[]>(
        server.url,
        `/api/dispatches?responseId=${response.id}&limit=10000`,
        admin,
      );
    }
    expect(callouts.length).toBeGreaterThan(4);

    const page = await browser.newPage();
    await signIn(page, server.url, 'duty');
    const link = page.locator(
      `[data-testid=responses-panel] [data-response-id="${response.id}"] [data-testid=response-replay]`,
    );
    await link.click();
    await page.locator('[data-testid=replay-page]').waitFor();
    const range = new URL(page.url()).searchParams.get('replay')!.split('..');
    expect(Date.parse(range[0]!)).toBe(
      Date.parse(iso(Date.parse(response.startedAt) - 30 * 60_000)),
    );
    expect(Date.parse(range[1]!)).toBeGreaterThan(Date.parse(response.startedAt));
    // Opened at the range's start: half an hour before the response, none is shown.
    await page.locator('[data-testid=replay-console][aria-busy=false]').waitFor();
    expect(await replayed(page, '[data-response-id]').count()).toBe(0);
    // The live console keeps its response beside it (hidden under the page, still mounted).
    expect(await page.locator(`main [data-response-id="${response.id}"]`).count()).toBe(1);
    await page.close();
  });

  it('records an overdue, then an acknowledgement and the stand-down for the rest of the review', async () => {
    // Fire and rescue's window runs out: escalated.
    await until(
      async () => {
        const list = await apiGet<DispatchDto[]>(
          server.url,
          `/api/dispatches?responseId=${response.id}&limit=10000`,
          admin,
        );
        return list.some((d) => d.ackEscalationStep > 0);
      },
      (FIRE_ACK_S + 20) * 1000,
    );
    // Then a non-fire contact acknowledges on their link.
    const other = callouts.find((d) => d.role !== 'fire_rescue')!;
    const notes = await apiGet<NotificationDto[]>(
      server.url,
      `/api/notifications?dispatchId=${other.id}`,
      admin,
    );
    const link = notes.map((n) => /\/ack\/([^\s]+)/.exec(n.text)?.[1]).find(Boolean);
    expect(link).toBeTruthy();
    const ack = await fetch(`${server.url}/api/ack/${link}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ action: 'ack' }),
    });
    expect(ack.status).toBe(200);
    // The next whole second after it: a moment a link can name, before the stand-down.
    acknowledgedBy = Math.ceil(Date.now() / 1000) * 1000;
    await new Promise((r) => setTimeout(r, 2_500));
    const ended = await apiPost(server.url, `/api/responses/${response.id}/end`, commander, {
      reason: '复盘测试：解除',
    });
    expect(ended.status).toBe(200);
    to = Math.floor((Date.now() + 2_000) / 1000) * 1000;
    await new Promise((r) => setTimeout(r, 2_000));
  });

  it('jumps to the marks: the warning, the activation, the call-outs, an overdue, the stand-down', async () => {
    const page = await browser.newPage();
    const errors = consoleErrors(page);
    await signIn(page, server.url, 'duty');
    await page.goto(replayUrl(server.url, from, to));
    await page.locator('[data-testid=replay-console][aria-busy=false]').waitFor();
    const marks = page.locator('[data-testid=replay-mark]');
    await marks.first().waitFor();
    const kinds = await page
      .locator('[data-testid=replay-marks] li')
      .evaluateAll((li) => li.map((l) => (l as HTMLElement).dataset.kind));
    for (const kind of [
      'warning',
      'response_started',
      'first_callout',
      'overdue',
      'response_ended',
    ]) {
      expect(kinds).toContain(kind);
    }
    // Before anything: no warning, no response.
    expect(await replayed(page, '.warning-chip').count()).toBe(0);

    // The activation: the response, the warning before it, its call-outs on the board.
    const startMark = page
      .locator('[data-kind=response_started] [data-testid=replay-mark]')
      .first();
    await startMark.click();
    const startAt = Date.parse((await startMark.getAttribute('data-at'))!);
    await until(async () => (await shownAt(page)) === startAt, 10_000);
    await replayed(page, `[data-response-id="${response.id}"]`).waitFor();
    expect(await replayed(page, '.warning-chip[data-colour=yellow]').count()).toBe(1);
    // The mark list says where the moment is (the last mark at or before it).
    const current = page.locator('[data-testid=replay-mark][aria-current=step]');
    expect(Date.parse((await current.getAttribute('data-at'))!)).toBe(startAt);
    // The URL follows: a reload opens the same moment.
    await until(() => Promise.resolve(urlAt(page) === Math.floor(startAt / 1000) * 1000), 5_000);

    // An overdue: the board counts it against the replayed moment.
    const overdue = page.locator('[data-kind=overdue] [data-testid=replay-mark]').first();
    await overdue.click();
    const overdueAt = Date.parse((await overdue.getAttribute('data-at'))!);
    await until(async () => (await shownAt(page)) === overdueAt, 10_000);
    expect(await replayCount(page, 'notified')).toBe(callouts.length);
    expect(await replayCount(page, 'overdue')).toBeGreaterThan(0);
    // As it was then: the acknowledgement came after the overdue.
    expect(await replayCount(page, 'acknowledged')).toBe(0);
    await shot(page, 'replay-overdue');

    // The stand-down: no response, an empty board.
    await page.locator('[data-kind=response_ended] [data-testid=replay-mark]').first().click();
    await until(async () => (await replayed(page, '[data-response-id]').count()) === 0, 10_000);
    expect(await replayed(page, '[data-testid=dispatch-board] .panel__empty').count()).toBe(1);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('moves by keyboard on the slider, steps to the next event, and plays at 10× and 600×', async () => {
    const page = await browser.newPage();
    const errors = consoleErrors(page);
    await signIn(page, server.url, 'duty');
    await page.goto(replayUrl(server.url, from, to, to));
    await page.locator('[data-testid=replay-console][aria-busy=false]').waitFor();
    const slider = page.getByRole('slider', { name: '复盘时刻' });
    expect(await slider.getAttribute('aria-valuetext')).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    await slider.focus();
    await page.keyboard.press('Home');
    await until(async () => (await shownAt(page)) === from, 10_000);
    expect(await replayed(page, '.warning-chip').count()).toBe(0);

    // Step: the next event's moment, paused; its event is the newest in the replayed feed.
    const seqBefore = Number(
      await page.locator('[data-testid=replay-console]').getAttribute('data-seq'),
    );
    await page.getByRole('button', { name: '下一事件' }).click();
    await until(async () => (await shownAt(page)) > from, 10_000);
    const stepped = await shownAt(page);
    const seqAfter = Number(
      await page.locator('[data-testid=replay-console]').getAttribute('data-seq'),
    );
    expect(seqAfter).toBeGreaterThan(seqBefore);
    const newest = replayed(page, '.timeline__item').first();
    expect(Number(await newest.getAttribute('data-seq'))).toBe(seqAfter);
    expect(
      Date.parse((await newest.locator('time').getAttribute('datetime'))!),
    ).toBeLessThanOrEqual(stepped);

    // Play at 10×: the clock runs (and the call-outs come on the board as it passes them).
    await page.getByLabel('10×').check();
    const play = page.getByRole('button', { name: '播放' });
    await play.click();
    await until(async () => (await shownAt(page)) > stepped + 3_000, 10_000);
    await page.getByRole('button', { name: '暂停' }).click();
    const paused = await shownAt(page);
    await new Promise((r) => setTimeout(r, 600));
    expect(await shownAt(page)).toBe(paused);

    // 600×: to the end of the range, where it stops by itself.
    await page.getByLabel('600×').check();
    await page.getByRole('button', { name: '播放' }).click();
    await until(async () => (await shownAt(page)) === to, 15_000);
    await page.getByRole('button', { name: '播放' }).waitFor();
    expect(await replayed(page, '[data-response-id]').count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a link to a moment opens the same view for another user; reload and back keep it', async () => {
    const page = await browser.newPage();
    await signIn(page, server.url, 'duty');
    const link = replayUrl(server.url, from, to, acknowledgedBy);
    await page.goto(link);
    await replayed(page, `[data-response-id="${response.id}"]`).waitFor();
    const seen = {
      at: await shownAt(page),
      seq: await page.locator('[data-testid=replay-console]').getAttribute('data-seq'),
      overdue: await replayCount(page, 'overdue'),
      acknowledged: await replayCount(page, 'acknowledged'),
    };
    expect(seen.at).toBe(acknowledgedBy);
    expect(seen.overdue).toBeGreaterThan(0);
    expect(seen.acknowledged).toBe(1);

    // A commander opens the same link: the same moment, the same board.
    const other = await browser.newPage();
    await signIn(other, server.url, 'commander');
    await other.goto(link);
    await replayed(other, `[data-response-id="${response.id}"]`).waitFor();
    expect(await shownAt(other)).toBe(seen.at);
    expect(await other.locator('[data-testid=replay-console]').getAttribute('data-seq')).toBe(
      seen.seq,
    );
    expect(await replayCount(other, 'overdue')).toBe(seen.overdue);
    expect(await replayCount(other, 'acknowledged')).toBe(1);
    // The commander's replay offers no command (replay never writes).
    expect(await replayed(other, '[data-testid=start-response]').count()).toBe(0);
    await other.close();

    // Reload: the same place.
    await page.reload();
    await replayed(page, `[data-response-id="${response.id}"]`).waitFor();
    expect(await shownAt(page)).toBe(seen.at);
    // To the map console and back: the same place again.
    await page.getByTestId('nav-bar').locator('a[href="/"]').click();
    await page.locator('main.console__main:not([hidden])').waitFor();
    await page.goBack();
    await page.locator('[data-testid=replay-console][aria-busy=false]').waitFor();
    expect(await shownAt(page)).toBe(seen.at);
    await page.close();
  });

  it('exports the timeline as CSV with a row an event and a printable summary with the key times', async () => {
    const page = await browser.newPage();
    await signIn(page, server.url, 'duty');
    await page.goto(replayUrl(server.url, from, to));
    await page.locator('[data-testid=replay-console][aria-busy=false]').waitFor();
    const [csv] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('replay-export-csv').click(),
    ]);
    expect(csv.suggestedFilename()).toMatch(/^replay-.*\.csv$/);
    const rows = readFileSync(await csv.path(), 'utf8')
      .trim()
      .split('\n');
    // A header, then the warning, the response, each call-out, the acknowledgement, the end.
    expect(rows.length).toBeGreaterThan(callouts.length + 4);
    expect(rows.some((r) => r.includes('response.started') || r.includes('启动'))).toBe(true);

    const [html] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('replay-export-html').click(),
    ]);
    expect(html.suggestedFilename()).toMatch(/^replay-.*\.html$/);
    const summary = readFileSync(await html.path(), 'utf8');
    const started = new Date(Date.parse(response.startedAt) + 8 * 3_600_000)
      .toISOString()
      .slice(11, 16);
    expect(summary).toContain('事故复盘摘要');
    for (const label of ['预警发布', '启动响应', '首次调度', '解除响应', '调度超时升级']) {
      expect(summary).toContain(label);
    }
    // The activation's time (Beijing) is among the key times.
    expect(summary).toContain(started);
    await page.close();
  });

  it('keeps the live console live beside it: a new warning reaches the live banner, not the replay', async () => {
    const page = await browser.newPage();
    await signIn(page, server.url, 'duty');
    await page.locator('[data-testid=live-indicator][data-status=live]').waitFor();
    const startAt = Date.parse(response.startedAt);
    await page.goto(replayUrl(server.url, from, to, startAt));
    await replayed(page, '.warning-chip[data-colour=yellow]').waitFor();
    const base = '2025-06-11T15:20:00+08:00';
    expect(
      (await postCap(server.url, freshFixture('rainstorm-chain', '02-orange.xml', base))).status,
    ).toBe(201);
    // The live banner (above the page) turns orange; the replayed one stays as it was.
    await page
      .locator('.console > [data-testid=warning-banner] [data-colour=orange]')
      .waitFor({ timeout: 10_000 });
    expect(await replayed(page, '.warning-chip[data-colour=orange]').count()).toBe(0);
    expect(await replayed(page, '.warning-chip[data-colour=yellow]').count()).toBe(1);
    await page.close();
  });

  it('is axe clean and error free in zh-CN and in English', async () => {
    const page = await browser.newPage();
    const errors = consoleErrors(page);
    await signIn(page, server.url, 'duty');
    // The range picker first.
    await page.getByTestId('nav-replay').click();
    await page.locator('[data-testid=replay-start]').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.goto(replayUrl(server.url, from, to, Date.parse(response.startedAt) + 5_000));
    await replayed(page, `[data-response-id="${response.id}"]`).waitFor();
    await page.locator('[data-testid=replay-mark]').first().waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, 'replay-zh');
    await switchLanguage(page, 'en');
    await replayed(page, `[data-response-id="${response.id}"]`).waitFor();
    await page.getByRole('slider', { name: 'Replayed moment' }).waitFor();
    await page.getByRole('button', { name: 'Next event' }).waitFor();
    await page.getByRole('heading', { name: /^After-action review \d{4}-/ }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, 'replay-en');
    await switchLanguage(page, 'zh-CN');
    expect(errors).toEqual([]);
    await page.close();
  });
});
