/**
 * npm run bench:board — in headless Chromium against the real console (built server + client on
 * an embedded PostgreSQL), after a whole-district activation (every waterlogging point's
 * call-outs: 2,436 with the seed):
 *  - opening the dispatch board on all its call-outs (from a filter that shows none to all of
 *    them: sort, counts, the virtualised list, to the next painted frame), against rendering a
 *    plain 200-row table of the same call-outs in the same page, alternated run by run.
 *    Target: opening within 2× of the plain table.
 *  - scrolling the board top to bottom a frame at a step: long tasks (> 50 ms) on the main
 *    thread while it scrolls (target none), and the slowest frame. Each long animation frame
 *    seen meanwhile is printed with what it spent its time on (scripts by caller, style and
 *    layout), from Chromium's Long Animation Frames API.
 * Writes bench/results/board.json.
 *
 * Env: BOARD_RUNS=15  BOARD_SCROLL_STEP_PX=600
 *      BOARD_PROFILE=1: also a CPU profile of the scroll (Chromium DevTools protocol), its
 *      functions by self time printed and the profile written to bench/results/board-scroll.cpuprofile.
 *      BOARD_TRACE=1: also a Chromium trace of the scroll (DevTools protocol `Tracing`), the
 *      renderer main thread's time by event (layout, style, paint, script...) printed.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, CDPSession, Page } from 'playwright-core';
import { addGeneratedPoints } from './generated-points';
import { fmt, launch, ROOT, startServer, summarize } from './harness';

const RUNS = Number(process.env.BOARD_RUNS ?? 15);
const STEP_PX = Number(process.env.BOARD_SCROLL_STEP_PX ?? 600);
const TARGET_RATIO = 2;
const LONG_TASK_MS = 50;
const PROFILE = process.env.BOARD_PROFILE === '1';
const TRACE = process.env.BOARD_TRACE === '1';

/** One long animation frame: its length and where the time went. */
interface LongFrame {
  ms: number;
  blockingMs: number;
  styleAndLayoutMs: number;
  scripts: { ms: number; what: string }[];
}

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
      // What each long frame ran: scripts (by who called them) and style/layout work.
      const longFrames: LongFrame[] = [];
      interface Loaf extends PerformanceEntry {
        blockingDuration: number;
        renderStart: number;
        styleAndLayoutStart: number;
        scripts: {
          duration: number;
          invoker: string;
          sourceFunctionName: string;
          forcedStyleAndLayoutDuration: number;
        }[];
      }
      const loaf = new PerformanceObserver((list) => {
        for (const e of list.getEntries() as Loaf[]) {
          if (e.duration <= longTask) continue;
          longFrames.push({
            ms: Math.round(e.duration),
            blockingMs: Math.round(e.blockingDuration),
            styleAndLayoutMs: Math.round(
              e.styleAndLayoutStart > 0 ? e.startTime + e.duration - e.styleAndLayoutStart : 0,
            ),
            scripts: e.scripts
              .filter((x) => x.duration >= 5)
              .map((x) => ({
                ms: Math.round(x.duration),
                what: `${x.invoker}${x.sourceFunctionName ? ` → ${x.sourceFunctionName}` : ''}${x.forcedStyleAndLayoutDuration >= 1 ? ` (forced layout ${Math.round(x.forcedStyleAndLayoutDuration)} ms)` : ''}`,
              })),
          });
        }
      });
      const loafSupported =
        PerformanceObserver.supportedEntryTypes.includes('long-animation-frame');
      if (loafSupported) loaf.observe({ type: 'long-animation-frame', buffered: false });
      const frames: number[] = [];
      const fontsBefore = performance
        .getEntriesByType('resource')
        .filter((r) => r.name.endsWith('.woff2')).length;
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
      loaf.disconnect();
      const lastRow = document
        .querySelector('.dispatch-row:last-child')
        ?.getAttribute('aria-posinset');
      return {
        steps,
        ms: performance.now() - t0,
        longTasks: tasks.filter((d) => d > longTask),
        longFrames: loafSupported ? longFrames : null,
        // Web-font files fetched meanwhile: each relays out the text that uses the font.
        fontsLoaded:
          performance.getEntriesByType('resource').filter((r) => r.name.endsWith('.woff2')).length -
          fontsBefore,
        domElements: document.getElementsByTagName('*').length,
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

interface CpuProfile {
  nodes: {
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  }[];
  samples?: number[];
  timeDeltas?: number[];
}

/** A CPU profile's functions by self time, heaviest first: "ms  name  file:line:col". */
function selfTimes(profile: CpuProfile): string[] {
  const byNode = new Map(profile.nodes.map((n) => [n.id, n]));
  const ms = new Map<string, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  samples.forEach((id, i) => {
    const f = byNode.get(id)?.callFrame;
    if (!f) return;
    const file = f.url.split('/').pop() ?? '';
    const key = `${f.functionName || '(anonymous)'}  ${file}${file ? `:${f.lineNumber + 1}:${f.columnNumber + 1}` : ''}`;
    ms.set(key, (ms.get(key) ?? 0) + (deltas[i] ?? 0) / 1000);
  });
  return [...ms]
    .sort((a, b) => b[1] - a[1])
    .map(([key, t]) => `${t.toFixed(1).padStart(8)} ms  ${key}`);
}

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  args?: { name?: string };
}

