import type { DispatchEventPayload, EventEnvelope, ResponseDto } from '@sanfang/shared';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import type { TestLiveClient } from '../helpers/live-client';
import { ensureBuilt, startServer, type ServerProcess } from '../helpers/processes';
import { api, expectDatabaseAgrees, sql } from './api';
import { clients, expectContiguous, FULL, head, login, record, sleep } from './lib';

const CLIENTS = FULL ? 300 : 20;
// Short ack windows so every ladder climbs to its last step within the drill.
const ACK_S = 8;
const ENV = { ACK_DEADLINE_S: String(ACK_S), ESCALATION_STEP_S: '2', ONSITE_DEADLINE_S: '3600' };
// When the kill lands: N ms after the commander's POST leaves (inside the activation), or the
// moment its rows are visible (committed; publishing and call-out messages not yet done).
const KILL_AT: (number | 'commit')[] = FULL ? [50, 150, 'commit'] : ['commit'];

const ackSteps = (c: TestLiveClient): Map<string, number[]> => {
  const m = new Map<string, number[]>();
  for (const e of c.applied) {
    if (e.type !== 'dispatch.escalated') continue;
    const p = e.payload as DispatchEventPayload & { ladder?: string; step?: number };
    if (p.ladder !== 'ack') continue;
    m.set(p.dispatchId, [...(m.get(p.dispatchId) ?? []), p.step ?? 0]);
  }
  return m;
};

