import { io } from 'socket.io-client';
import { DataSource } from 'typeorm';
import { SOCKET_PATH, type EventsPage } from '@sanfang/shared';
import { EventLog } from '../../src/events/event-log.service';
import { EventsRepository } from '../../src/events/events.repository';
import { createTestApp, type TestApp } from '../helpers/app';
import { connected, liveClient, type TestLiveClient } from '../helpers/live-client';

describe('live events (socket.io)', () => {
  let t: TestApp;
  let base: string;
  let dutyToken: string;
  let log: EventLog;
  let repo: EventsRepository;
  const clients: TestLiveClient[] = [];
  const client = (token: string, opts?: Parameters<typeof liveClient>[2]) => {
    const c = liveClient(base, token, opts);
    clients.push(c);
    return c;
  };

  beforeAll(async () => {
    t = await createTestApp();
    base = await t.listen();
    dutyToken = await t.login('duty');
    log = t.app.get(EventLog);
    repo = t.app.get(EventsRepository);
  });
  afterEach(() => {
    for (const c of clients.splice(0)) c.close();
  });
  afterAll(() => t.close());

  const postNotice = (text: string, token = dutyToken, body: object = {}) =>
    t.http
      .post('/api/notices')
      .set('authorization', `Bearer ${token}`)
      .send({ text, ...body });

  const refusal = (auth: unknown): Promise<{ message: string; data?: { code: string } }> =>
    new Promise((resolve, reject) => {
      const s = io(base, {
        path: SOCKET_PATH,
        transports: ['websocket'],
        reconnection: false,
        auth: auth as object,
      });
      s.on('connect', () => {
        s.disconnect();
        reject(new Error('connected'));
      });
      s.on('connect_error', (e) => {
        s.disconnect();
        resolve(e);
      });
    });

  describe('handshake', () => {
    it('refuses a connection without a token, with a reason', async () => {
      const e = await refusal({});
      expect(e.data?.code).toBe('HANDSHAKE_INVALID');
    });

    it('refuses a forged token', async () => {
      const e = await refusal({ token: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl' });
      expect(e.data?.code).toBe('AUTH_TOKEN_INVALID');
    });

    it("refuses a browser page from another site (Origin), accepts the console's own", async () => {
      const open = (origin: string, url = base) =>
        new Promise<'connected' | 'refused'>((resolve) => {
          const s = io(url, {
            path: SOCKET_PATH,
            transports: ['websocket'],
            reconnection: false,
            extraHeaders: { origin },
            auth: { token: dutyToken },
          });
          s.on('connect', () => {
            s.disconnect();
            resolve('connected');
          });
          s.on('connect_error', () => {
            s.disconnect();
            resolve('refused');
          });
        });
      expect(await open('https://evil.example')).toBe('refused');
      expect(await open('null')).toBe('refused');
      expect(await open(base)).toBe('connected');
      const other = await createTestApp(
        { ALLOWED_ORIGINS: 'https://duty.example.org' },
        { db: t.db },
      );
      try {
        const url = await other.listen();
        expect(await open('https://duty.example.org', url)).toBe('connected');
        expect(await open('https://evil.example', url)).toBe('refused');
      } finally {
        await other.app.close();
      }
    });

    it('refuses a malformed lastSeq', async () => {
      const e = await refusal({ token: dutyToken, lastSeq: 'abc' });
      expect(e.data).toMatchObject({
        code: 'HANDSHAKE_INVALID',
        message: expect.stringContaining('lastSeq'),
      });
    });
  });

  it('pushes a notice posted over HTTP to a connected console', async () => {
    const c = client(dutyToken);
    await c.until(0); // resumed: live from here
    const res = await postNotice('雨量站告警请关注');
    expect(res.status).toBe(201);
    const head = await repo.head();
    await c.until(head);
    expect(c.applied.at(-1)).toMatchObject({
      type: 'notice.posted',
      payload: { text: '雨量站告警请关注' },
    });
  });

  it('resumes a client that was away while 200 events were written: the full sequence, once', async () => {
    const start = await repo.head();
    const c = client(dutyToken, { lastSeq: start });
    await connected(c.socket);
    for (let i = 0; i < 50; i++) await postNotice(`before ${i}`);
    await c.until(start + 50);
    c.socket.disconnect();
    for (let i = 0; i < 200; i++) {
      await log.write('test', async (tx) =>
        tx.emit('notice.posted', { id: `${i}`, text: `away ${i}`, level: 'info', author: 't' }),
      );
    }
    c.socket.connect();
    await c.until(start + 250);
    // Some more live, to cross the replay/live seam.
    for (let i = 0; i < 20; i++) await postNotice(`after ${i}`);
    await c.until(start + 270);
    expect(c.applied.map((e) => e.seq)).toEqual(
      Array.from({ length: 270 }, (_, i) => start + i + 1),
    );
  });

  it("never gives a contact another contact's events, yet its sequence stays complete", async () => {
    const ds = t.app.get(DataSource);
    const contacts = await ds.query<
      { username: string; contact_id: string; subdistrict_code: string }[]
    >(
      `SELECT username, contact_id, subdistrict_code FROM users WHERE role = 'contact' ORDER BY username LIMIT 2`,
    );
    const [a, b] = contacts as [(typeof contacts)[number], (typeof contacts)[number]];
    const ca = client(await t.login(a.username), { lastSeq: await repo.head() });
    const cb = client(await t.login(b.username), { lastSeq: await repo.head() });
    const officer = client(dutyToken, { lastSeq: await repo.head() });
    await Promise.all([ca, cb, officer].map((c) => connected(c.socket)));
    const heard: string[] = [];
    for (const c of [ca, cb]) {
      c.socket.on('head', () => heard.push('head'));
      c.socket.on('accounted', () => heard.push('accounted'));
    }
    const dispatch = async (contactId: string, sd: string, text: string): Promise<number> =>
      (
        await log.writeWithEvents('test', async (tx) =>
          tx.emit(
            'notice.posted',
            { id: text, text, level: 'urgent', author: 't' },
            { subdistrictCodes: [sd], contactIds: [contactId] },
          ),
        )
      ).events[0]!.seq;
    const forA = await dispatch(a.contact_id, a.subdistrict_code, 'for A');
    const forB = await dispatch(b.contact_id, b.subdistrict_code, 'for B');
    await postNotice('district-wide');
    const head = await repo.head();
    // A contact's sequence is their own events: it ends at their last one, not the head.
    await Promise.all([ca.until(forA), cb.until(forB), officer.until(head)]);
    expect(heard).toEqual([]);
    const texts = (c: TestLiveClient) => c.applied.map((e) => (e.payload as { text: string }).text);
    expect(texts(ca)).toEqual(['for A']);
    expect(texts(cb)).toEqual(['for B']);
    expect(texts(officer)).toEqual(['for A', 'for B', 'district-wide']);
    // Over HTTP too: the contact's lastSeq is their own, the global head stays hidden.
    const page = await t.http
      .get(`/api/events?after=0&limit=1000`)
      .set('authorization', `Bearer ${await t.login(a.username)}`);
    expect((page.body as EventsPage).lastSeq).toBe(forA);
    expect(forA).toBeLessThan(head);
  });

  it('closes a socket that sends an unknown event, telling it why; others are unaffected', async () => {
    const bad = client(dutyToken);
    const good = client(dutyToken);
    await Promise.all([bad.until(0), good.until(0)]);
    const rejected = new Promise<{ code: string }>((r) => bad.socket.once('rejected', r));
    const closed = new Promise((r) => bad.socket.once('disconnect', r));
    (bad.socket as unknown as { emit: (e: string, p: unknown) => void }).emit(
      'delete_everything',
      {},
    );
    expect((await rejected).code).toBe('UNKNOWN_EVENT');
    await closed;
    expect(good.socket.connected).toBe(true);
  });

  it('drops a connection that sends an oversized frame', async () => {
    const c = client(dutyToken, { reconnect: false });
    await connected(c.socket);
    const closed = new Promise<string>((r) => c.socket.once('disconnect', r));
    (c.socket as unknown as { emit: (e: string, p: unknown) => void }).emit(
      'x',
      'y'.repeat(200 * 1024),
    );
    expect(await closed).toMatch(/transport/);
  });

  describe('GET /api/events', () => {
    it('requires authentication', async () => {
      expect((await t.http.get('/api/events?after=0')).status).toBe(401);
    });

    it.each(['abc', '-1', '1.5', '', '1e3'])(
      'rejects after=%p with 400 and the path',
      async (after) => {
        const res = await t.http
          .get(`/api/events?after=${after}`)
          .set('authorization', `Bearer ${dutyToken}`);
        expect(res.status).toBe(400);
        expect(res.body).toMatchObject({
          code: 'VALIDATION_FAILED',
          path: expect.stringMatching(/^query\.after/),
        });
      },
    );

    it('pages through the log with lastSeq to continue from', async () => {
      const head = await repo.head();
      const res = await t.http
        .get(`/api/events?after=${head - 3}&limit=2`)
        .set('authorization', `Bearer ${dutyToken}`);
      expect(res.status).toBe(200);
      const body = res.body as EventsPage;
      expect(body.events.map((e) => e.seq)).toEqual([head - 2, head - 1]);
      expect(res.body.lastSeq).toBe(head - 1);
    });
  });
});