/** A trace's complete events on the renderer's main thread, by name, self time (ms), heaviest first. */
function mainThreadTimes(events: TraceEvent[]): string[] {
  // The page's renderer: of the renderers' main threads, the busiest.
  const mains = events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  const busy = (m: TraceEvent) =>
    events
      .filter((e) => e.ph === 'X' && e.pid === m.pid && e.tid === m.tid)
      .reduce((sum, e) => sum + (e.dur ?? 0), 0);
  const main = mains.sort((a, b) => busy(b) - busy(a))[0];
  if (!main) return [];
  const own = events
    .filter((e) => e.ph === 'X' && e.pid === main.pid && e.tid === main.tid && e.dur !== undefined)
    .sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  const self = new Map<string, number>();
  const open: { e: TraceEvent; end: number; child: number }[] = [];
  const close = (upTo: number) => {
    while (open.length && open[open.length - 1]!.end <= upTo) {
      const top = open.pop()!;
      const t = (top.e.dur ?? 0) - top.child;
      self.set(top.e.name, (self.get(top.e.name) ?? 0) + t / 1000);
      if (open.length) open[open.length - 1]!.child += top.e.dur ?? 0;
    }
  };
  for (const e of own) {
    close(e.ts);
    open.push({ e, end: e.ts + (e.dur ?? 0), child: 0 });
  }
  close(Number.POSITIVE_INFINITY);
  return [...self]
    .sort((a, b) => b[1] - a[1])
    .map(([name, ms]) => `${ms.toFixed(1).padStart(8)} ms  ${name}`);
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
    // A first scroll as a duty officer makes it: after the console has settled (the fonts it
    // asked for have arrived, the page has been idle), with no row below the first screen yet
    // shown. Which font files the page fetched before it is printed too.
    const fontsBeforeScroll = await page.evaluate(async () => {
      await document.fonts.ready;
      await new Promise((r) => requestIdleCallback(r, { timeout: 5_000 }));
      await document.fonts.ready;
      await new Promise((r) => setTimeout(r, 500));
      return performance.getEntriesByType('resource').filter((r) => r.name.endsWith('.woff2'))
        .length;
    });
    // The renderer's own accounting: main-thread CPU time is what the scroll costs whatever
    // else the machine runs (wall-clock long tasks stretch with the load).
    const metrics = await context.newCDPSession(page);
    await metrics.send('Performance.enable', { timeDomain: 'threadTicks' });
    const readMetrics = async () =>
      Object.fromEntries(
        (await metrics.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]),
      );
    let cdp: CDPSession | undefined;
    if (PROFILE) {
      cdp = await context.newCDPSession(page);
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
      await cdp.send('Profiler.start');
    }
    const trace: TraceEvent[] = [];
    let tracing: CDPSession | undefined;
    if (TRACE) {
      tracing = await context.newCDPSession(page);
      tracing.on('Tracing.dataCollected', (e) =>
        trace.push(...(e.value as unknown as TraceEvent[])),
      );
      await tracing.send('Tracing.start', {
        traceConfig: {
          includedCategories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'],
        },
      });
    }
    const before = await readMetrics();
    const scroll = await scrollBoard(page, STEP_PX);
    const after = await readMetrics();
    const spent = (name: string) => ((after[name] ?? 0) - (before[name] ?? 0)) * 1000;
    const cpu = {
      threadMs: spent('ThreadTime'),
      scriptMs: spent('ScriptDuration'),
      layoutMs: spent('LayoutDuration'),
      styleMs: spent('RecalcStyleDuration'),
      layouts: (after.LayoutCount ?? 0) - (before.LayoutCount ?? 0),
    };
    const profile = cdp ? (await cdp.send('Profiler.stop')).profile : null;
    if (tracing) {
      const done = new Promise((r) => tracing.once('Tracing.tracingComplete', r));
      await tracing.send('Tracing.end');
      await done;
    }
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
      `main thread while scrolling: ${fmt(cpu.threadMs)} ms CPU (${fmt(cpu.threadMs / scroll.steps)} ms a step); script ${fmt(cpu.scriptMs)} ms, layout ${fmt(cpu.layoutMs)} ms (${cpu.layouts} layouts), style ${fmt(cpu.styleMs)} ms`,
    );
    console.log(
      `before scrolling (settled: fonts ready, idle): ${fontsBeforeScroll} web-font files fetched; while scrolling: ${scroll.fontsLoaded} web-font files fetched; ${scroll.domElements} elements in the page`,
    );
    if (scroll.longFrames === null)
      console.log('long animation frames: not supported by this Chromium');
    else {
      console.log(
        `long animation frames > ${LONG_TASK_MS} ms while scrolling: ${scroll.longFrames.length}`,
      );
      for (const f of scroll.longFrames)
        console.log(
          `  ${f.ms} ms (blocking ${f.blockingMs} ms, style+layout ${f.styleAndLayoutMs} ms)${f.scripts.length ? ': ' : ''}${f.scripts.map((x) => `${x.what} ${x.ms} ms`).join('; ')}`,
        );
    }
    if (TRACE) {
      console.log('trace of the scroll, renderer main thread, time by event (ms, self):');
      for (const line of mainThreadTimes(trace).slice(0, 20)) console.log(`  ${line}`);
    }
    if (profile) {
      const path = join(ROOT, 'bench/results/board-scroll.cpuprofile');
      mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
      writeFileSync(path, JSON.stringify(profile));
      console.log(`CPU profile of the scroll (${path}), functions by self time:`);
      for (const line of selfTimes(profile).slice(0, 25)) console.log(`  ${line}`);
    }
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
      fontsBeforeScroll,
      scroll,
      scrollMainThread: cpu,
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
