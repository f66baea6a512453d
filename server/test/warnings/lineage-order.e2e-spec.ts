import type { CapIngestResult, CapSettings, WarningDetailDto, WarningDto } from '@sanfang/shared';
import { DataSource } from 'typeorm';
import { IngestService } from '../../src/warnings/ingest.service';
import { LineageStore } from '../../src/warnings/lineage-store';
import { storedRef } from '../../src/warnings/warnings.repository';
import { createTestApp, type TestApp } from '../helpers/app';
import { capXml, refOf } from './cap-factory';

/** Every order of arrival of Alert → Update → Update, and the default lifetime. */
describe('warning chains whatever the order of arrival', () => {
  let t: TestApp;
  let ds: DataSource;
  let duty: string;
  let admin: string;
  beforeAll(async () => {
    t = await createTestApp();
    ds = t.app.get(DataSource);
    duty = await t.login('duty');
    admin = await t.login('admin');
  });
  afterAll(() => t.close());

  const post = (xml: string) =>
    t.http
      .post('/api/feeds/cap')
      .set('Authorization', 'Bearer demo-feed')
      .set('Content-Type', 'application/cap+xml')
      .send(Buffer.from(xml, 'utf8'));
  const detail = async (id: string): Promise<WarningDetailDto> =>
    (await t.http.get(`/api/warnings/${id}`).set('Authorization', `Bearer ${duty}`).expect(200))
      .body as WarningDetailDto;
  const active = async (): Promise<WarningDto[]> =>
    (
      await t.http
        .get('/api/warnings?active=true')
        .set('Authorization', `Bearer ${duty}`)
        .expect(200)
    ).body as WarningDto[];
  /** Suggestions raised by any warning of the chain, in order. */
  const suggestionsFor = (ids: string[]) =>
    ds.query<{ action: string; level: string | null }[]>(
      `SELECT payload->>'action' AS action, payload->>'level' AS level FROM events
        WHERE type = 'response.suggested' AND payload->>'warningId' = ANY($1) ORDER BY seq`,
      [ids],
    );

  const permutations = <T>(xs: T[]): T[][] =>
    xs.length <= 1
      ? [xs]
      : xs.flatMap((x, i) =>
          permutations([...xs.slice(0, i), ...xs.slice(i + 1)]).map((p) => [x, ...p]),
        );

  let n = 0;
  /** A yellow Alert, an orange Update and a red Update; the last references `lastRefs`. */
  function chain(lastRefs: 'all' | 'previous') {
    const tag = `ORD${n++}-${Date.now()}`;
    const t0 = Date.now() - 120_000;
    const a = capXml({ identifier: `${tag}-A`, sent: new Date(t0), colour: '黄' });
    const u1 = capXml({
      identifier: `${tag}-U1`,
      sent: new Date(t0 + 30_000),
      msgType: 'Update',
      references: refOf(a),
      headline: '宝安区暴雨黄色预警升级为橙色',
    });
    const u2 = capXml({
      identifier: `${tag}-U2`,
      sent: new Date(t0 + 60_000),
      msgType: 'Update',
      references: lastRefs === 'all' ? `${refOf(a)} ${refOf(u1)}` : refOf(u1),
      headline: '宝安区暴雨橙色预警升级为红色',
    });
    return { a, u1, u2, all: { A: a, U1: u1, U2: u2 } as Record<string, string> };
  }

  const orders = permutations(['A', 'U1', 'U2']);

  /** A Cancel of `alert`, sent a second ago (after the chain's messages). */
  const cancelOf = (alert: string, headline?: string): string =>
    capXml({
      identifier: `CXL-${Date.now()}`,
      msgType: 'Cancel',
      references: refOf(alert),
      sent: new Date(Date.now() - 1_000),
      ...(headline ? { headline } : {}),
    });

  describe.each(['all', 'previous'] as const)(
    'the last Update references %s earlier messages',
    (refs) => {
      it.each(orders.map((o) => [o.join(' → '), o] as const))('%s', async (_name, order) => {
        const c = chain(refs);
        const ids = new Set<string>();
        for (const k of order) {
          const r = (await post(c.all[k]!).expect(201)).body as CapIngestResult;
          if (r.warningId) ids.add(r.warningId);
        }
        // One live warning, red, from the newest message, with its whole chain and its Alert's time.
        const live = (await active()).filter((w) => [...ids].includes(w.id));
        expect(live).toHaveLength(1);
        const w = await detail(live[0]!.id);
        expect(w).toEqual(
          expect.objectContaining({
            colour: 'red',
            state: 'active',
            headline: '宝安区暴雨橙色预警升级为红色',
            missingEarlier: false,
          }),
        );
        expect(w.chain.map((m) => m.msgType)).toEqual(['Alert', 'Update', 'Update']);
        expect(w.chainIdentities.map((x) => x.identifier)).toEqual(
          w.chain.map((m) => m.identifier),
        );
        expect(w.issuedAt).toBe(w.chain[0]!.sent);
        expect(w.current.identifier).toBe(w.chain[2]!.identifier);
        // With full references, any order gives exactly one warning.
        if (refs === 'all') expect(ids.size).toBe(1);
        // Otherwise a chain shown before the link was known reads as superseded by this one.
        for (const other of [...ids].filter((id) => id !== w.id)) {
          expect(await detail(other)).toEqual(
            expect.objectContaining({ state: 'superseded', chain: [] }),
          );
        }
        // The suggestions end at the red level and none is raised twice.
        const s = await suggestionsFor([...ids]);
        expect(s.at(-1)).toEqual({ action: expect.stringMatching(/start|raise/), level: 'III' });
        const seen = s.map((x) => `${x.action}:${x.level}`);
        expect(new Set(seen).size).toBe(seen.length);
        // Leave nothing live for the next order.
        await post(
          capXml({
            msgType: 'Cancel',
            references: refOf(c.u2),
            sent: new Date(Date.now() - 1_000),
          }),
        ).expect(201);
        expect((await active()).filter((x) => ids.has(x.id))).toEqual([]);
      });
    },
  );

  it('records a Cancel of an unseen warning and leaves nothing active; its Alert arriving later is cancelled at once', async () => {
    const c = chain('all');
    const cancel = cancelOf(c.a);
    const r = (await post(cancel).expect(201)).body as CapIngestResult;
    expect(r).toEqual(expect.objectContaining({ outcome: 'orphan', warningId: null }));
    const before = (await active()).length;
    const a = (await post(c.a).expect(201)).body as CapIngestResult;
    expect((await detail(a.warningId!)).state).toBe('cancelled');
    expect((await active()).length).toBe(before);
  });

  it.each([
    ['a drill (Exercise)', { status: 'Exercise' }],
    ['outside the district', { area: '深圳市龙岗区(龙城街道)' }],
  ])(
    'joins an earlier message arriving late to the warning its Update started, for %s too',
    async (_name, o) => {
      const tag = `LATE-${Date.now()}`;
      const t0 = Date.now() - 120_000;
      const a = capXml({ ...o, identifier: `${tag}-A`, sent: new Date(t0) });
      const u = capXml({
        ...o,
        identifier: `${tag}-U`,
        sent: new Date(t0 + 30_000),
        msgType: 'Update',
        references: refOf(a),
        colour: '橙',
      });
      const first = (await post(u).expect(201)).body as CapIngestResult;
      expect(first.warningId).not.toBeNull();
      const late = (await post(a).expect(201)).body as CapIngestResult;
      expect(late.warningId).toBe(first.warningId);
      const [chains] = await ds.query<{ n: number }[]>(
        `SELECT count(DISTINCT warning_id)::int AS n FROM cap_messages WHERE identifier LIKE $1`,
        [`${tag}-%`],
      );
      expect(chains?.n).toBe(1);
    },
  );

  it('gives lineage the whole stored message when a batch reads it by reference and as an orphan', async () => {
    // A Cancel waits for its unseen Alert; the Alert then arrives in one batch with an Ack of
    // the Cancel. The batch reads the Cancel by key (lean) and as the Alert's orphan (whole),
    // and lineage applies it to the new warning: it must see its headline, not a lean row.
    const c = chain('all');
    const cancel = cancelOf(c.a, '深圳市气象台解除宝安区暴雨黄色预警');
    await post(cancel).expect(201);
    const parse = (xml: string) => t.app.get(IngestService).parse(xml);
    const ack = capXml({
      identifier: `ACK-${Date.now()}`,
      msgType: 'Ack',
      references: refOf(cancel),
      sent: new Date(),
    });
    const keys = [parse(c.a), parse(ack)].map((a) => ({ self: a, references: a.references }));
    await ds.transaction(async (m) => {
      const [row] = await m.query<Record<string, unknown>[]>(LineageStore.readSql(keys));
      const store = LineageStore.fromRow(m, keys, row);
      const byReference = await store.find(parse(cancel));
      const [orphan] = await store.orphansOf(storedRef(parse(c.a)));
      expect(orphan).toBe(byReference);
      expect(orphan).toEqual(
        expect.objectContaining({
          msgType: 'Cancel',
          orphan: true,
          headline: '深圳市气象台解除宝安区暴雨黄色预警',
          hazard: 'rainstorm',
        }),
      );
    });
  });

  describe('default lifetime when a message sets no expiry', () => {
    it('only an admin changes it; the console reads it', async () => {
      const got = await t.http
        .get('/api/admin/cap-settings')
        .set('Authorization', `Bearer ${duty}`)
        .expect(200);
      expect(got.body).toEqual({
        defaultLifetimeH: 24,
        lifetimeByHazardH: {},
        lifetimeByCategoryH: {},
      });
      await t.http
        .put('/api/admin/cap-settings')
        .set('Authorization', `Bearer ${duty}`)
        .send({ defaultLifetimeH: 1 })
        .expect(403);
      const bad = await t.http
        .put('/api/admin/cap-settings')
        .set('Authorization', `Bearer ${admin}`)
        .send({ defaultLifetimeH: -1 })
        .expect(400);
      expect(bad.body).toEqual(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
    });

    it('assumes the lifetime by hazard, says so, and a later message ends it', async () => {
      const settings: CapSettings = {
        defaultLifetimeH: 24,
        lifetimeByHazardH: { rainstorm: 6 },
        lifetimeByCategoryH: { Met: 12 },
      };
      await t.http
        .put('/api/admin/cap-settings')
        .set('Authorization', `Bearer ${admin}`)
        .send(settings)
        .expect(200);
      const sent = new Date(Date.now() - 60_000);
      sent.setMilliseconds(0);
      const a = capXml({ identifier: `LIFE-${Date.now()}`, sent });
      const r = (await post(a).expect(201)).body as CapIngestResult;
      const w = await detail(r.warningId!);
      expect(w).toEqual(expect.objectContaining({ state: 'active', expiresAssumed: true }));
      expect(Date.parse(w.expires!)).toBe(+sent + 6 * 3_600_000);
      expect(w.chain[0]!.expiresAssumed).toBe(true);
      // An Update that states its expiry replaces the assumption.
      const until = new Date(Date.now() + 3_600_000);
      until.setMilliseconds(0);
      await post(
        capXml({
          identifier: `LIFE-U-${Date.now()}`,
          msgType: 'Update',
          references: refOf(a),
          expires: until,
          sent: new Date(Date.now() - 30_000),
        }),
      ).expect(201);
      const after = await detail(r.warningId!);
      expect(after).toEqual(
        expect.objectContaining({ expiresAssumed: false, expires: until.toISOString() }),
      );
      await post(
        capXml({ msgType: 'Cancel', references: refOf(a), sent: new Date(Date.now() - 1_000) }),
      ).expect(201);
      expect((await detail(r.warningId!)).state).toBe('cancelled');
    });
  });
});