describe('fault: SIGKILL during a whole-district activation', () => {
  let db: TestDatabase;
  beforeAll(() => ensureBuilt());
  afterEach(() => db.drop());

  it.each(KILL_AT)(
    'killed at %s into the activation: dispatches once, timers once, clients converge',
    async (killAfter) => {
      db = await createTestDatabase();
      let server: ServerProcess = await startServer({ ...ENV, DATABASE_URL: db.url });
      const duty = await login(server.url);
      const start = await head(server.url, duty);
      const all = clients(server.url, duty, CLIENTS, start);
      try {
        await Promise.all(all.map((c) => c.ready()));
        const commander = await login(server.url, 'commander');
        const body = { hazard: 'flood', level: 'IV', reason: 'kill drill', subdistrictCodes: [] };
        const post = api(server.url, 'POST', '/api/responses', { token: commander, body });
        if (killAfter === 'commit') {
          const until = Date.now() + 30_000;
          while (Date.now() < until) {
            const [r] = await sql<{ n: string }>(db.url, 'SELECT count(*) AS n FROM dispatches');
            if (Number(r!.n) > 0) break;
          }
        } else await sleep(killAfter);
        await server.kill('SIGKILL');
        const firstAnswer = (await post).status;
        // Same port: the clients' own reconnection finds the new process.
        server = await startServer({ ...ENV, DATABASE_URL: db.url }, server.port);
        const commander2 = await login(server.url, 'commander');
        const active = (await api(server.url, 'GET', '/api/responses', { token: commander2 }))
          .body as ResponseDto[];
        let response = active.find((r) => r.hazard === 'flood' && r.endedAt === null);
        const committed = response !== undefined;
        // Not committed: the commander presses again, as they would.
        if (!response) {
          const again = await api(server.url, 'POST', '/api/responses', {
            token: commander2,
            body,
          });
          expect(again.status).toBe(201);
          response = again.body as ResponseDto;
        }
        const rid = response.id;
        const [counts] = await sql<{ n: string; distinct_pairs: string; contacts: string }>(
          db.url,
          `SELECT count(*) AS n, count(DISTINCT (point_id, role)) AS distinct_pairs,
                  (SELECT count(*) FROM contacts c JOIN waterlogging_points p ON p.id = c.point_id
                    WHERE p.retired_at IS NULL AND c.role <> 'onsite_lead_backup') AS contacts
             FROM dispatches WHERE response_id = $1 AND role <> 'onsite_lead_backup'`,
          [rid],
        );
        const n = Number(counts!.n);
        expect(n).toBe(Number(counts!.contacts));
        expect(Number(counts!.distinct_pairs)).toBe(n);
        // The call-outs of the activation itself. A slow restart can outlast the ack window,
        // so step 1 may already have called out backup leads: those are checked below.
        const ids = (
          await sql<{ id: string }>(
            db.url,
            `SELECT id FROM dispatches WHERE response_id = $1 AND role <> 'onsite_lead_backup'`,
            [rid],
          )
        ).map((r) => r.id);
        // Every ack ladder climbs to step 3 (nobody answers); wait on the events themselves.
        const watcher = all[0]!;
        const deadline = Date.now() + 120_000;
        for (;;) {
          const m = ackSteps(watcher);
          if (ids.every((id) => (m.get(id) ?? []).includes(3))) break;
          if (Date.now() > deadline) throw new Error('ladders did not reach step 3');
          await watcher.until((watcher.sync.lastSeq ?? 0) + 1, 30_000).catch(() => undefined);
        }
        const ended = await api(server.url, 'POST', `/api/responses/${rid}/end`, {
          token: commander2,
          body: { reason: 'drill over' },
        });
        expect(ended.status).toBe(200);
        // Sentinel after the end: anything fired before it is in the log below it.
        expect(
          (
            await api(server.url, 'POST', '/api/notices', {
              token: duty,
              body: { text: 'kill drill sentinel' },
            })
          ).status,
        ).toBe(201);
        const end = await head(server.url, duty);
        await Promise.all(all.map((c) => c.until(end, 120_000)));
        expectContiguous(all, start, end);
        await expectDatabaseAgrees(db.url, all, start);
        const steps = ackSteps(watcher);
        for (const id of ids) expect(steps.get(id)).toEqual([1, 2, 3]);
        // Step 1 also calls out the backup leads: each of those exists once too, and no
        // ladder step ever fired twice.
        const everyId = (
          await sql<{ id: string }>(db.url, 'SELECT id FROM dispatches WHERE response_id = $1', [
            rid,
          ])
        ).map((r) => r.id);
        const created = watcher.applied
          .filter((e: EventEnvelope) => e.type === 'dispatch.created')
          .map((e) => e.payload.dispatchId);
        expect([...created].sort()).toEqual([...everyId].sort());
        for (const [, got] of steps) expect([1, 2, 3].slice(0, got.length)).toEqual(got);
        const pending = await sql<{ n: string }>(
          db.url,
          `SELECT count(*) AS n FROM pgboss.job WHERE name = 'dispatch.deadline'
              AND state IN ('created', 'retry', 'active') AND data->'data'->>'dispatchId' = ANY($1)`,
          [everyId],
        );
        expect(Number(pending[0]!.n)).toBe(0);
        record({
          fault: `killed-activation-${killAfter}`,
          showed: [
            `The server was SIGKILLed ${killAfter === 'commit' ? 'the moment the activation committed' : `${killAfter} ms`} after a commander's whole-district flood IV activation was sent; the POST ${firstAnswer === 0 ? 'got no answer' : `was answered ${firstAnswer}`}, and the activation had ${committed ? 'committed' : 'not committed (the commander re-sent it after the restart)'}.`,
            `After a restart on the same port: ${n} dispatches, one per point × call-out role, none twice (plus ${everyId.length - n} backup-lead call-outs from step 1, each once); every ack ladder fired steps 1, 2, 3 exactly once; no deadline timer left pending after the end.`,
            `${CLIENTS} clients reconnected by themselves and hold the contiguous log, equal to the database's.`,
          ],
          figures: {
            killAt: killAfter,
            activationCommittedBeforeKill: committed ? 'yes' : 'no',
            dispatches: n,
            backupCallouts: everyId.length - n,
            escalations: [...steps.values()].reduce((s, v) => s + v.length, 0),
            clients: CLIENTS,
            events: end - start,
          },
        });
      } finally {
        for (const c of all) c.close();
        await server.kill('SIGKILL');
      }
    },
  );
});
