import type { EventEnvelope, ResponseDto } from '@sanfang/shared';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { liveClient, type TestLiveClient } from '../helpers/live-client';
import { ensureBuilt, startServer, type ServerProcess } from '../helpers/processes';

jest.setTimeout(120_000);

const ENV = { ACK_DEADLINE_S: '4', ESCALATION_STEP_S: '2', ONSITE_DEADLINE_S: '600' };

async function login(url: string, username: string): Promise<string> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'demo' }),
  });
  return ((await res.json()) as { accessToken: string }).accessToken;
}

async function call(url: string, token: string, path: string, body: object): Promise<unknown> {
  const res = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${path} ${res.status} ${await res.text()}`);
  return res.json();
}

const escalations = (c: TestLiveClient): Map<string, number[]> => {
  const m = new Map<string, number[]>();
  for (const e of c.applied.filter((x: EventEnvelope) => x.type === 'dispatch.escalated')) {
    const p = e.payload;
    if (p.ladder !== 'ack') continue;
    m.set(p.dispatchId, [...(m.get(p.dispatchId) ?? []), p.step ?? 0]);
  }
  return m;
};

/** Resolves when every dispatch has reached step 3 of its ack ladder. */
async function allClimbed(c: TestLiveClient, ids: string[]): Promise<void> {
  for (;;) {
    const m = escalations(c);
    if (ids.every((id) => (m.get(id) ?? []).includes(3))) return;
    await c.until((c.sync.lastSeq ?? 0) + 1, 30_000);
  }
}

describe('escalation across server processes', () => {
  const servers: ServerProcess[] = [];
  const dbs: TestDatabase[] = [];
  const clients: TestLiveClient[] = [];
  beforeAll(() => ensureBuilt());
  afterEach(async () => {
    for (const c of clients.splice(0)) c.close();
    for (const s of servers.splice(0)) await s.kill('SIGKILL');
    for (const d of dbs.splice(0)) await d.drop();
  });

  async function activate(url: string): Promise<{ response: ResponseDto; ids: string[] }> {
    const commander = await login(url, 'commander');
    const response = (await call(url, commander, '/api/responses', {
      hazard: 'flood',
      level: 'IV',
      reason: 'processes',
      subdistrictCodes: ['440306001'],
    })) as ResponseDto;
    const duty = await login(url, 'duty');
    const res = await fetch(`${url}/api/dispatches?responseId=${response.id}`, {
      headers: { authorization: `Bearer ${duty}` },
    });
    const ids = ((await res.json()) as { id: string }[]).map((d) => d.id);
    return { response, ids };
  }

  async function endAndCount(url: string, c: TestLiveClient, responseId: string): Promise<void> {
    const commander = await login(url, 'commander');
    await call(url, commander, `/api/responses/${responseId}/end`, { reason: 'done' });
    // Sentinel: the end event arrives after anything that fired before it.
    while (!c.applied.some((e) => e.type === 'response.ended'))
      await c.until((c.sync.lastSeq ?? 0) + 1, 30_000);
  }

  it('a restart in the middle still escalates every step on time, exactly once', async () => {
    const db = await createTestDatabase();
    dbs.push(db);
    const a = await startServer({ ...ENV, DATABASE_URL: db.url });
    servers.push(a);
    const { response, ids } = await activate(a.url);
    expect(ids.length).toBeGreaterThan(4);
    await a.kill('SIGKILL'); // before the 4 s deadline
    const b = await startServer({ ...ENV, DATABASE_URL: db.url });
    servers.push(b);
    const c = liveClient(b.url, await login(b.url, 'duty'), { lastSeq: 0 });
    clients.push(c);
    await allClimbed(c, ids);
    await endAndCount(b.url, c, response.id);
    const m = escalations(c);
    for (const id of ids) expect(m.get(id)).toEqual([1, 2, 3]);
    // Never before the deadline, even though the timers were scheduled by the killed process.
    const firstSteps = c.applied.filter(
      (e) => e.type === 'dispatch.escalated' && e.payload.step === 1,
    );
    for (const e of firstSteps)
      expect(Date.parse(e.occurredAt)).toBeGreaterThanOrEqual(
        Date.parse(response.startedAt) + 4000,
      );
  });

  it('two instances fire each timer once', async () => {
    const db = await createTestDatabase();
    dbs.push(db);
    const a = await startServer({ ...ENV, DATABASE_URL: db.url });
    const b = await startServer({ ...ENV, DATABASE_URL: db.url });
    servers.push(a, b);
    const c = liveClient(a.url, await login(a.url, 'duty'), { lastSeq: 0 });
    clients.push(c);
    const { response, ids } = await activate(b.url);
    await allClimbed(c, ids);
    await endAndCount(a.url, c, response.id);
    const m = escalations(c);
    for (const id of ids) expect(m.get(id)).toEqual([1, 2, 3]);
  });
});
