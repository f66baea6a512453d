import * as fc from 'fast-check';
import {
  ackSchema,
  changeLevelSchema,
  createIncidentSchema,
  dutyLogEntrySchema,
  endResponseSchema,
  incidentFeedSchema,
  loginRequestSchema,
  occupancyUpdateSchema,
  postNoticeSchema,
  sensorFeedSchema,
  shelterStatusChangeSchema,
  smsInboundSchema,
  startResponseSchema,
  stockMovementSchema,
  teamPositionBatchSchema,
  teamPositionSchema,
  teamStatusChangeSchema,
} from '@sanfang/shared';
import type { ZodType } from 'zod';
import { capXml } from '../warnings/cap-factory';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { ensureBuilt, startServer, type ServerProcess } from '../helpers/processes';
import { api, sql } from './api';
import { FULL, login, record } from './lib';
import { badCap } from './hostile-corpus';

const RUNS = FULL ? 200 : 12;
// No parser blow-up: each answer within this (generous: the machine is shared).
const ANSWER_BOUND_MS = 10_000;

interface Target {
  path: string;
  auth: 'none' | 'feed' | 'duty' | 'commander';
  schema: ZodType;
}

/** Everything a refused request must leave as it was. */
const STATE = `SELECT (SELECT last_seq FROM event_counter LIMIT 1)::text AS head,
  (SELECT count(*) FROM cap_messages)::text AS cap, (SELECT count(*) FROM incidents)::text AS incidents,
  (SELECT count(*) FROM incident_reports)::text AS reports, (SELECT count(*) FROM dispatches)::text AS dispatches,
  (SELECT count(*) FROM notices)::text AS notices, (SELECT count(*) FROM stock_movements)::text AS movements,
  (SELECT count(*) FROM users)::text AS users`;

