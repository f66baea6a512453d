/**
 * npm run bench:incidents — a burst of incident reports from concurrent senders over HTTP to
 * the in-process console (validation, idempotency, grading, duties + timers, event log),
 * against a plain INSERT of the same JSON rows over as many PostgreSQL connections, in one
 * run on the same database. Prints both, the ratio and the target; writes
 * bench/results/incidents.json.
 *
 * Env: INCIDENT_REPORTS=1000  INCIDENT_SENDERS=8  INCIDENT_RUNS=3  (DATABASE_URL)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IncidentFeedReport } from '@sanfang/shared';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { startConsole } from './lib/console-app';
import { fmt, machine, nowMs, percentile, sortedCopy, summarize, type Summary } from './lib/stats';

const REPORTS = Number(process.env.INCIDENT_REPORTS ?? 1000);
const SENDERS = Number(process.env.INCIDENT_SENDERS ?? 8);
const RUNS = Number(process.env.INCIDENT_RUNS ?? 3);
const TARGET = 0.25;

interface Burst {
  rate: number;
  p50: number;
  p99: number;
}

function reports(run: number): IncidentFeedReport[] {
  const types = ['waterlogging', 'traffic', 'fire', 'building'] as const;
  return Array.from({ length: REPORTS }, (_, i) => ({
    source: 'bench',
    externalId: `run${run}-${i}`,
    type: types[i % types.length]!,
    occurredAt: new Date(Date.now() - i * 1000).toISOString(),
    location: {
      lon: 113.76 + (i % 97) * 0.002,
      lat: 22.55 + (i % 89) * 0.003,
      address: `测试地址${i}`,
    },
    description: '基准测试事件',
    casualties: { deaths: i % 50 === 0 ? 3 : 0, seriousInjuries: 0, missing: 0, trapped: i % 7 },
    directLossCny: 0,
  }));
}

/** N senders draining one queue; per-item latency and overall rate. */
async function burst<T>(
  items: T[],
  senders: number,
  send: (item: T, sender: number) => Promise<void>,
): Promise<Burst> {
  const lat: number[] = [];
  let next = 0;
  const t0 = nowMs();
  await Promise.all(
    Array.from({ length: senders }, async (_, s) => {
      for (let i = next++; i < items.length; i = next++) {
        const t = nowMs();
        await send(items[i]!, s);
        lat.push(nowMs() - t);
      }
    }),
  );
  const secs = (nowMs() - t0) / 1000;
  const sorted = sortedCopy(lat);
  return { rate: items.length / secs, p50: percentile(sorted, 50), p99: percentile(sorted, 99) };
}

async function main(): Promise<void> {
  const app = await startConsole();
  const ds = app.app.get(DataSource);
  const url = (ds.options as { url: string }).url;
  await ds.query(
    `CREATE TABLE IF NOT EXISTS bench_plain_reports (id bigserial PRIMARY KEY, source text, external_id text, body jsonb)`,
  );
  const clients = await Promise.all(
    Array.from({ length: SENDERS }, async () => {
      const c = new Client({ connectionString: url });
      await c.connect();
      return c;
    }),
  );
  const consoleRuns: Burst[] = [];
  const plainRuns: Burst[] = [];
  for (let run = 0; run < RUNS; run++) {
    const items = reports(run);
    // The anchor: the same JSON rows, plainly inserted, same concurrency.
    plainRuns.push(
      await burst(items, SENDERS, async (r, s) => {
        await clients[s]!.query(
          `INSERT INTO bench_plain_reports (source, external_id, body) VALUES ($1, $2, $3)`,
          [r.source, r.externalId, JSON.stringify(r)],
        );
      }),
    );
    consoleRuns.push(
      await burst(items, SENDERS, async (r) => {
        const res = await fetch(`${app.url}/api/feeds/incidents`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: 'Bearer demo-feed' },
          body: JSON.stringify(r),
        });
        if (res.status !== 201) throw new Error(`intake ${res.status}: ${await res.text()}`);
        await res.arrayBuffer();
      }),
    );
    console.log(
      `run ${run + 1}: console ${fmt(consoleRuns[run]!.rate, 0)}/s p99 ${fmt(consoleRuns[run]!.p99)} ms · plain ${fmt(plainRuns[run]!.rate, 0)}/s p99 ${fmt(plainRuns[run]!.p99)} ms`,
    );
  }
  await Promise.all(clients.map((c) => c.end()));
  await ds.query(`DROP TABLE bench_plain_reports`);

  const pick = (rs: Burst[], k: keyof Burst): Summary => summarize(rs.map((r) => r[k]));
  const ratio = summarize(consoleRuns.map((c, i) => c.rate / plainRuns[i]!.rate));
  const results = {
    console: {
      rate: pick(consoleRuns, 'rate'),
      p50: pick(consoleRuns, 'p50'),
      p99: pick(consoleRuns, 'p99'),
    },
    plainInsert: {
      rate: pick(plainRuns, 'rate'),
      p50: pick(plainRuns, 'p50'),
      p99: pick(plainRuns, 'p99'),
    },
    rateRatio: ratio,
  };
  console.log(
    `\nbench:incidents — ${REPORTS} reports from ${SENDERS} senders (median of ${RUNS} runs)`,
  );
  console.log('               | reports/s | p50 ms | p99 ms');
  console.log(
    `console intake | ${fmt(results.console.rate.median, 0).padStart(9)} | ${fmt(results.console.p50.median).padStart(6)} | ${fmt(results.console.p99.median)}`,
  );
  console.log(
    `plain INSERT   | ${fmt(results.plainInsert.rate.median, 0).padStart(9)} | ${fmt(results.plainInsert.p50.median).padStart(6)} | ${fmt(results.plainInsert.p99.median)}`,
  );
  console.log(
    `rate ratio ${fmt(ratio.median, 3)} (target ≥ ${TARGET}) → ${ratio.median >= TARGET ? 'MET' : 'NOT MET'}`,
  );
  const out = {
    bench: 'incidents',
    machine: { ...machine(), postgres: app.pgVersion, engine: app.engine },
    runs: RUNS,
    reports: REPORTS,
    senders: SENDERS,
    target: { rateRatio: TARGET },
    results,
  };
  const dir = join(__dirname, '../../../bench/results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'incidents.json'), JSON.stringify(out, null, 2));
  await app.close();
}

void main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
