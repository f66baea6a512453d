/**
 * npm run bench:board — in headless Chromium against the real console (built server + client on
 * an embedded PostgreSQL), after a whole-district activation (every waterlogging point's
 * call-outs: 2,436 with the seed):
 *  - opening the dispatch board on all its call-outs (from a filter that shows none to all of
 *    them: sort, counts, the virtualised list, to the next painted frame), against rendering a
 *    plain 200-row table of the same call-outs in the same page, alternated run by run.
 *    Target: opening within 2× of the plain table.
 *  - scrolling the board top to bottom a frame at a step: long tasks (> 50 ms) on the main
 *    thread while it scrolls (target none), and the slowest frame.
 * Writes bench/results/board.json.
 *
 * Env: BOARD_RUNS=15  BOARD_SCROLL_STEP_PX=600
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { addGeneratedPoints } from './generated-points';
import { fmt, launch, ROOT, startServer, summarize } from './harness';

const RUNS = Number(process.env.BOARD_RUNS ?? 15);
const STEP_PX = Number(process.env.BOARD_SCROLL_STEP_PX ?? 600);
const TARGET_RATIO = 2;
const LONG_TASK_MS = 50;

async function api<T>(url: string, path: string, token: string, body?: unknown): Promise<T> {
  const res = await fetch(`${url}/api/${path}`, {
    method: body ? 'POST' : 'GET',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

const login = (url: string, username: string): Promise<string> =>
  fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'demo' }),
  })
    .then((r) => r.json() as Promise<{ accessToken: string }>)
    .then((b) => b.accessToken);

/** Starts a whole-district flood response and waits for its call-outs to stop growing. */
async function activateWholeDistrict(url: string): Promise<number> {
  const commander = await login(url, 'commander');
  const response = await api<{ id: string }>(url, 'responses', commander, {
    hazard: 'flood',
    level: 'IV',
    reason: 'bench: whole-district activation',
    subdistrictCodes: [],
    preemptive: false,
  });
  let total = 0;
  for (let seen = -1; total === 0 || seen !== total;) {
    seen = total;
    await new Promise((r) => setTimeout(r, 1_000));
    total = (
      await api<unknown[]>(url, `dispatches?responseId=${response.id}&limit=10000`, commander)
    ).length;
  }
  return total;
}

/** In the page: until the next frame has been painted. */
const painted = () =>
  new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r())));

/** Board: switch the status filter from one that shows nothing to all; time to painted rows. */
async function openBoard(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const select = document.querySelector<HTMLSelectElement>('[data-testid=dispatch-filter]')!;
    const set = (value: string) => {
      // React listens to the native setter's change, as a user's choice makes it.
      // eslint-disable-next-line @typescript-eslint/unbound-method -- called with its element below
      const setter = Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype, 'value')!.set!;
      setter.call(select, value);
      select.dispatchEvent(new Event('change', { bubbles: true }));
    };
    const frame = () =>
      new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r())));
    set('stood_down');
    while (document.querySelector('.dispatch-row')) await frame();
    await frame();
    const t0 = performance.now();
    set('all');
    while (!document.querySelector('.dispatch-row')) await new Promise((r) => setTimeout(r, 0));
    await frame();
    return performance.now() - t0;
  });
}

/** Plain: a 200-row table of the same call-outs (text only, no framework), to painted. */
async function plainTable(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const rows = Array.from(document.querySelectorAll<HTMLElement>('.dispatch-row'));
    const cells = rows.map((r) =>
      Array.from(r.querySelectorAll(':scope > span'), (s) => s.textContent ?? ''),
    );
    const frame = () =>
      new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r())));
    document.getElementById('bench-plain')?.remove();
    await frame();
    const t0 = performance.now();
    const table = document.createElement('table');
    table.id = 'bench-plain';
    table.style.cssText = 'position:fixed;top:0;left:0;width:340px;font-size:13px;background:#fff';
    const body = table.createTBody();
    for (let i = 0; i < 200; i++) {
      const tr = body.insertRow();
      for (const text of cells[i % cells.length] ?? []) tr.insertCell().textContent = text;
    }
    document.body.append(table);
    void table.offsetHeight;
    await frame();
    const ms = performance.now() - t0;
    table.remove();
    return ms;
  });
}

/** Scrolls the board top to bottom, one step a frame; long tasks and frame gaps seen meanwhile. */
async function scrollBoard(page: Page, step: number) {
  return page.evaluate(
    async ({ step, longTask }) => {
      const box = document.querySelector<HTMLElement>('[data-testid=dispatch-scroll]')!;
      box.scrollTop = 0;
      const tasks: number[] = [];
      const observer = new PerformanceObserver((list) => {
        for (const e of list.getEntries()) tasks.push(e.duration);
      });
      observer.observe({ type: 'longtask', buffered: false });
      const frames: number[] = [];
      let last = performance.now();
      const t0 = last;
      let steps = 0;
      while (box.scrollTop + box.clientHeight < box.scrollHeight - 1) {
        box.scrollTop += step;
        steps += 1;
        await new Promise((r) => requestAnimationFrame(r));
        const now = performance.now();
        frames.push(now - last);
        last = now;
      }
      await new Promise((r) => setTimeout(r, 100));
      observer.disconnect();
      const lastRow = document
        .querySelector('.dispatch-row:last-child')
        ?.getAttribute('aria-posinset');
      return {
        steps,
        ms: performance.now() - t0,
        longTasks: tasks.filter((d) => d > longTask),
        worstFrameMs: Math.max(...frames),
        lastRow: Number(lastRow),
        scrollHeight: box.scrollHeight,
      };
    },
    { step, longTask: LONG_TASK_MS },
  );
}

