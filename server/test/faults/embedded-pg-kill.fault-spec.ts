import type { HealthDto } from '@sanfang/shared';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { embeddedUrl, OWNER_FILE, type OwnerFile } from '../../src/database/embedded';
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
/** The console must answer 200 on /api/health again within this long after the kill. */
const RECOVERY_BOUND_MS = 30_000;
const KILLS = FULL ? 3 : 1;

/** The supervisor's, PostgreSQL's and pg-boss's lines of the console's output (its last 60). */
const databaseLines = (output: string): string =>
  output
    .split('\n')
    .filter((l) => /embedded|PostgreSQL|pg-boss|FATAL|PANIC|LOG: /.test(l))
    .slice(-60)
    .join('\n');

describe('fault: the console’s embedded PostgreSQL is SIGKILLed under load', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'sanfang-fault-embedded-'));
  let server: ServerProcess | null = null;
  beforeAll(() => ensureBuilt());
  afterAll(async () => {
    await server?.kill('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('restarts its own server, says so on /api/health, and keeps every acknowledged write', async () => {
    // DATABASE_URL '' = unset for the server: it starts (and owns) the embedded server.
    server = await startServer({ DATABASE_URL: '', DATA_DIR: dataDir, SEED: 'demo' });
    const url = server.url;
    const owner = JSON.parse(readFileSync(join(dataDir, OWNER_FILE), 'utf8')) as OwnerFile;
    expect(owner.role).toBe('console');
    const dbUrl = embeddedUrl(owner.port);
    const duty = await login(url);
    const start = await head(url, duty);
    const watchers = clients(url, duty, 3, start);
    await Promise.all(watchers.map((c) => c.ready()));

    let sending = true;
    const acked: string[] = [];
    const answers = new Map<number, number>();
    const load = Array.from({ length: SENDERS }, async () => {
      while (sending) {
        const xml = capXml();
        const id = /<identifier>([^<]+)<\/identifier>/.exec(xml)?.[1] ?? '';
        const r = await api(url, 'POST', '/api/feeds/cap', {
          token: 'demo-feed',
          raw: xml,
          contentType: 'application/cap+xml',
          timeoutMs: 60_000,
        });
        answers.set(r.status, (answers.get(r.status) ?? 0) + 1);
        if (r.status === 201 || r.status === 200) acked.push(id);
        if (r.status === 0 || r.status >= 500) await sleep(100);
      }
    });

    const recoveries: number[] = [];
    const seen = new Set<string>();
    for (let k = 0; k < KILLS; k++) {
      await sleep(2000);
      const pid = Number.parseInt(
        readFileSync(join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0] ?? '',
        10,
      );
      expect(pid).toBeGreaterThan(0);
      const killedAt = Date.now();
      process.kill(pid, 'SIGKILL');
      let recoveredMs = Number.NaN;
      // Every change in what /api/health said, with when: printed if it never came back.
      const trace: string[] = [];
      while (Date.now() - killedAt < RECOVERY_BOUND_MS) {
        const r = await api(url, 'GET', '/api/health', { timeoutMs: 5000 });
        const h = r.body as Partial<HealthDto> | null;
        const db = h?.database;
        seen.add(`${r.status} ${db?.status}`);
        const said = `${r.status} database ${db?.status} restarts ${db?.restarts} timers ${h?.timers?.status}`;
        if (!trace[trace.length - 1]?.endsWith(said))
          trace.push(`+${Date.now() - killedAt} ms: ${said}`);
        if (r.status === 200 && db?.status === 'up' && (db.restarts ?? 0) >= k + 1) {
          recoveredMs = Date.now() - killedAt;
          break;
        }
        await sleep(200);
      }
      if (!(recoveredMs < RECOVERY_BOUND_MS))
        throw new Error(
          `kill ${k + 1}: /api/health not 200 with the database up within ${RECOVERY_BOUND_MS} ms; it said:\n${trace.join('\n')}\nthe console's log about its database:\n${databaseLines(server?.output() ?? '')}`,
        );
      recoveries.push(recoveredMs);
    }
    await sleep(1000);
    sending = false;
    await Promise.all(load);

    expect(server.child.exitCode).toBeNull();
    // While it was away the console said so (down or recovering), never a plain 200.
    expect([...seen].some((s) => /^503 (recovering|down)$/.test(s))).toBe(true);
    // No request got a 500: refused with 503 (or answered once the server was back).
    for (const st of answers.keys()) expect([201, 200, 503]).toContain(st);
    expect(answers.get(201) ?? 0).toBeGreaterThan(0);
    // Ingest works again, on the restarted server.
    const after = capXml();
    const r = await api(url, 'POST', '/api/feeds/cap', {
      token: 'demo-feed',
      raw: after,
      contentType: 'application/cap+xml',
    });
    expect(r.status).toBe(201);
    acked.push(/<identifier>([^<]+)<\/identifier>/.exec(after)?.[1] ?? '');
    // Every acknowledged message survived the crash (WAL replay), exactly once.
    await expectAcknowledgedExactlyOnce(dbUrl, acked);
    // Live clients converge on the log, which the database agrees with.
    expect(
      (
        await api(url, 'POST', '/api/notices', {
          token: duty,
          body: { text: 'kill drill sentinel' },
        })
      ).status,
    ).toBe(201);
    const end = await head(url, duty);
    await Promise.all(watchers.map((c) => c.until(end, 60_000)));
    expectContiguous(watchers, start, end);
    await expectDatabaseAgrees(dbUrl, watchers, start);
    for (const c of watchers) c.close();

    const show = [...answers].map(([s, n]) => `${s === 0 ? 'no answer' : s}×${n}`).join(' ');
    record({
      fault: 'embedded-pg-kill',
      showed: [
        `The console's own embedded PostgreSQL postmaster was SIGKILLed ${KILLS}× while ${SENDERS} senders pushed CAP; the console was not restarted.`,
        `The console restarted it on the same port; /api/health said ${[...seen].filter((s) => !s.startsWith('200')).join(', ')} meanwhile, and 200 again after ${recoveries.map((ms) => `${ms} ms`).join(', ')} (bound ${RECOVERY_BOUND_MS / 1000} s).`,
        `Answers during the run: ${show}.`,
        `All ${acked.length} acknowledged messages exist exactly once after crash recovery; clients hold the contiguous log, equal to the database's.`,
      ],
      figures: {
        kills: KILLS,
        recoveryMs: recoveries.join(' '),
        answers: show,
        acknowledged: acked.length,
      },
    });
  });
});
