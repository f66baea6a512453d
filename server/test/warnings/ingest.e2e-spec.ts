import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import type {
  CapIngestResult,
  CapLogPageDto,
  CapMessageDto,
  WarningDetailDto,
  WarningDto,
} from '@sanfang/shared';
import { DataSource } from 'typeorm';
import { WarningsService } from '../../src/warnings/warnings.service';
import { createTestApp, type TestApp } from '../helpers/app';
import { capXml, refOf, scenario } from './cap-factory';

describe('POST /api/feeds/cap', () => {
  let t: TestApp;
  let ds: DataSource;
  let duty: string;
  beforeAll(async () => {
    t = await createTestApp();
    ds = t.app.get(DataSource);
    duty = await t.login('duty');
  });
  afterAll(() => t.close());

  const post = (xml: string, type = 'application/cap+xml', token = 'demo-feed') =>
    t.http
      .post('/api/feeds/cap')
      .set('Authorization', `Bearer ${token}`)
      .set('Content-Type', type)
      .send(xml);
  const count = async (sql: string): Promise<number> =>
    (await ds.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM ${sql}`))[0]!.n;
  const active = async (): Promise<WarningDto[]> =>
    (
      await t.http
        .get('/api/warnings?active=true')
        .set('Authorization', `Bearer ${duty}`)
        .expect(200)
    ).body as WarningDto[];
  const suggestions = async (warningId: string) =>
    ds.query<{ action: string; level: string | null; hazard: string; auto: boolean }[]>(
      `SELECT payload->>'action' AS action, payload->>'level' AS level, payload->>'hazard' AS hazard,
              (payload->>'autoApply')::boolean AS auto
         FROM events WHERE type = 'response.suggested' AND payload->>'warningId' = $1 ORDER BY seq`,
      [warningId],
    );

  it('requires authentication', async () => {
    await t.http
      .post('/api/feeds/cap')
      .set('Content-Type', 'application/cap+xml')
      .send(capXml())
      .expect(401);
    const res = await post(capXml(), 'application/cap+xml', 'not-a-token');
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('AUTH_TOKEN_INVALID');
  });

  it('refuses a user session (feeds authenticate with a feed token)', async () => {
    await post(capXml(), 'application/cap+xml', duty).expect(401);
  });

  it('answers 415 for other content types and stores nothing', async () => {
    const before = await count('cap_messages');
    const res = await post(JSON.stringify({ a: 1 }), 'application/json');
    expect(res.status).toBe(415);
    expect(res.body).toEqual(expect.objectContaining({ code: 'UNSUPPORTED_MEDIA_TYPE' }));
    await post(capXml(), 'text/plain').expect(415);
    expect(await count('cap_messages')).toBe(before);
  });

  it('rainstorm chain: yellow → orange → red → Cancel leaves the right active warning', async () => {
    const s = scenario('rainstorm-chain');
    const [y, o, r, c] = s.steps;
    const r1 = await post(y!.xml).expect(201);
    const id = (r1.body as CapIngestResult).warningId!;
    expect(r1.body).toEqual(
      expect.objectContaining({ outcome: 'issued', state: 'active', duplicate: false }),
    );
    let act = await active();
    expect(act).toHaveLength(1);
    expect(act[0]).toEqual(
      expect.objectContaining({
        id,
        hazard: 'rainstorm',
        colour: 'yellow',
        level: 'III',
        districtWide: false,
      }),
    );
    expect(act[0]!.subdistrictCodes).toEqual(['440306001', '440306002', '440306007']);

    await post(o!.xml).expect(201);
    act = await active();
    expect(act.map((w) => [w.id, w.colour, w.districtWide])).toEqual([[id, 'orange', true]]);

    await post(r!.xml).expect(201);
    act = await active();
    expect(act.map((w) => [w.id, w.colour, w.subdistrictCodes])).toEqual([
      [id, 'red', ['440306002', '440306007']],
    ]);

    const rc = await post(c!.xml).expect(201);
    expect(rc.body).toEqual(
      expect.objectContaining({ outcome: 'cancelled', state: 'cancelled', warningId: id }),
    );
    expect(await active()).toEqual([]);

    const detail = (
      await t.http.get(`/api/warnings/${id}`).set('Authorization', `Bearer ${duty}`).expect(200)
    ).body as WarningDetailDto;
    expect(detail.state).toBe('cancelled');
    expect(detail.chain.map((m) => m.msgType)).toEqual(['Alert', 'Update', 'Update', 'Cancel']);
    const types = await ds.query<{ type: string }[]>(
      `SELECT type FROM events WHERE type LIKE 'warning.%' AND payload->>'warningId' = $1 ORDER BY seq`,
      [id],
    );
    expect(types.map((x) => x.type)).toEqual([
      'warning.issued',
      'warning.updated',
      'warning.updated',
      'warning.cancelled',
    ]);
    // The table: yellow → flood attention, orange → IV, red → III, cancel → stand down.
    expect(await suggestions(id)).toEqual([
      { action: 'start', level: 'attention', hazard: 'flood', auto: false },
      { action: 'raise', level: 'IV', hazard: 'flood', auto: false },
      { action: 'raise', level: 'III', hazard: 'flood', auto: false },
      { action: 'end', level: null, hazard: 'flood', auto: false },
    ]);
  });

  it('keeps the raw XML verbatim with its sha256', async () => {
    const xml = capXml({ identifier: 'VERBATIM-1', status: 'Test' });
    const res = await post(xml).expect(201);
    const [row] = await ds.query<{ raw_xml: string; sha256: string }[]>(
      `SELECT raw_xml, sha256 FROM cap_messages WHERE id = $1`,
      [(res.body as CapIngestResult).messageId],
    );
    expect(row!.raw_xml).toBe(xml);
    expect(row!.sha256).toBe(createHash('sha256').update(xml).digest('hex'));
  });

  it('out of order: an Update before its Alert is shown at once, and the Alert joins the same warning', async () => {
    const s = scenario('out-of-order', 1_000);
    const [upd, alert, dup, bomb, lonlat] = s.steps;
    const warningsBefore = await count('warnings');
    const u = await post(upd!.xml).expect(201);
    expect(u.body).toEqual(expect.objectContaining({ outcome: 'issued', state: 'active' }));
    const id = (u.body as CapIngestResult).warningId!;
    // Shown at once as the warning's current state, marked: earlier messages not received.
    const shown = (await active()).find((w) => w.id === id);
    expect(shown).toEqual(
      expect.objectContaining({ colour: 'orange', missingEarlier: true, state: 'active' }),
    );
    const suggested = await suggestions(id);
    const a = await post(alert!.xml).expect(201);
    expect(a.body).toEqual(expect.objectContaining({ warningId: id, outcome: 'stale' }));
    expect(await count('warnings')).toBe(warningsBefore + 1);
    const detail = (
      await t.http.get(`/api/warnings/${id}`).set('Authorization', `Bearer ${duty}`).expect(200)
    ).body as WarningDetailDto;
    // The newest message (the Update) is the chain's state even though it arrived first.
    expect(detail).toEqual(
      expect.objectContaining({ colour: 'orange', state: 'active', missingEarlier: false }),
    );
    expect(detail.issuedAt).toBe(detail.chain[0]!.sent);
    expect(detail.chain.map((m) => [m.msgType, m.orphan])).toEqual([
      ['Alert', false],
      ['Update', false],
    ]);
    // The late Alert changes what is shown to nobody: no second suggestion.
    expect(await suggestions(id)).toEqual(suggested);
    // What the feed's posts wrote. Not every event: the Update's 叫应 round and its messages'
    // delivery states are written after the post answered, and may land in the middle of this.
    const fed = "events WHERE actor LIKE 'feed:%'";
    const events = await count(fed);
    const stored = await count('cap_messages');
    const d = await post(dup!.xml).expect(200);
    expect(d.body).toEqual(expect.objectContaining({ duplicate: true, warningId: id }));
    expect(await count(fed)).toBe(events);

    const b = await post(bomb!.xml).expect(400);
    expect(b.body.code).toBe('CAP_DTD_FORBIDDEN');
    const l = await post(lonlat!.xml).expect(422);
    expect(l.body).toEqual(expect.objectContaining({ code: 'CAP_INVALID_GEOMETRY' }));
    expect(l.body.message).toMatch(/lon,lat/);
    expect(l.body.path).toBe('alert.info[0].area[0].polygon[0]');
    expect(await count(fed)).toBe(events);
    expect(await count('cap_messages')).toBe(stored);
    // Leave no live warning behind for the next test: cancel the chain.
    await post(
      capXml({
        msgType: 'Cancel',
        references: refOf(upd!.xml),
        sent: new Date(Date.now() + 5_000),
      }),
    ).expect(201);
    expect((await active()).map((w) => w.id)).not.toContain(id);
  });

  describe('messages arriving together (one transaction for many)', () => {
    const since = async () =>
      (await ds.query<{ s: string }[]>(`SELECT last_seq AS s FROM event_counter`))[0]!.s;

    it('answers each sender, stores each message once and keeps every event, in order', async () => {
      const from = await since();
      const alerts = Array.from({ length: 12 }, (_, i) =>
        capXml({ identifier: `BURST-${Date.now()}-${i}`, sender: `BURST${i % 3}`, status: 'Test' }),
      );
      const twice = alerts[0]!;
      const replies = await Promise.all([...alerts, twice, twice].map((x) => post(x)));
      const ids = replies.map((r) => (r.body as CapIngestResult).messageId);
      // The first copy is stored, the other two answer as duplicates of the same message.
      expect(replies.filter((r) => r.status === 201)).toHaveLength(12);
      expect(replies.filter((r) => r.status === 200)).toHaveLength(2);
      expect(new Set(ids).size).toBe(12);
      expect(ids[12]).toBe(ids[0]);
      expect(ids[13]).toBe(ids[0]);

      const rows = await ds.query<{ seq: string; actor: string; id: string; at: Date }[]>(
        `SELECT seq, actor, payload->>'messageId' AS id, occurred_at AS at FROM events
          WHERE seq > $1 AND type = 'cap.received' ORDER BY seq`,
        [from],
      );
      expect(rows.map((r) => r.id).sort()).toEqual([...new Set(ids)].sort());
      // Each event names its own feed, even when it shared a transaction with others.
      expect(new Set(rows.map((r) => r.actor))).toEqual(new Set(['feed:demo feed']));
      // Gap-free: the seqs run on without a hole.
      const seqs = (
        await ds.query<{ seq: string }[]>(`SELECT seq FROM events WHERE seq > $1 ORDER BY seq`, [
          from,
        ])
      ).map((r) => Number(r.seq));
      expect(seqs).toEqual(seqs.map((_, i) => Number(from) + i + 1));
      // They went in fewer transactions than messages (group commit): shared start times.
      expect(new Set(rows.map((r) => +r.at)).size).toBeLessThan(12);
    });

    it('refuses one bad message without failing the others sent with it', async () => {
      const at = new Date(Date.now() - 30_000);
      // Test status: an Actual Update of an unseen warning would be shown as a live warning.
      const waiting = capXml({
        identifier: `LOOP-A-${Date.now()}`,
        msgType: 'Update',
        status: 'Test',
        sent: at,
      });
      const loop = capXml({
        identifier: `LOOP-B-${Date.now()}`,
        msgType: 'Update',
        references: refOf(waiting),
        sent: at,
      });
      // A stored orphan that references `loop`; `loop` referencing it back closes a cycle.
      const orphan = waiting.replace(
        '<scope>Public</scope>',
        `<scope>Public</scope>\n  <references>${refOf(loop)}</references>`,
      );
      await post(orphan).expect(201);
      const good = Array.from({ length: 6 }, (_, i) =>
        capXml({ identifier: `MIX-${Date.now()}-${i}`, status: 'Test' }),
      );
      const before = await count('cap_messages');
      const replies = await Promise.all(
        [...good.slice(0, 3), loop, ...good.slice(3)].map((x) => post(x)),
      );
      expect(replies.map((r) => r.status)).toEqual([201, 201, 201, 422, 201, 201, 201]);
      expect(replies[3]!.body).toEqual(
        expect.objectContaining({ code: 'CAP_INVALID_REFERENCE', path: 'alert.references' }),
      );
      expect(await count('cap_messages')).toBe(before + 6);
    });

    it('an Update sent together with its Alert ends as if they came in order', async () => {
      const alert = capXml({
        identifier: `PAIR-A-${Date.now()}`,
        sent: new Date(Date.now() - 50_000),
      });
      const update = capXml({
        identifier: `PAIR-U-${Date.now()}`,
        msgType: 'Update',
        colour: '橙',
        headline: '深圳市气象台升级宝安区暴雨橙色预警',
        references: refOf(alert),
        sent: new Date(Date.now() - 40_000),
      });
      // Whichever is applied first, the Update is part of the Alert's chain in the end.
      const filler = Array.from({ length: 3 }, (_, i) =>
        capXml({ identifier: `PAIR-F-${Date.now()}-${i}`, status: 'Test' }),
      );
      const [, u, a] = await Promise.all([
        post(filler[0]!),
        post(update),
        post(alert),
        post(filler[1]!),
        post(filler[2]!),
      ]);
      expect(u.status).toBe(201);
      expect(a.status).toBe(201);
      const id = (a.body as CapIngestResult).warningId!;
      const detail = (
        await t.http.get(`/api/warnings/${id}`).set('Authorization', `Bearer ${duty}`).expect(200)
      ).body as WarningDetailDto;
      expect(detail.chain.map((m) => [m.msgType, m.orphan])).toEqual([
        ['Alert', false],
        ['Update', false],
      ]);
      expect(detail).toEqual(expect.objectContaining({ state: 'active' }));
      expect(detail.headline).toContain('橙色');
      await post(
        capXml({
          msgType: 'Cancel',
          references: refOf(update),
          sent: new Date(Date.now() - 1_000),
        }),
      ).expect(201);
      expect((await active()).map((w) => w.id)).not.toContain(id);
    });
  });

  it('an Exercise is stored and shown as a drill but suggests nothing; an Error retracts an Actual', async () => {
    const s = scenario('drill-and-error', 2_000);
    const [ex, actual, err] = s.steps;
    const e = await post(ex!.xml).expect(201);
    const exId = (e.body as CapIngestResult).warningId!;
    const w = (
      await t.http.get(`/api/warnings/${exId}`).set('Authorization', `Bearer ${duty}`).expect(200)
    ).body as WarningDetailDto;
    expect(w).toEqual(expect.objectContaining({ drill: true, status: 'Exercise', colour: 'red' }));
    expect(await suggestions(exId)).toEqual([]);

    const a = await post(actual!.xml).expect(201);
    const aId = (a.body as CapIngestResult).warningId!;
    const r = await post(err!.xml).expect(201);
    expect(r.body).toEqual(
      expect.objectContaining({ outcome: 'retracted', state: 'retracted', warningId: aId }),
    );
    expect((await suggestions(aId)).map((x) => x.action)).toEqual(['start', 'end']);
  });

  it('Test, Draft and System are stored in the feed log and never acted on', async () => {
    for (const status of ['Test', 'Draft', 'System']) {
      const res = await post(capXml({ status, colour: '红' })).expect(201);
      expect(res.body).toEqual(
        expect.objectContaining({ outcome: 'not_acted_on', warningId: null }),
      );
    }
    const log = await t.http
      .get('/api/feeds/cap/log?limit=3')
      .set('Authorization', `Bearer ${duty}`)
      .expect(200);
    const page = log.body as CapLogPageDto;
    expect(page.messages.map((m) => m.status).sort()).toEqual(['Draft', 'System', 'Test']);
    expect(page.total).toBe(await count('cap_messages'));
  });

  it('pages the feed log newest first: every message once across the pages, the total, bad offsets refused', async () => {
    const get = (q: string) =>
      t.http.get(`/api/feeds/cap/log?${q}`).set('Authorization', `Bearer ${duty}`);
    for (let i = 0; i < 3; i++) await post(capXml({ status: 'Test', colour: '黄' })).expect(201);
    const stored = await ds.query<{ id: string }[]>(
      `SELECT id FROM cap_messages ORDER BY received_at DESC, id DESC`,
    );
    expect(stored.length).toBeGreaterThan(4);
    const seen: CapMessageDto[] = [];
    for (let offset = 0; offset < stored.length + 2; offset += 2) {
      const page = (await get(`limit=2&offset=${offset}`).expect(200)).body as CapLogPageDto;
      expect(page).toMatchObject({ total: stored.length, offset, limit: 2 });
      expect(page.messages.length).toBe(Math.max(0, Math.min(2, stored.length - offset)));
      seen.push(...page.messages);
    }
    expect(seen.map((m) => m.id)).toEqual(stored.map((r) => r.id));
    const times = seen.map((m) => Date.parse(m.receivedAt));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    // No offset: the first page, as before paging existed.
    const first = (await get('limit=2').expect(200)).body as CapLogPageDto;
    expect(first.messages.map((m) => m.id)).toEqual(stored.slice(0, 2).map((r) => r.id));
    for (const bad of ['-1', 'x', '1.5']) {
      const res = await get(`offset=${bad}`).expect(400);
      expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED', path: 'query.offset' });
    }
  });

  it('expiry is a sweep over the warnings: no timer per message, a warning past due while the console was away expires once', async () => {
    const res = await post(capXml({ colour: '黄', area: '宝安区(石岩街道)' })).expect(201);
    const id = (res.body as CapIngestResult).warningId!;
    expect(await count(`pgboss.job WHERE name = 'warnings.expire'`)).toBe(0);
    // As if the console had been down when it fell due.
    await t.app
      .get(DataSource)
      .query(`UPDATE warnings SET expires = now() - interval '1 minute' WHERE id = $1`, [id]);
    // Two sweeps at once (two instances; the console's own sweep may run too): one expiry.
    const sweeps = t.app.get(WarningsService);
    await Promise.all([sweeps.sweepExpired(), sweeps.sweepExpired()]);
    expect(await sweeps.sweepExpired()).toBe(0);
    expect(
      await count(`events WHERE type = 'warning.expired' AND payload->>'warningId' = '${id}'`),
    ).toBe(1);
    expect((await active()).map((x) => x.id)).not.toContain(id);
  });

  it('thunderstorm-gale expiry: shows expired, not cancelled, and emits warning.expired', async () => {
    const s = scenario('thunderstorm-gale-expiry');
    // Shift so that expires (40 minutes after sent) is 2 s from now.
    const xml = s.steps[0]!.xml;
    const sentAt = new Date(/<sent>([^<]+)<\/sent>/.exec(xml)![1]!).getTime();
    const expAt = new Date(/<expires>([^<]+)<\/expires>/.exec(xml)![1]!).getTime();
    const shifted = scenario(
      'thunderstorm-gale-expiry',
      Date.now() + 2_000 - expAt + (sentAt - sentAt),
    ).steps[0]!.xml;
    const res = await post(shifted).expect(201);
    const id = (res.body as CapIngestResult).warningId!;
    expect(res.body.state).toBe('active');
    const deadline = Date.now() + 20_000;
    while (
      Date.now() < deadline &&
      (await count(`events WHERE type = 'warning.expired' AND payload->>'warningId' = '${id}'`)) ===
        0
    ) {
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(
      await count(`events WHERE type = 'warning.expired' AND payload->>'warningId' = '${id}'`),
    ).toBe(1);
    const w = (
      await t.http.get(`/api/warnings/${id}`).set('Authorization', `Bearer ${duty}`).expect(200)
    ).body as WarningDetailDto;
    expect(w.state).toBe('expired');
    expect(w.hazard).toBe('thunderstorm_gale');
    expect((await active()).map((x) => x.id)).not.toContain(id);
  });

  describe('strict validation', () => {
    const cases: [string, (x: string) => string, string, string?][] = [
      ['wrong namespace', (x) => x.replace('cap:1.2', 'cap:1.1'), 'CAP_NAMESPACE'],
      [
        'elements out of order',
        (x) => x.replace(/(<sender>[^<]*<\/sender>)\s*(<sent>[^<]*<\/sent>)/, '$2$1'),
        'CAP_ELEMENT_ORDER',
      ],
      [
        'missing msgType',
        (x) => x.replace(/<msgType>[^<]*<\/msgType>/, ''),
        'CAP_MISSING_ELEMENT',
        'alert.msgType',
      ],
      [
        'lower-case enumeration',
        (x) => x.replace('<status>Actual', '<status>actual'),
        'CAP_INVALID_VALUE',
        'alert.status',
      ],
      [
        'date-time with Z',
        (x) => x.replace(/<sent>([^<]*)\+08:00</, '<sent>$1Z<'),
        'CAP_INVALID_VALUE',
        'alert.sent',
      ],
      [
        'identifier with a space',
        (x) => x.replace(/<identifier>/, '<identifier>a b'),
        'CAP_INVALID_VALUE',
      ],
      [
        'Restricted without restriction',
        (x) => x.replace('<scope>Public', '<scope>Restricted'),
        'CAP_MISSING_ELEMENT',
      ],
      [
        'unknown element',
        (x) => x.replace('<scope>Public</scope>', '<scope>Public</scope><colour>red</colour>'),
        'CAP_UNKNOWN_ELEMENT',
      ],
      [
        'unclosed polygon',
        (x) =>
          x.replace(
            '</areaDesc>',
            '</areaDesc><polygon>22.5,113.8 22.6,113.8 22.6,113.9 22.5,113.9</polygon>',
          ),
        'CAP_INVALID_GEOMETRY',
      ],
      [
        'polygon with 3 pairs',
        (x) =>
          x.replace(
            '</areaDesc>',
            '</areaDesc><polygon>22.5,113.8 22.6,113.8 22.5,113.8</polygon>',
          ),
        'CAP_INVALID_GEOMETRY',
      ],
      [
        'circle without radius',
        (x) => x.replace('</areaDesc>', '</areaDesc><circle>22.5,113.8</circle>'),
        'CAP_INVALID_GEOMETRY',
      ],
      [
        'Update without references',
        (x) => x.replace('<msgType>Alert', '<msgType>Update'),
        'CAP_MISSING_ELEMENT',
      ],
      [
        'malformed reference',
        (x) =>
          x.replace(
            '<scope>Public</scope>',
            '<scope>Public</scope><references>only,two</references>',
          ),
        'CAP_INVALID_REFERENCE',
      ],
    ];
    // Every row has four entries: jest passes `done` to a test whose arity exceeds its row.
    it.each(cases.map(([n, e, c, p]) => [n, e, c, p ?? null] as const))(
      'rejects %s with a code and path, storing nothing',
      async (_n, edit, code, path: string | null) => {
        const before = await count('cap_messages');
        const res = await post(edit(capXml()));
        expect(res.status).toBe(422);
        expect(res.body.code).toBe(code);
        expect(typeof res.body.message).toBe('string');
        if (path) expect(res.body.path).toBe(path);
        expect(await count('cap_messages')).toBe(before);
      },
    );

    it('rejects a post-dated and a circular reference', async () => {
      const a = capXml({ sent: new Date(Date.now() - 60_000) });
      const later = capXml({ sent: new Date(Date.now() + 60_000) });
      const res = await post(
        capXml({
          msgType: 'Update',
          references: refOf(later),
          sent: new Date(Date.now() - 120_000),
        }),
      );
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('CAP_INVALID_REFERENCE');
      expect(res.body.message).toMatch(/post-dated/);
      const self = capXml({ identifier: 'SELF-1', msgType: 'Update', references: refOf(a) });
      const selfRef = self.replace(refOf(a), refOf(self));
      expect((await post(selfRef)).body.code).toBe('CAP_INVALID_REFERENCE');
    });
  });

  describe('hostile input', () => {
    const quick = async (body: string, status: number, code?: string): Promise<void> => {
      const before = await count('cap_messages');
      const started = Date.now();
      const res = await post(body);
      // Generous bound: the point is "no parser blow-up", not a benchmark on a shared machine.
      expect(Date.now() - started).toBeLessThan(2_000);
      expect(res.status).toBe(status);
      if (code) expect(res.body.code).toBe(code);
      expect(await count('cap_messages')).toBe(before);
    };
    const withDecl = (decl: string, body: string): string =>
      capXml().replace('<alert', `${decl}\n<alert`).replace('<note>', body);

    it('refuses an XXE file read', () =>
      quick(
        withDecl('<!DOCTYPE alert [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>', ''),
        400,
        'CAP_DTD_FORBIDDEN',
      ));
    it('refuses billion laughs', () => {
      const ents = Array.from(
        { length: 10 },
        (_, i) => `<!ENTITY l${i + 1} "${`&l${i};`.repeat(10)}">`,
      ).join('');
      return quick(
        withDecl(`<!DOCTYPE alert [<!ENTITY l0 "lol">${ents}]>`, ''),
        400,
        'CAP_DTD_FORBIDDEN',
      );
    });
    it('refuses one big entity repeated', () =>
      quick(
        capXml()
          .replace('<alert', `<!DOCTYPE alert [<!ENTITY big "${'x'.repeat(100_000)}">]><alert`)
          .replace('<headline>', `<headline>${'&big;'.repeat(1000)}`),
        400,
        'CAP_DTD_FORBIDDEN',
      ));
    it('refuses a DOCTYPE hidden after a BOM, whitespace and a comment, in lower case', () =>
      quick(
        `\uFEFF  <!-- hi --><!doctype alert>${capXml().replace(/^<\?xml[^>]*>/, '')}`,
        400,
        'CAP_DTD_FORBIDDEN',
      ));
    it('refuses 100,000 numeric character references', () =>
      quick(
        capXml().replace('<headline>', `<headline>${'&#65;'.repeat(100_000)}`),
        400,
        'CAP_XML_LIMIT',
      ));
    it('answers 413 for a body over 1 MiB', () =>
      quick(
        capXml().replace('<headline>', `<headline>${'a'.repeat(1_100_000)}`),
        413,
        'PAYLOAD_TOO_LARGE',
      ));
    it('refuses nesting deeper than the limit', () =>
      quick(
        capXml().replace('<headline>', `<headline>${'<a>'.repeat(50)}${'</a>'.repeat(50)}`),
        400,
        'CAP_XML_LIMIT',
      ));
    it('refuses more elements than the limit', () =>
      quick(
        capXml().replace(
          '</areaDesc>',
          `</areaDesc>${'<geocode><valueName>x</valueName><value>1</value></geocode>'.repeat(2_000)}`,
        ),
        400,
        'CAP_XML_LIMIT',
      ));
    it('never fetches a resource uri (it is stored as text only)', async () => {
      let hits = 0;
      const srv = createServer((_req, res) => {
        hits++;
        res.end('x');
      });
      await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
      const uri = `http://127.0.0.1:${(srv.address() as { port: number }).port}/map.png`;
      const xml = capXml({ status: 'Test' }).replace(
        '<area>',
        `<resource><resourceDesc>map</resourceDesc><mimeType>image/png</mimeType><uri>${uri}</uri></resource><area>`,
      );
      await post(xml).expect(201);
      // A sentinel request proves the server was reachable all along.
      await fetch(uri);
      await new Promise<void>((r) => srv.close(() => r()));
      expect(hits).toBe(1);
    });
  });
});