describe('fault: hostile input sweep over every public endpoint', () => {
  let db: TestDatabase;
  let s: ServerProcess;
  const tokens: Record<Target['auth'], string | undefined> = {
    none: undefined,
    feed: 'demo-feed',
    duty: undefined,
    commander: undefined,
  };
  beforeAll(async () => {
    ensureBuilt();
    db = await createTestDatabase();
    s = await startServer({
      DATABASE_URL: db.url,
      LOGIN_RATE_LIMIT: '1000000',
      ACK_RATE_LIMIT: '1000000',
    });
    tokens.duty = await login(s.url);
    tokens.commander = await login(s.url, 'commander');
  });
  afterAll(async () => {
    await s.kill();
    await db.drop();
  });

  it('answers every bad body with a 4xx in time, and stores nothing', async () => {
    const [shelter] = await sql<{ id: string }>(db.url, 'SELECT id FROM shelters LIMIT 1');
    const [team] = await sql<{ id: string }>(db.url, 'SELECT id FROM rescue_teams LIMIT 1');
    const [wh] = await sql<{ id: string }>(db.url, 'SELECT id FROM warehouses LIMIT 1');
    const fakeId = '00000000-0000-4000-8000-000000000000';
    const targets: Target[] = [
      { path: '/api/auth/login', auth: 'none', schema: loginRequestSchema },
      { path: '/api/feeds/incidents', auth: 'feed', schema: incidentFeedSchema },
      { path: '/api/feeds/sensors', auth: 'feed', schema: sensorFeedSchema },
      { path: '/api/channels/sms/inbound', auth: 'feed', schema: smsInboundSchema },
      { path: '/api/rescue-teams/positions', auth: 'feed', schema: teamPositionBatchSchema },
      { path: `/api/ack/${'A'.repeat(43)}`, auth: 'none', schema: ackSchema },
      { path: '/api/notices', auth: 'duty', schema: postNoticeSchema },
      { path: '/api/incidents', auth: 'duty', schema: createIncidentSchema },
      { path: '/api/duty-log', auth: 'duty', schema: dutyLogEntrySchema },
      { path: '/api/responses', auth: 'commander', schema: startResponseSchema },
      { path: `/api/responses/${fakeId}/level`, auth: 'commander', schema: changeLevelSchema },
      { path: `/api/responses/${fakeId}/end`, auth: 'commander', schema: endResponseSchema },
      {
        path: `/api/shelters/${shelter!.id}/occupancy`,
        auth: 'duty',
        schema: occupancyUpdateSchema,
      },
      {
        path: `/api/shelters/${shelter!.id}/open`,
        auth: 'duty',
        schema: shelterStatusChangeSchema,
      },
      {
        path: `/api/rescue-teams/${team!.id}/status`,
        auth: 'duty',
        schema: teamStatusChangeSchema,
      },
      { path: `/api/rescue-teams/${team!.id}/position`, auth: 'duty', schema: teamPositionSchema },
      { path: `/api/warehouses/${wh!.id}/movements`, auth: 'duty', schema: stockMovementSchema },
      {
        path: `/api/shelter-link/${'B'.repeat(43)}/occupancy`,
        auth: 'none',
        schema: occupancyUpdateSchema,
      },
    ];
    const before = (await sql<Record<string, string>>(db.url, STATE))[0];
    const seen = new Map<number, number>();
    let requests = 0;
    let slowest = 0;
    const check = (path: string, status: number, ms: number, what: string): void => {
      requests++;
      slowest = Math.max(slowest, ms);
      seen.set(status, (seen.get(status) ?? 0) + 1);
      if (status < 400 || status >= 500 || ms > ANSWER_BOUND_MS)
        throw new Error(`${path} answered ${status} in ${ms} ms to ${what.slice(0, 300)}`);
    };

    // JSON endpoints: any JSON value the endpoint's own schema refuses, and text that is not JSON.
    for (const t of targets) {
      await fc.assert(
        fc.asyncProperty(
          fc.jsonValue({ maxDepth: 4 }).filter((v) => !t.schema.safeParse(v).success),
          async (body) => {
            const r = await api(s.url, 'POST', t.path, { token: tokens[t.auth], body });
            check(t.path, r.status, r.ms, JSON.stringify(body));
          },
        ),
        { numRuns: RUNS },
      );
      await fc.assert(
        fc.asyncProperty(
          fc.string({ maxLength: 200 }).filter((x) => {
            try {
              JSON.parse(x);
              return false;
            } catch {
              return true;
            }
          }),
          async (raw) => {
            const r = await api(s.url, 'POST', t.path, { token: tokens[t.auth], raw });
            check(t.path, r.status, r.ms, raw);
          },
        ),
        { numRuns: Math.ceil(RUNS / 3) },
      );
    }

    // CAP: the corpus, then truncated valid messages and arbitrary text.
    const cap = (xml: string) =>
      api(s.url, 'POST', '/api/feeds/cap', {
        token: 'demo-feed',
        raw: xml,
        contentType: 'application/cap+xml',
      });
    for (const b of badCap()) {
      const r = await cap(b.xml);
      check('/api/feeds/cap', r.status, r.ms, b.name);
    }
    const valid = capXml();
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: valid.length - 20 }), async (cut) => {
        const r = await cap(valid.slice(0, cut));
        check('/api/feeds/cap', r.status, r.ms, `truncated at ${cut}`);
      }),
      { numRuns: RUNS },
    );
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 500 }), async (text) => {
        const r = await cap(text);
        check('/api/feeds/cap', r.status, r.ms, text);
      }),
      { numRuns: RUNS },
    );

    const after = (await sql<Record<string, string>>(db.url, STATE))[0];
    expect(after).toEqual(before);
    // Still serving: a valid request right after the sweep goes through.
    expect((await api(s.url, 'GET', '/api/health')).status).toBe(200);
    record({
      fault: 'hostile-input',
      showed: [
        `${requests} refused requests over ${targets.length + 1} endpoints: the bad-input corpora of the warnings tests plus fast-check bodies each endpoint's own schema refuses, and text that is not JSON.`,
        'No 5xx, every answer a 4xx within the bound; the event head and every counted table are unchanged.',
      ],
      figures: {
        requests,
        numRunsPerProperty: RUNS,
        slowestMs: slowest,
        answers: [...seen]
          .sort(([a], [b]) => a - b)
          .map(([st, n]) => `${st}×${n}`)
          .join(' '),
      },
    });
  });
});
