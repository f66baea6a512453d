import type { DispatchDto, DispatchEventPayload, ResponseDto } from '@sanfang/shared';
import { AckTokens } from '../../src/dispatch/ack-token';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { ensureBuilt, startServer } from '../helpers/processes';
import { api, expectDatabaseAgrees, sql } from './api';
import { clients, expectContiguous, FULL, head, login, record } from './lib';

// Two instances: SMS replies reach one, ack-page posts the other, all at once.
const SECRET = 'fault-drill-ack-secret-0123456789abcdef';
const DISPATCHES = FULL ? 80 : 20;
const EACH = FULL ? 6 : 3;
const ENV = { ACK_TOKEN_SECRET: SECRET, ACK_RATE_LIMIT: '100000', ACK_DEADLINE_S: '3600' };

describe('fault: duplicate and concurrent acknowledgements from SMS and the ack page', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    ensureBuilt();
    db = await createTestDatabase();
  });
  afterAll(() => db.drop());

  it(`${DISPATCHES} dispatches × ${EACH} SMS + ${EACH} page acks at once: one state change each`, async () => {
    const a = await startServer({ ...ENV, DATABASE_URL: db.url });
    const b = await startServer({ ...ENV, DATABASE_URL: db.url });
    const duty = await login(a.url);
    const start = await head(a.url, duty);
    const watchers = clients(a.url, duty, 3, start);
    try {
      await Promise.all(watchers.map((c) => c.ready()));
      const commander = await login(a.url, 'commander');
      const started = await api(a.url, 'POST', '/api/responses', {
        token: commander,
        body: { hazard: 'flood', level: 'IV', reason: 'ack drill', subdistrictCodes: [] },
      });
      expect(started.status).toBe(201);
      const response = started.body as ResponseDto;
      const list = (
        await api(a.url, 'GET', `/api/dispatches?responseId=${response.id}`, { token: duty })
      ).body as DispatchDto[];
      const chosen = list.slice(0, DISPATCHES);
      expect(chosen).toHaveLength(DISPATCHES);
      const tokens = new AckTokens(SECRET);
      // Every caller for every chosen dispatch fires in the same tick.
      const calls = chosen.flatMap((d) => [
        ...Array.from({ length: EACH }, () =>
          api(a.url, 'POST', '/api/channels/sms/inbound', {
            token: 'demo-feed',
            body: { from: d.phone, text: `${d.code} A` },
          }).then((r) => ({ d, via: 'sms', r })),
        ),
        ...Array.from({ length: EACH }, () =>
          api(b.url, 'POST', `/api/ack/${tokens.sign(d.id)}`, { body: { action: 'ack' } }).then(
            (r) => ({ d, via: 'page', r }),
          ),
        ),
      ]);
      const answers = await Promise.all(calls);
      const statuses = new Map<number, number>();
      for (const { d, r } of answers) {
        statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
        // Everyone is told the same thing: it is acknowledged.
        expect(r.status).toBe(200);
        expect(r.body).toMatchObject({ dispatchId: d.id, status: 'acknowledged' });
      }
      // Sentinel: a notice written after every answer; once clients hold it, they hold all.
      expect(
        (
          await api(a.url, 'POST', '/api/notices', {
            token: duty,
            body: { text: 'ack drill done' },
          })
        ).status,
      ).toBe(201);
      const end = await head(a.url, duty);
      await Promise.all(watchers.map((c) => c.until(end, 60_000)));
      expectContiguous(watchers, start, end);
      await expectDatabaseAgrees(db.url, watchers, start);
      const ids = chosen.map((d) => d.id);
      const acked = watchers[0]!.applied.filter(
        (e) => e.type === 'dispatch.acknowledged' && ids.includes(e.payload.dispatchId),
      );
      expect(acked.map((e) => (e.payload as DispatchEventPayload).dispatchId).sort()).toEqual(
        [...ids].sort(),
      );
      const rows = await sql<{ id: string; status: string; acknowledged_at: Date | null }>(
        db.url,
        'SELECT id, status, acknowledged_at FROM dispatches WHERE id = ANY($1)',
        [ids],
      );
      expect(rows).toHaveLength(DISPATCHES);
      for (const r of rows) {
        expect(r.status).toBe('acknowledged');
        expect(r.acknowledged_at).not.toBeNull();
      }
      record({
        fault: 'concurrent-acks',
        showed: [
          `${DISPATCHES} dispatches were each acknowledged ${EACH} times by SMS (instance A) and ${EACH} times by the ack page (instance B), all requests in flight at once.`,
          `Every caller got 200 with status acknowledged; each dispatch has exactly one dispatch.acknowledged event and one acknowledged row; clients hold the contiguous log, which equals the database's.`,
        ],
        figures: {
          dispatches: DISPATCHES,
          requests: answers.length,
          answers: [...statuses].map(([s, n]) => `${s}×${n}`).join(' '),
          acknowledgedEvents: acked.length,
        },
      });
    } finally {
      for (const c of watchers) c.close();
      await Promise.all([a.kill(), b.kill()]);
    }
  });
});
