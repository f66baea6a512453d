import type { ShelterCollection, ShelterEventPayload, ShelterTotals } from '@sanfang/shared';
import { EventLog } from '../../src/events/event-log.service';
import { createTestApp, type TestApp } from '../helpers/app';
import { contactToken, eventsOf, headSeq, reactorsCaughtUp, sql } from './resource-helpers';

interface ShelterRow {
  id: string;
  code: string;
  subdistrict_code: string;
}

describe('shelters', () => {
  let t: TestApp;
  let duty: string;
  let admin: string;
  let contact: string;
  /** Shelters of 新安 in code order; each test takes its own. */
  let pool: ShelterRow[];
  const take = (): ShelterRow => {
    const s = pool.shift();
    if (!s) throw new Error('out of seeded shelters');
    return s;
  };

  beforeAll(async () => {
    t = await createTestApp();
    duty = `Bearer ${await t.login('duty')}`;
    admin = `Bearer ${await t.login('admin')}`;
    contact = `Bearer ${await contactToken(t)}`;
    pool = await sql<ShelterRow>(
      t,
      `SELECT id, code, subdistrict_code FROM shelters ORDER BY code`,
    );
  });
  afterAll(() => t.close());

  const open = (id: string) =>
    t.http
      .post(`/api/shelters/${id}/open`)
      .set('authorization', duty)
      .send({ reason: 'typhoon drill' });
  const occupancy = (id: string, body: object) =>
    t.http.post(`/api/shelters/${id}/occupancy`).set('authorization', duty).send(body);
  const setCapacity = (id: string, capacity: number) =>
    t.http.patch(`/api/shelters/${id}`).set('authorization', admin).send({ capacity });
  const current = async (id: string) =>
    (
      await sql<{
        occupancy: number;
        occupancy_day: number;
        occupancy_night: number;
        status: string;
      }>(
        t,
        `SELECT occupancy, occupancy_day, occupancy_night, status FROM shelters WHERE id = $1`,
        [id],
      )
    )[0];

  describe('POST /api/shelters/:id/occupancy', () => {
    it('requires authentication', async () => {
      const s = pool[0]!;
      const res = await t.http.post(`/api/shelters/${s.id}/occupancy`).send({ occupancy: 1 });
      expect(res.status).toBe(401);
      expect(res.body.code).toBe('AUTH_TOKEN_MISSING');
    });

    it('refuses a contact (403) and stores nothing', async () => {
      const s = pool[0]!;
      const res = await t.http
        .post(`/api/shelters/${s.id}/occupancy`)
        .set('authorization', contact)
        .send({ occupancy: 1 });
      expect(res.status).toBe(403);
      expect((await current(s.id))?.occupancy).toBe(0);
    });

    it('refuses a headcount for a closed shelter', async () => {
      const s = pool[0]!;
      const res = await occupancy(s.id, { occupancy: 5, period: 'day' });
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('SHELTER_NOT_OPEN');
    });

    it('rejects a body with both occupancy and delta, naming the field', async () => {
      const s = pool[0]!;
      const res = await occupancy(s.id, { occupancy: 5, delta: 1 });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED', path: 'body.occupancy' });
    });

    it('never exceeds capacity without an explicit override, and records the override', async () => {
      const s = take();
      expect((await setCapacity(s.id, 10)).status).toBe(200);
      expect((await open(s.id)).status).toBe(201);
      expect((await occupancy(s.id, { occupancy: 10, period: 'day' })).status).toBe(201);

      const over = await occupancy(s.id, { delta: 1, period: 'day' });
      expect(over.status).toBe(409);
      expect(over.body).toMatchObject({ code: 'SHELTER_OVER_CAPACITY', path: 'body.delta' });
      expect((await occupancy(s.id, { occupancy: 11, period: 'day' })).status).toBe(409);
      expect((await current(s.id))?.occupancy).toBe(10);

      const noReason = await occupancy(s.id, { occupancy: 12, period: 'day', override: true });
      expect(noReason.status).toBe(400);
      expect(noReason.body.path).toBe('body.reason');

      const ok = await occupancy(s.id, {
        occupancy: 12,
        period: 'day',
        override: true,
        reason: 'two families arrived in the rain',
      });
      expect(ok.status).toBe(201);
      expect(ok.body as ShelterEventPayload).toMatchObject({
        occupancy: 12,
        override: true,
        by: 'duty',
      });
      expect((await current(s.id))?.occupancy).toBe(12);
    });

    it('loses nothing under parallel arrivals: exactly the free places are taken', async () => {
      const s = take();
      await setCapacity(s.id, 40);
      await open(s.id);
      const before = await headSeq(t);
      const results = await Promise.all(
        Array.from({ length: 55 }, () => occupancy(s.id, { delta: 1, period: 'night' })),
      );
      const statuses = results.map((r) => r.status);
      expect(statuses.filter((x) => x === 201)).toHaveLength(40);
      expect(statuses.filter((x) => x === 409)).toHaveLength(15);
      expect(await current(s.id)).toMatchObject({ occupancy: 40, occupancy_night: 40 });
      const updates = (await eventsOf(t, 'shelter.occupancy_updated', before)).filter(
        (e) => e.payload.shelterId === s.id,
      );
      expect(updates.map((e) => e.payload.occupancyNight)).toEqual(
        Array.from({ length: 40 }, (_, i) => i + 1),
      );
    });

    it('keeps day and night apart; the people sheltered is the larger', async () => {
      const s = take();
      await open(s.id);
      await occupancy(s.id, { occupancy: 30, period: 'day' });
      await occupancy(s.id, { occupancy: 45, period: 'night' });
      await occupancy(s.id, { delta: -10, period: 'day' });
      expect(await current(s.id)).toMatchObject({
        occupancy_day: 20,
        occupancy_night: 45,
        occupancy: 45,
      });
      const below = await occupancy(s.id, { delta: -21, period: 'day' });
      expect(below.status).toBe(409);
      expect(below.body.path).toBe('body.delta');
    });
  });

  describe('fill alarms', () => {
    it('raises near-full exactly at 90%, then full, then clears, suggesting the nearest shelters with room', async () => {
      const s = take();
      const neighbour = take();
      await setCapacity(s.id, 100);
      await open(s.id);
      await open(neighbour.id);
      const before = await headSeq(t);
      await occupancy(s.id, { occupancy: 89, period: 'day' });
      expect(await eventsOf(t, 'shelter.near_full', before)).toHaveLength(0);

      await occupancy(s.id, { occupancy: 90, period: 'day' });
      const near = await eventsOf(t, 'shelter.near_full', before);
      expect(near).toHaveLength(1);
      expect(near[0]!.payload).toMatchObject({
        shelterId: s.id,
        level: 'near_full',
        occupancy: 90,
      });
      const suggested = near[0]!.payload.suggestions;
      expect(suggested.map((x) => x.shelterId)).toContain(neighbour.id);
      expect(suggested.every((x) => x.free > 0 && x.shelterId !== s.id)).toBe(true);
      const distances = suggested.map((x) => x.distanceM);
      expect(distances).toEqual([...distances].sort((a, b) => a - b));

      // Still near-full: no second alarm.
      await occupancy(s.id, { occupancy: 95, period: 'day' });
      expect(await eventsOf(t, 'shelter.near_full', before)).toHaveLength(1);

      await occupancy(s.id, { occupancy: 100, period: 'day' });
      expect((await eventsOf(t, 'shelter.full', before)).map((e) => e.payload.shelterId)).toEqual([
        s.id,
      ]);

      await occupancy(s.id, { occupancy: 50, period: 'day' });
      const cleared = await eventsOf(t, 'shelter.alarm_cleared', before);
      expect(cleared.map((e) => e.payload)).toEqual([
        expect.objectContaining({ shelterId: s.id, level: 'none', previousLevel: 'full' }),
      ]);
    });

    it('follows the configured share', async () => {
      const s = take();
      await setCapacity(s.id, 100);
      await open(s.id);
      const res = await t.http
        .patch('/api/resources/settings')
        .set('authorization', admin)
        .send({ nearFullPercent: 75 });
      expect(res.status).toBe(200);
      const before = await headSeq(t);
      await occupancy(s.id, { occupancy: 75, period: 'day' });
      expect(
        (await eventsOf(t, 'shelter.near_full', before)).map((e) => e.payload.shelterId),
      ).toEqual([s.id]);
      await t.http
        .patch('/api/resources/settings')
        .set('authorization', admin)
        .send({ nearFullPercent: 90 });
    });
  });

  describe('open and close', () => {
    it('records who and why, and refuses closing a shelter with people in it', async () => {
      const s = take();
      const before = await headSeq(t);
      expect((await open(s.id)).status).toBe(201);
      expect((await open(s.id)).status).toBe(409);
      const opened = await eventsOf(t, 'shelter.opened', before);
      expect(opened.at(-1)).toMatchObject({
        actor: 'duty',
        payload: { shelterId: s.id, reason: 'typhoon drill', by: 'duty' },
      });

      await occupancy(s.id, { occupancy: 3, period: 'day' });
      const close = () =>
        t.http
          .post(`/api/shelters/${s.id}/close`)
          .set('authorization', duty)
          .send({ reason: 'all clear' });
      expect((await close()).status).toBe(409);
      await occupancy(s.id, { occupancy: 0, period: 'day' });
      expect((await close()).status).toBe(201);
      expect((await current(s.id))?.status).toBe('closed');
    });

    it('needs a reason', async () => {
      const s = pool[0]!;
      const res = await t.http
        .post(`/api/shelters/${s.id}/open`)
        .set('authorization', duty)
        .send({});
      expect(res.status).toBe(400);
      expect(res.body.path).toBe('body.reason');
    });
  });

  describe('GET /api/shelters/totals', () => {
    it('adds up open shelters, capacity and people per subdistrict and for the district', async () => {
      const res = await t.http.get('/api/shelters/totals').set('authorization', duty);
      expect(res.status).toBe(200);
      const totals = res.body as ShelterTotals;
      const fc = (await t.http.get('/api/shelters').set('authorization', duty))
        .body as ShelterCollection;
      const open = fc.features.filter((f) => f.properties.status === 'open');
      expect(totals.district.openShelters).toBe(open.length);
      expect(totals.district.capacity).toBe(open.reduce((a, f) => a + f.properties.capacity, 0));
      expect(totals.district.sheltered).toBe(
        fc.features.reduce((a, f) => a + f.properties.occupancy, 0),
      );
      expect(totals.district.sheltered).toBeGreaterThan(0);
      expect(totals.subdistricts).toHaveLength(10);
      expect(totals.subdistricts.reduce((a, r) => a + r.shelters, 0)).toBe(fc.features.length);
    });
  });

  describe('shelter manager links', () => {
    it('lets the manager post headcounts with the link until a new link replaces it', async () => {
      const s = take();
      await open(s.id);
      const issued = await t.http
        .post(`/api/shelters/${s.id}/manager-link`)
        .set('authorization', duty)
        .send({ ttlHours: 12 });
      expect(issued.status).toBe(201);
      const token = (issued.body as { token: string }).token;
      const view = await t.http.get(`/api/shelter-link/${token}`);
      expect(view.status).toBe(200);
      expect(view.body).toMatchObject({ shelterId: s.id, status: 'open' });
      const posted = await t.http
        .post(`/api/shelter-link/${token}/occupancy`)
        .send({ occupancy: 7, period: 'night' });
      expect(posted.status).toBe(201);
      expect(posted.body).toMatchObject({ occupancyNight: 7, by: `shelter-link:${s.code}` });

      await t.http.post(`/api/shelters/${s.id}/manager-link`).set('authorization', duty).send({});
      const revoked = await t.http
        .post(`/api/shelter-link/${token}/occupancy`)
        .send({ occupancy: 8, period: 'night' });
      expect(revoked.status).toBe(401);
      expect(revoked.body.code).toBe('SHELTER_LINK_INVALID');
      expect((await current(s.id))?.occupancy_night).toBe(7);
      const forged = await t.http.get(`/api/shelter-link/${token.slice(0, -2)}xx`);
      expect(forged.status).toBe(401);
    });
  });

  describe('typhoon shelter proposal', () => {
    const respond = (
      responseId: string,
      hazard: 'typhoon' | 'flood',
      level: 'attention' | 'IV' | 'III',
      codes: string[],
    ) =>
      t.app.get(EventLog).write('test', (tx) =>
        tx.emit('response.started', {
          responseId,
          hazard,
          level,
          previousLevel: null,
          subdistrictCodes: codes,
          reason: 'test',
          preemptive: false,
          warningId: null,
        }),
      );

    it('proposes the closed typhoon-plan shelters of the response area at or above the level; one call opens them', async () => {
      const [sd] = await sql<{ code: string }>(
        t,
        `SELECT code FROM subdistricts WHERE code <> '440306001' ORDER BY code LIMIT 1`,
      );
      const code = sd!.code;
      const before = await headSeq(t);
      await respond('resp-flood-1', 'flood', 'III', [code]);
      await respond('resp-ty-low', 'typhoon', 'attention', [code]);
      await respond('resp-ty-1', 'typhoon', 'IV', [code]);
      await reactorsCaughtUp(t);
      const proposals = await eventsOf(t, 'shelter.opening_proposed', before);
      expect(proposals.map((p) => p.payload.responseId)).toEqual(['resp-ty-1']);
      const named = proposals[0]!.payload.shelters;
      const expected = await sql<{ id: string }>(
        t,
        `SELECT id FROM shelters WHERE subdistrict_code = $1 AND status = 'closed' AND 'typhoon' = ANY (plan_hazards) AND retired_at IS NULL ORDER BY code`,
        [code],
      );
      expect(named.map((s) => s.shelterId).sort()).toEqual(expected.map((s) => s.id).sort());
      expect(named.length).toBeGreaterThan(0);

      const list = await t.http
        .get('/api/shelter-proposals?status=pending')
        .set('authorization', duty);
      expect(list.body).toEqual([
        expect.objectContaining({ proposalId: proposals[0]!.payload.proposalId }),
      ]);

      const id = proposals[0]!.payload.proposalId;
      const forbidden = await t.http
        .post(`/api/shelter-proposals/${id}/accept`)
        .set('authorization', admin);
      expect(forbidden.status).toBe(403);
      const accepted = await t.http
        .post(`/api/shelter-proposals/${id}/accept`)
        .set('authorization', duty);
      expect(accepted.status).toBe(201);
      expect(accepted.body.openedShelterIds).toHaveLength(named.length);
      const stillClosed = await sql(
        t,
        `SELECT 1 FROM shelters WHERE id = ANY ($1::uuid[]) AND status <> 'open'`,
        [named.map((s) => s.shelterId)],
      );
      expect(stillClosed).toHaveLength(0);
      expect(
        (await t.http.post(`/api/shelter-proposals/${id}/accept`).set('authorization', duty))
          .status,
      ).toBe(409);
    });
  });
});
