/**
 * npm run bench:map — in headless Chromium against the real console (built server + client on
 * an embedded PostgreSQL): time to the first rendered map with all seeded layers, and the
 * main-thread cost of applying 50 point-state changes to a 5,000-point layer the console's way
 * (feature-state on the changed points only, coloured by the console's own paint expression)
 * versus full replacement (setData of the whole collection, then the same states), measured in
 * the same run. Target: diff ≥ 3× cheaper. Writes bench/results/map.json.
 *
 * Env: MAP_RUNS=15  MAP_POINTS=5000  MAP_CHANGES=50  MAP_LOADS=3
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, CDPSession, Page } from 'playwright-core';
import { fmt, launch, ROOT, startServer, summarize, type Summary } from './harness';
import { changeStates, checkLastRound, installPoints, signedInAndReady } from './page-ops';

const RUNS = Number(process.env.MAP_RUNS ?? 15);
const POINTS = Number(process.env.MAP_POINTS ?? 5000);
const CHANGES = Number(process.env.MAP_CHANGES ?? 50);
const LOADS = Number(process.env.MAP_LOADS ?? 3);
const TARGET = 3;
const SEEDED_LAYERS = ['subdistrict-fill', 'shelters', 'rescue-teams', 'warehouses'];

/** Sign-in to first rendered map with every seeded layer drawn (ms). */
async function timeToMap(context: BrowserContext, url: string): Promise<number> {
  const page = await context.newPage();
  await page.goto(url);
  await page.locator('input').first().fill('duty');
  await page.locator('input[type=password]').fill('demo');
  const t0 = Date.now();
  await page.keyboard.press('Enter');
  await page.waitForFunction(signedInAndReady, SEEDED_LAYERS, { timeout: 90_000, polling: 50 });
  const ms = Date.now() - t0;
  // Sign out so the next load starts at the sign-in page again.
  await page.evaluate(() => localStorage.clear());
  await page.close();
  return ms;
}

async function taskMs(cdp: CDPSession): Promise<number> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return (metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0) * 1000;
}

async function measure(page: Page, cdp: CDPSession, mode: 'diff' | 'full') {
  const before = await taskMs(cdp);
  const callMs = await page.evaluate(changeStates, { mode, changes: CHANGES });
  const after = await taskMs(cdp);
  return { mainThreadMs: after - before, callMs };
}

async function main(): Promise<void> {
  const { url, child } = await startServer();
  // Launched inside the try: a browser that fails to start must not leave the console running.
  let context: BrowserContext | undefined;
  try {
    context = await launch();
    const loads: number[] = [];
    for (let i = 0; i < LOADS; i++) loads.push(await timeToMap(context, url));

    const layers: Record<string, Record<string, Summary>> = {};
    let installed = 0;
    const drawnChecked: number[] = [];
    // The unclustered layer is the headline (a plain 5,000-point layer); the clustered one is
    // how the console's waterlogging layer is set up, where MapLibre re-clusters either way.
    for (const cluster of [false, true]) {
      const page = await context.newPage();
      // A small canvas keeps software painting cheap; see installPoints.
      await page.setViewportSize({ width: 640, height: 480 });
      await page.goto(url);
      await page.locator('input').first().fill('duty');
      await page.locator('input[type=password]').fill('demo');
      await page.keyboard.press('Enter');
      await page.waitForFunction(signedInAndReady, SEEDED_LAYERS, { timeout: 90_000 });
      installed = await page.evaluate(installPoints, { count: POINTS, cluster });
      const cdp = await context.newCDPSession(page);
      await cdp.send('Performance.enable');
      // Warm-up: first calls pay for JIT and worker start-up. Each mode's result is checked
      // once, so a diff that changed nothing on screen cannot pass for a cheap one.
      for (let i = 0; i < 3; i++) {
        await measure(page, cdp, 'diff');
        drawnChecked.push(await page.evaluate(checkLastRound));
        await measure(page, cdp, 'full');
        drawnChecked.push(await page.evaluate(checkLastRound));
      }
      const diff: number[] = [];
      const full: number[] = [];
      const diffCall: number[] = [];
      const fullCall: number[] = [];
      // Alternate so both see the same machine load (the machine is shared).
      for (let i = 0; i < RUNS; i++) {
        const d = await measure(page, cdp, 'diff');
        const f = await measure(page, cdp, 'full');
        diff.push(d.mainThreadMs);
        diffCall.push(d.callMs);
        full.push(f.mainThreadMs);
        fullCall.push(f.callMs);
      }
      layers[cluster ? 'clustered' : 'plain'] = {
        diffMainThreadMs: summarize(diff),
        fullMainThreadMs: summarize(full),
        diffCallMs: summarize(diffCall),
        fullCallMs: summarize(fullCall),
      };
      await page.evaluate(() => localStorage.clear());
      await page.close();
    }
    const results = { firstMapMs: summarize(loads), ...layers };
    const ratioOf = (name: string): number =>
      (layers[name]?.fullMainThreadMs?.median ?? Number.NaN) /
      (layers[name]?.diffMainThreadMs?.median ?? Number.NaN);
    const ratio = ratioOf('plain');
    console.log(`bench:map — ${installed} points, ${CHANGES} state changes, ${RUNS} runs each`);
    console.log(
      `first rendered map, all seeded layers: median ${fmt(results.firstMapMs.median)} ms (${LOADS} loads)`,
    );
    console.log('layer      | mode                 | main thread ms (median/min/max) | call ms');
    for (const [name, r] of Object.entries(layers)) {
      for (const mode of ['diff', 'full'] as const) {
        const m = r[`${mode}MainThreadMs`];
        const c = r[`${mode}CallMs`];
        if (!m || !c) continue;
        console.log(
          `${name.padEnd(10)} | ${mode === 'diff' ? 'diff (feature-state)' : 'full (setData)      '} | ${fmt(m.median)} / ${fmt(m.min)} / ${fmt(m.max)} | ${fmt(c.median)}`,
        );
      }
      console.log(`${name.padEnd(10)} | ratio full/diff: ${fmt(ratioOf(name))}×`);
    }
    console.log(
      `target: diff ≥ ${TARGET}× cheaper on the 5,000-point layer — ${ratio >= TARGET ? 'MET' : 'NOT MET'} (${fmt(ratio)}×)`,
    );
    const out = {
      bench: 'map',
      machine: {
        cores: cpus().length,
        memoryGiB: Math.round(totalmem() / 2 ** 30),
        node: process.version,
        date: new Date().toISOString(),
        webgl: 'SwiftShader (software)',
      },
      runs: RUNS,
      points: installed,
      changes: CHANGES,
      target: `diff ≥ ${TARGET}× cheaper than full setData (main-thread TaskDuration until idle)`,
      ratio,
      clusteredRatio: ratioOf('clustered'),
      // Changed points found drawn with their new state after each checked warm-up round.
      drawnChecked,
      results,
    };
    const dir = join(ROOT, 'bench/results');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'map.json'), JSON.stringify(out, null, 2));
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
