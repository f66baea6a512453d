/**
 * Bench worker for bench:ingest: the 8 senders live in their own process, as real feeds do,
 * so that the process under test runs only the console. It drives either the console over
 * HTTP or the bare anchor (a plain PostgreSQL insert of the same raw XML) and reports the
 * rate and p99 of one timed run.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Pool } from 'pg';
import { poster } from './lib/post';
import { percentile, sortedCopy } from './lib/stats';

type Msg =
  | { cmd: 'init'; url: string; dbUrl: string; senders: number; seconds: number }
  | { cmd: 'warm' }
  | { cmd: 'console' }
  | { cmd: 'plain' }
  | { cmd: 'floor' }
  | { cmd: 'end' };

export interface Run {
  rate: number;
  p99: number;
  n: number;
}

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

let senders = 8;
let seconds = 8;
let pool: Pool | null = null;
let post: ReturnType<typeof poster> | null = null;

async function postOne(sender: string): Promise<void> {
  const res = await post!(
    '/api/feeds/cap',
    { authorization: 'Bearer demo-feed', 'content-type': 'application/cap+xml' },
    message(sender),
  );
  if (res.status !== 201) throw new Error(`ingest answered ${res.status}: ${res.body}`);
}

/**
 * The HTTP floor: the same post, refused right after authentication (a content type the
 * console does not take, 415): the server's HTTP stack with no parsing and no database.
 */
async function refuseOne(sender: string): Promise<void> {
  const res = await post!(
    '/api/feeds/cap',
    { authorization: 'Bearer demo-feed', 'content-type': 'text/plain' },
    message(`FLOOR${sender}`),
  );
  if (res.status !== 415) throw new Error(`floor post answered ${res.status}`);
}

async function insertOne(sender: string): Promise<void> {
  const xml = message(`PLAIN${sender}`);
  const c = await pool!.connect();
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
}

async function drive(send: (sender: string) => Promise<void>): Promise<Run> {
  const lat: number[] = [];
  const end = Date.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: senders }, async (_, i) => {
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

const reply = (m: unknown): void => void process.send?.(m);

process.on('message', (m: Msg) => {
  void (async () => {
    switch (m.cmd) {
      case 'init':
        ({ senders, seconds } = m);
        post = poster(m.url, senders);
        pool = new Pool({ connectionString: m.dbUrl, max: senders });
        await pool.query(
          `CREATE TABLE IF NOT EXISTS bench_raw_cap (id bigserial PRIMARY KEY, raw_xml text NOT NULL, sha256 char(64) NOT NULL, received_at timestamptz NOT NULL DEFAULT now())`,
        );
        return reply({ ok: true });
      case 'warm':
        // JIT, connection pools, first-use caches on both sides.
        await Promise.all(Array.from({ length: 40 }, (_, i) => postOne(`WARM${i % 4}`)));
        await Promise.all(Array.from({ length: 40 }, (_, i) => insertOne(`WARM${i % 4}`)));
        return reply({ ok: true });
      case 'console':
        return reply(await drive(postOne));
      case 'plain':
        return reply(await drive(insertOne));
      case 'floor':
        return reply(await drive(refuseOne));
      case 'end':
        await pool?.end();
        reply({ ok: true });
        return process.exit(0);
    }
  })().catch((e: unknown) => reply({ error: e instanceof Error ? e.message : String(e) }));
});
