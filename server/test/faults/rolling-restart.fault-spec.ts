import type { DispatchDto, ResponseDto } from '@sanfang/shared';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import type { TestLiveClient } from '../helpers/live-client';
import {
  ensureBuilt,
  hasRedisServer,
  type RedisProcess,
  type ServerProcess,
  startRedis,
  startServer,
} from '../helpers/processes';
import { api, expectDatabaseAgrees, sql } from './api';
import { clients, expectContiguous, FULL, head, login, record, sleep } from './lib';
import { hasNginx, type NginxProcess, startNginx } from './nginx';

const CLIENTS = FULL ? 100 : 10;
const WRITERS = 3;
// Short ack windows so the escalation timers fire while the instances restart.
const ENV = {
  ACK_DEADLINE_S: '6',
  ESCALATION_STEP_S: '2',
  ONSITE_DEADLINE_S: '3600',
  // Below the test helper's 15 s SIGKILL: a stuck drain shows as exit code 1, not a kill.
  SHUTDOWN_TIMEOUT_S: '12',
  // DRILL_LOG_LEVEL=info shows each instance's request log and drain steps on failure.
  LOG_LEVEL: process.env.DRILL_LOG_LEVEL ?? 'warn',
};

const NGINX_FAIL_TIMEOUT_MS = 10_000;

const run = hasNginx() ? describe : describe.skip;
if (!hasNginx())
  console.log('[skip] nginx not installed (apt-get install nginx-light): rolling restart skipped');

const ackSteps = (c: TestLiveClient): Map<string, number[]> => {
  const m = new Map<string, number[]>();
  for (const e of c.applied) {
    if (e.type !== 'dispatch.escalated') continue;
    const p = e.payload as { dispatchId: string; ladder?: string; step?: number };
    if (p.ladder !== 'ack') continue;
    m.set(p.dispatchId, [...(m.get(p.dispatchId) ?? []), p.step ?? 0]);
  }
  return m;
};

