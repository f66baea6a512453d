/**
 * npm run bench:ingest — sustained CAP ingest over HTTP with 8 concurrent senders against the
 * in-process console, and the bare anchor: a plain PostgreSQL INSERT of the same raw XML in
 * one transaction over 8 connections, measured in the same run. Writes bench/results/ingest.json.
 *
 * Env: INGEST_RUNS=3  INGEST_SECONDS=8  INGEST_SENDERS=8  (DATABASE_URL)
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { startConsole } from './lib/console-app';
import { fmt, machine, percentile, sortedCopy, summarize } from './lib/stats';

const RUNS = Number(process.env.INGEST_RUNS ?? 3);
const SECONDS = Number(process.env.INGEST_SECONDS ?? 8);
const SENDERS = Number(process.env.INGEST_SENDERS ?? 8);

const template = readFileSync(
  join(__dirname, '../../scenarios/rainstorm-chain/01-yellow.xml'),
  'utf8',
);
const beijing = (d: Date): string =>
  `${new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 19)}+08:00`;

let seqNo = 0;
const lastOf = new Map<string, string>();
const virtualStart = Date.now() - 86_400_000;
/**
 * Each sender keeps one warning chain, as an observatory does: an Alert, then Updates that
 * reference the previous message (every 10th changes colour, so suggestions are raised too).
 * Sent times step by 1 s per message (a virtual clock starting a day ago), so every Update
 * is newer than what it references.
 */
function message(sender: string): string {
  seqNo++;
  const id = `${sender}_B${seqNo}`;
  const sent = beijing(new Date(virtualStart + seqNo * 1000));
  const prev = lastOf.get(sender);
  let xml = template
    .replace(/44030041600000_\d{14}/, id)
    .replace(/<sender>[^<]*<\/sender>/, `<sender>${sender}</sender>`)
    .replace(/<sent>[^<]*<\/sent>/, `<sent>${sent}</sent>`)
    .replace(/\s*<expires>[^<]*<\/expires>/, '');
  if (prev) {
    xml = xml
      .replace('<msgType>Alert</msgType>', '<msgType>Update</msgType>')
      .replace('<scope>Public</scope>', `<scope>Public</scope>\n  <references>${prev}</references>`)
      .replace(
        '<value>yellow</value>',
        seqNo % 10 === 0 ? '<value>orange</value>' : '<value>yellow</value>',
      );
  }
  lastOf.set(sender, `${sender},${id},${sent}`);
  return xml;
}

interface Run {
  rate: number;
  p99: number;
  n: number;
}

async function drive(send: (sender: string) => Promise<void>): Promise<Run> {
  const lat: number[] = [];
  const end = Date.now() + SECONDS * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: SENDERS }, async (_, i) => {
      const sender = `BENCH${String(i).padStart(2, '0')}`;
      while (Date.now() < end) {
        const t0 = performance.now();
        await send(sender);
        lat.push(performance.now() - t0);
      }
    }),
  );
  const secs = (performance.now() - started) / 1000;
  return { rate: lat.length / secs, p99: percentile(sortedCopy(lat), 99), n: lat.length };
}

async function main(): Promise<void> {
  const app = await startConsole();
  const ds = app.app.get(DataSource);
  const dbUrl = (ds.options as { url?: string }).url;
  if (!dbUrl) throw new Error('no database url');
  const pool = new Pool({ connectionString: dbUrl, max: SENDERS });
  await pool.query(
    `CREATE TABLE IF NOT EXISTS bench_raw_cap (id bigserial PRIMARY KEY, raw_xml text NOT NULL, sha256 char(64) NOT NULL, received_at timestamptz NOT NULL DEFAULT now())`,
  );
  const consoleRate: number[] = [];
  const consoleP99: number[] = [];
  const bareRate: number[] = [];
  const bareP99: number[] = [];
  try {
    const postOne = async (sender: string): Promise<void> => {
      const res = await fetch(`${app.url}/api/feeds/cap`, {
        method: 'POST',
        headers: { authorization: 'Bearer demo-feed', 'content-type': 'application/cap+xml' },
        body: message(sender),
      });
      if (res.status !== 201) throw new Error(`ingest answered ${res.status}: ${await res.text()}`);
      await res.arrayBuffer();
    };
    const insertOne = async (sender: string): Promise<void> => {
      const xml = message(`PLAIN${sender}`);
      const c = await pool.connect();
      try {
        await c.query('BEGIN');
        await c.query(`INSERT INTO bench_raw_cap (raw_xml, sha256) VALUES ($1, $2)`, [
          xml,
          createHash('sha256').update(xml).digest('hex'),
        ]);
        await c.query('COMMIT');
      } finally {
        c.release();
      }
    };
    // Warm-up: JIT, connection pools, first-use caches.
    await Promise.all(Array.from({ length: 20 }, (_, i) => postOne(`WARM${i % 4}`)));
    for (let run = 0; run < RUNS; run++) {
      const c = await drive(postOne);
      const b = await drive(insertOne);
      consoleRate.push(c.rate);
      consoleP99.push(c.p99);
      bareRate.push(b.rate);
      bareP99.push(b.p99);
      console.log(
        `run ${run + 1}/${RUNS}: console ${fmt(c.rate, 0)}/s p99 ${fmt(c.p99)} ms (${c.n}) | plain insert ${fmt(b.rate, 0)}/s p99 ${fmt(b.p99)} ms (${b.n})`,
      );
    }
  } finally {
    await pool.end();
    await app.close();
  }
  const results = {
    consoleRate: summarize(consoleRate),
    consoleP99: summarize(consoleP99),
    bareRate: summarize(bareRate),
    bareP99: summarize(bareP99),
  };
  const ratio = results.consoleRate.median / results.bareRate.median;
  console.log(
    `\nbench:ingest — ${SENDERS} concurrent senders, ${SECONDS}s per run, median of ${RUNS}`,
  );
  console.log(
    `console ${fmt(results.consoleRate.median, 0)} msg/s (p99 ${fmt(results.consoleP99.median)} ms) | plain insert ${fmt(results.bareRate.median, 0)}/s (p99 ${fmt(results.bareP99.median)} ms)`,
  );
  console.log(
    `ratio ${fmt(ratio, 3)} (target ≥ 0.25) | console p99 ${fmt(results.consoleP99.median)} ms (target ≤ 50)`,
  );
  const out = {
    bench: 'ingest',
    machine: { ...machine(), postgres: app.pgVersion, engine: app.engine },
    runs: RUNS,
    seconds: SECONDS,
    senders: SENDERS,
    ratio,
    targets: { ratio: 0.25, p99Ms: 50 },
    results,
  };
  const dir = join(__dirname, '../../../bench/results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'ingest.json'), JSON.stringify(out, null, 2));
}

void main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
