import { Smsc } from '../../bench/lib/smsc';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { ensureBuilt, startServer, type ServerProcess } from '../helpers/processes';
import { api, sql } from './api';
import { login, record } from './lib';

// Long enough for every first message to settle after the kill (restart, 15 s leases).
const ACK_S = 60;
const RATE = 100;

interface Row {
  id: string;
  dispatch_id: string;
  address: string;
  text: string;
  status: string;
  delivery_error: string | null;
}

const key = (r: Pick<Row, 'address' | 'text'>): string => `${r.address}\n${r.text}`;

/**
 * SIGKILL of the console in the middle of an SMPP call-out, then a restart: at the gateway no
 * message arrives twice; messages in doubt at the kill are not resent; every contact whose
 * message never arrived (so who stays silent) is called again when the answer window runs out.
 */
describe('fault: SIGKILL of the console mid-batch on the SMPP channel', () => {
  let db: TestDatabase;
  beforeAll(() => ensureBuilt());
  afterEach(() => db.drop());

  it('nothing doubled, nothing lost: in-doubt messages are not resent, the silent are called again', async () => {
    db = await createTestDatabase();
    let answers = 0;
    const smsc = new Smsc({
      rate: RATE,
      // Every phone that gets its call-out answers it, as people do.
      answer: (_dest, text) => {
        const code = /“(\d{4}) A”/.exec(text)?.[1];
        if (!code) return null;
        answers++;
        return `${code} A`;
      },
    });
    await smsc.listen();
    const env = {
      DATABASE_URL: db.url,
      NOTIFY_CHANNEL: 'smpp',
      SMPP_URL: smsc.url(`source=12110&rate=${RATE}&window=10&reconnect_min_ms=100`),
      ACK_DEADLINE_S: String(ACK_S),
      ESCALATION_STEP_S: '3600',
      ONSITE_DEADLINE_S: '3600',
    };
    let server: ServerProcess = await startServer(env);
    try {
      const commander = await login(server.url, 'commander');
      const started = await api(server.url, 'POST', '/api/responses', {
        token: commander,
        body: { hazard: 'flood', level: 'IV', reason: 'kill drill', subdistrictCodes: [] },
      });
      expect(started.status).toBe(201);
      const first = await sql<Row>(
        db.url,
        `SELECT id, dispatch_id, address, text, status, delivery_error FROM notifications`,
      );
      expect(first.length).toBeGreaterThan(100);
      // A third of the way through the call-out (three parts a message).
      await smsc.until(() => smsc.segments.length >= first.length, 120_000);
      await server.kill('SIGKILL');
      const atKill = first.filter((r) => smsc.messages.has(key(r))).length;
      expect(atKill).toBeLessThan(first.length);
      server = await startServer(env, server.port);

      // Every first message settles: sent by the new process, or in doubt and not resent.
      const settleBy = Date.now() + 120_000;
      let rows: Row[] = [];
      for (;;) {
        rows = await sql<Row>(
          db.url,
          `SELECT id, dispatch_id, address, text, status, delivery_error FROM notifications
            WHERE id = ANY($1::uuid[])`,
          [first.map((r) => r.id)],
        );
        if (rows.every((r) => r.status === 'delivered') || Date.now() > settleBy) break;
        await new Promise((r) => setTimeout(r, 250));
      }
      expect(rows.filter((r) => r.status !== 'delivered')).toEqual([]);
      const inDoubt = rows.filter((r) => r.delivery_error?.startsWith('in doubt'));
      expect(inDoubt.length).toBeGreaterThan(0);
      // Never written again after the restart: each arrived at most once.
      for (const r of inDoubt) expect(smsc.messages.get(key(r)) ?? 0).toBeLessThanOrEqual(1);

      // The silent (their message never arrived) are called again at the answer deadline.
      const silent = new Set(
        first.filter((r) => !smsc.messages.has(key(r))).map((r) => r.dispatch_id),
      );
      const reachedBy = Date.now() + (ACK_S + 60) * 1000;
      let all: Row[] = [];
      for (;;) {
        all = await sql<Row>(
          db.url,
          `SELECT id, dispatch_id, address, text, status, delivery_error FROM notifications`,
        );
        const reached = new Set(
          all.filter((r) => smsc.messages.has(key(r))).map((r) => r.dispatch_id),
        );
        if ([...silent].every((d) => reached.has(d)) || Date.now() > reachedBy) break;
        await new Promise((r) => setTimeout(r, 500));
      }
      const reached = new Set(
        all.filter((r) => smsc.messages.has(key(r))).map((r) => r.dispatch_id),
      );
      const lost = first.filter((r) => !reached.has(r.dispatch_id));
      const doubled = all.filter((r) => (smsc.messages.get(key(r)) ?? 0) > 1);
      expect(lost).toEqual([]);
      expect(doubled).toEqual([]);
      expect(smsc.doubled()).toBe(0);
      record({
        fault: 'smpp-sigkill-mid-batch',
        showed: [
          'no message arrived twice at the SMSC',
          'messages in doubt at the kill were not resent',
          'every contact whose message never arrived was called again at the answer deadline',
        ],
        figures: {
          messages: first.length,
          arrivedAtKill: atKill,
          inDoubt: inDoubt.length,
          inDoubtArrived: inDoubt.filter((r) => smsc.messages.has(key(r))).length,
          silentRecalled: silent.size,
          answers,
          lost: lost.length,
          doubled: doubled.length,
        },
      });
    } finally {
      await server.kill();
      await smsc.down();
    }
  });
});