/** Long tasks while the console just sits there for `ms` (its clocks tick, the map idles). */
async function idleLongTasks(page: Page, ms: number): Promise<number[]> {
  return page.evaluate(
    async ({ ms, longTask }) => {
      const tasks: number[] = [];
      const observer = new PerformanceObserver((list) => {
        for (const e of list.getEntries()) tasks.push(e.duration);
      });
      observer.observe({ type: 'longtask', buffered: false });
      await new Promise((r) => setTimeout(r, ms));
      observer.disconnect();
      return tasks.filter((d) => d > longTask);
    },
    { ms, longTask: LONG_TASK_MS },
  );
}

async function main(): Promise<void> {
  const { url, child, dataDir } = await startServer();
  let context: BrowserContext | undefined;
  try {
    await addGeneratedPoints(dataDir);
    const total = await activateWholeDistrict(url);
    context = await launch();
    const page = await context.newPage();
    await page.goto(url);
    await page.locator('input').first().fill('duty');
    await page.locator('input[type=password]').fill('demo');
    await page.keyboard.press('Enter');
    await page.waitForFunction(
      (n) =>
        document.querySelector('[data-testid=dispatch-counts] [data-count=notified] dd')
          ?.textContent === String(n),
      total,
      { timeout: 90_000 },
    );
    await page.evaluate(painted);
    // Warm-up: the first renders pay for JIT.
    for (let i = 0; i < 3; i++) {
      await openBoard(page);
      await plainTable(page);
    }
    const board: number[] = [];
    const plain: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      board.push(await openBoard(page));
      plain.push(await plainTable(page));
    }
    const scroll = await scrollBoard(page, STEP_PX);
    // The same time without scrolling: what the page's own ticking costs, for comparison.
    const idle = await idleLongTasks(page, scroll.ms);
    const shown = await page.locator('[data-testid=dispatch-shown]').innerText();

    const open = summarize(board);
    const table = summarize(plain);
    const ratio = open.median / table.median;
    console.log(`bench:board — ${total} call-outs (whole-district activation), ${RUNS} runs each`);
    console.log(`board says: ${shown}`);
    console.log('what                         | ms (median/min/max)');
    console.log(
      `open the board, ${String(total).padEnd(5)} rows  | ${fmt(open.median)} / ${fmt(open.min)} / ${fmt(open.max)}`,
    );
    console.log(
      `plain table, 200 rows        | ${fmt(table.median)} / ${fmt(table.min)} / ${fmt(table.max)}`,
    );
    console.log(
      `target: opening within ${TARGET_RATIO}× of the plain table — ${ratio <= TARGET_RATIO ? 'MET' : 'NOT MET'} (${fmt(ratio)}×)`,
    );
    console.log(
      `scroll to the end: ${scroll.steps} steps of ${STEP_PX} px in ${fmt(scroll.ms)} ms, last row ${scroll.lastRow}/${total}; long tasks > ${LONG_TASK_MS} ms: ${scroll.longTasks.length}${scroll.longTasks.length ? ` (${scroll.longTasks.map(fmt).join(', ')} ms)` : ''}; slowest frame ${fmt(scroll.worstFrameMs)} ms`,
    );
    console.log(
      `the same ${fmt(scroll.ms)} ms without scrolling: long tasks > ${LONG_TASK_MS} ms: ${idle.length}${idle.length ? ` (median ${fmt(summarize(idle).median)} ms)` : ''}`,
    );
    console.log(
      `target: no long task while scrolling — ${scroll.longTasks.length === 0 ? 'MET' : 'NOT MET'}`,
    );
    const out = {
      bench: 'board',
      machine: {
        cores: cpus().length,
        memoryGiB: Math.round(totalmem() / 2 ** 30),
        node: process.version,
        date: new Date().toISOString(),
      },
      callouts: total,
      runs: RUNS,
      target: `open ≤ ${TARGET_RATIO}× a plain 200-row table; no long task > ${LONG_TASK_MS} ms while scrolling`,
      ratio,
      openBoardMs: open,
      plainTableMs: table,
      scroll,
      idleLongTasks: idle,
    };
    const dir = join(ROOT, 'bench/results');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'board.json'), JSON.stringify(out, null, 2));
  } finally {
    await context?.close();
    child.kill('SIGTERM');
  }
}

void main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