run('fault: rolling restart (SIGTERM) of two instances behind nginx under steady writes', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    ensureBuilt();
    db = await createTestDatabase();
  });
  afterAll(() => db.drop());

  it('loses no request, no event and no timer', async () => {
    const redis: RedisProcess | null = hasRedisServer() ? await startRedis() : null;
    const env = { ...ENV, DATABASE_URL: db.url, ...(redis ? { REDIS_URL: redis.url } : {}) };
    const servers: ServerProcess[] = await Promise.all([startServer(env), startServer(env)]);
    const nginx: NginxProcess = await startNginx([servers[0]!.port, servers[1]!.port]);
    const url = nginx.url;
    const duty = await login(url);
    const start = await head(url, duty);
    // Every live client goes through nginx (sticky on the client address: all on one instance).
    const all = clients(url, duty, CLIENTS, start);
    const answers = new Map<number, number>();
    const stopped: ServerProcess[] = [];
    let written = 0;
    let stop = false;
    // Why each live connection ended: a draining instance closes them at the transport
    // ("transport close": the client reconnects by itself), never "io server disconnect".
    const reasons: string[][] = all.map(() => []);
    all.forEach((c, i) => c.socket.on('disconnect', (reason) => reasons[i]!.push(reason)));
    try {
      await Promise.all(all.map((c) => c.ready()));
      const writers = Array.from({ length: WRITERS }, (_, w) =>
        (async () => {
          for (let i = 0; !stop; i++) {
            const r = await api(url, 'POST', '/api/notices', {
              token: duty,
              body: { text: `rolling ${w}.${i}` },
            });
            answers.set(r.status, (answers.get(r.status) ?? 0) + 1);
            if (r.status === 201) written++;
            await sleep(20);
          }
        })(),
      );
      // A whole-district call-out: every ack ladder's timers fire during the restarts.
      const commander = await login(url, 'commander');
      const started = await api(url, 'POST', '/api/responses', {
        token: commander,
        body: {
          hazard: 'flood',
          level: 'IV',
          reason: 'rolling restart drill',
          subdistrictCodes: [],
        },
      });
      expect(started.status).toBe(201);
      const rid = (started.body as ResponseDto).id;
      const ids = (
        (await api(url, 'GET', `/api/dispatches?responseId=${rid}`, { token: duty }))
          .body as DispatchDto[]
      )
        .filter((d) => d.role !== 'onsite_lead_backup')
        .map((d) => d.id);
      expect(ids.length).toBeGreaterThan(0);

      // The rolling restart: one instance at a time, SIGTERM, wait for its exit, start again.
      const stops: { ms: number; code: number | null }[] = [];
      for (let i = 0; i < servers.length; i++) {
        // As an operator would: the next instance only after nginx takes the restarted one
        // back. nginx (open source) marks a server it could not reach as down for
        // fail_timeout (10 s in infra/nginx.conf) and cannot be asked, so wait that out.
        if (i > 0) await sleep(NGINX_FAIL_TIMEOUT_MS + 1_000);
        else await sleep(1_000);
        const old = servers[i]!;
        stopped.push(old);
        const t0 = Date.now();
        await old.kill('SIGTERM');
        stops.push({ ms: Date.now() - t0, code: old.child.exitCode });
        servers[i] = await startServer(env, old.port);
      }
      await sleep(1_000);
      stop = true;
      await Promise.all(writers);

      // Every ladder climbs to step 3 (nobody answers): wait on the events themselves.
      const watcher = all[0]!;
      const deadline = Date.now() + 120_000;
      for (;;) {
        const m = ackSteps(watcher);
        if (ids.every((id) => (m.get(id) ?? []).includes(3))) break;
        if (Date.now() > deadline) throw new Error('ladders did not reach step 3');
        await watcher.until((watcher.sync.lastSeq ?? 0) + 1, 30_000).catch(() => undefined);
      }
      const ended = await api(url, 'POST', `/api/responses/${rid}/end`, {
        token: commander,
        body: { reason: 'drill over' },
      });
      expect(ended.status).toBe(200);
      expect(
        (await api(url, 'POST', '/api/notices', { token: duty, body: { text: 'sentinel' } }))
          .status,
      ).toBe(201);
      const end = await head(url, duty);
      await Promise.all(all.map((c) => c.until(end, 60_000)));

      // No request lost: every write was answered 201 through nginx, and each is in the log.
      expect(Object.fromEntries(answers)).toEqual({ 201: written });
      const [notices] = await sql<{ n: string }>(
        db.url,
        `SELECT count(*) AS n FROM events WHERE seq > $1 AND type = 'notice.posted'
            AND payload->>'text' LIKE 'rolling %'`,
        [start],
      );
      expect(Number(notices!.n)).toBe(written);
      // Both instances stopped cleanly (exit 0: every request they had received was answered).
      expect(stops.map((s) => s.code)).toEqual([0, 0]);
      // No event lost: every client holds the whole log, in order, once; the database agrees.
      expectContiguous(all, start, end);
      await expectDatabaseAgrees(db.url, all, start);
      // No timer lost or doubled: each ladder fired steps 1, 2, 3 exactly once; none pending.
      const steps = ackSteps(watcher);
      for (const id of ids) expect(steps.get(id)).toEqual([1, 2, 3]);
      const [pending] = await sql<{ n: string }>(
        db.url,
        `SELECT count(*) AS n FROM pgboss.job WHERE name = 'dispatch.deadline'
            AND state IN ('created', 'retry', 'active') AND data->'data'->>'dispatchId' = ANY($1)`,
        [ids],
      );
      expect(Number(pending!.n)).toBe(0);
      // Both instances were restarted, so every client was moved at least once.
      for (const r of reasons) {
        expect(r.length).toBeGreaterThan(0);
        expect(r.every((x) => x === 'transport close')).toBe(true);
      }
      const moves = reasons.reduce((a, r) => a + r.length, 0);
      record({
        fault: 'rolling-restart',
        showed: [
          `Two instances behind the compose file's nginx were restarted one after the other (SIGTERM, wait for exit, start) while ${WRITERS} writers posted notices through nginx and a whole-district call-out's ${ids.length} ack ladders were due.`,
          `All ${written} writes were answered 201 and are in the log; each instance drained and exited 0 (in ${stops.map((s) => s.ms).join(' and ')} ms).`,
          `Each of the ${all.length} live clients (all on one instance: nginx is sticky on the address) was told to reconnect by the instance stopping under it (${moves} moves, all "transport close"), reconnected through nginx and ended with the full contiguous log of ${end - start} events.`,
          'Every ack ladder fired steps 1, 2 and 3 exactly once; no deadline job was left pending.',
        ],
        figures: {
          clients: all.length,
          writes: written,
          events: end - start,
          ladders: ids.length,
          stopMsFirst: stops[0]!.ms,
          stopMsSecond: stops[1]!.ms,
          clientMoves: moves,
          redis: redis ? 'yes' : 'no',
        },
      });
    } catch (e) {
      const errors = nginx
        .errorLog()
        .split('\n')
        .filter((l) => !l.includes('socket.io'));
      console.log(`nginx error log (without socket.io lines):\n${errors.slice(-40).join('\n')}`);
      for (const s of stopped)
        console.log(`stopped instance's output:\n${s.output().slice(-3000)}`);
      throw e;
    } finally {
      stop = true;
      for (const c of all) c.close();
      await nginx.stop();
      await Promise.all(servers.map((s) => s.kill()));
      await redis?.stop();
    }
  });
});
