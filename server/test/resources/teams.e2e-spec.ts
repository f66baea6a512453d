import type { RescueTeamCollection, ResponseEventPayload } from '@sanfang/shared';
import { EventLog } from '../../src/events/event-log.service';
import { createTestApp, type TestApp } from '../helpers/app';
import {
  awaitEvent,
  contactToken,
  eventsOf,
  headSeq,
  reactorsCaughtUp,
  sql,
} from './resource-helpers';

interface TeamRow {
  id: string;
  code: string;
  subdistrict_code: string;
}

describe('rescue teams', () => {
  let t: TestApp;
  let duty: string;
  let admin: string;
  let pool: TeamRow[];
  const take = (): TeamRow => {
    const x = pool.shift();
    if (!x) throw new Error('out of seeded teams');
    return x;
  };

  beforeAll(async () => {
    t = await createTestApp();
    duty = `Bearer ${await t.login('duty')}`;
    admin = `Bearer ${await t.login('admin')}`;
    // Teams outside the subdistrict the coverage test empties.
    pool = await sql<TeamRow>(
      t,
      `SELECT id, code, subdistrict_code FROM rescue_teams WHERE subdistrict_code <> '440306010' ORDER BY code`,
    );
  });
  afterAll(() => t.close());

  const status = (id: string, body: object) =>
    t.http.post(`/api/rescue-teams/${id}/status`).set('authorization', duty).send(body);
  const teamProps = async (id: string) => {
    const fc = (await t.http.get('/api/rescue-teams').set('authorization', duty))
      .body as RescueTeamCollection;
    return fc.features.find((f) => f.properties.id === id)?.properties;
  };

  describe('POST /api/rescue-teams/:id/status', () => {
    it('requires authentication', async () => {
      const res = await t.http
        .post(`/api/rescue-teams/${pool[0]!.id}/status`)
        .send({ status: 'en_route' });
      expect(res.status).toBe(401);
    });

    it('refuses a contact', async () => {
      const res = await t.http
        .post(`/api/rescue-teams/${pool[0]!.id}/status`)
        .set('authorization', `Bearer ${await contactToken(t)}`)
        .send({ status: 'en_route' });
      expect(res.status).toBe(403);
    });

    it('walks the status machine and refuses a jump it does not allow', async () => {
      const team = take();
      const before = await headSeq(t);
      expect(
        (await status(team.id, { status: 'en_route', reason: 'called to 西乡 underpass' })).status,
      ).toBe(201);
      const jump = await status(team.id, { status: 'off_duty' });
      expect(jump.status).toBe(409);
      expect(jump.body.code).toBe('TEAM_INVALID_TRANSITION');
      for (const s of ['on_scene', 'returning', 'standby'])
        expect((await status(team.id, { status: s })).status).toBe(201);
      const changes = (await eventsOf(t, 'team.status_changed', before)).map((e) => [
        e.payload.previousStatus,
        e.payload.status,
      ]);
      expect(changes).toEqual([
        ['standby', 'en_route'],
        ['en_route', 'on_scene'],
        ['on_scene', 'returning'],
        ['returning', 'standby'],
      ]);
      const unknown = await status(team.id, { status: 'asleep' });
      expect(unknown.status).toBe(400);
    });

    it('lets exactly one of two parallel assignments win', async () => {
      const team = take();
      const results = await Promise.all([
        status(team.id, { status: 'en_route', expectedStatus: 'standby' }),
        status(team.id, { status: 'en_route', expectedStatus: 'standby' }),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    });
  });

  describe('positions', () => {
    it('the gateway batch requires the feed token', async () => {
      const body = { positions: [{ teamCode: pool[0]!.code, lon: 113.88, lat: 22.57 }] };
      expect((await t.http.post('/api/rescue-teams/positions').send(body)).status).toBe(401);
      expect(
        (await t.http.post('/api/rescue-teams/positions').set('authorization', duty).send(body))
          .status,
      ).toBe(401);
    });

    it('stores a batch in one event, ignores an older fix, and refuses an unknown team whole', async () => {
      const a = take();
      const b = take();
      const now = Date.now();
      const before = await headSeq(t);
      const res = await t.http
        .post('/api/rescue-teams/positions')
        .set('authorization', 'Bearer demo-feed')
        .send({
          positions: [
            {
              teamCode: a.code,
              lon: 113.881,
              lat: 22.571,
              at: new Date(now - 5_000).toISOString(),
            },
            {
              teamCode: b.code,
              lon: 113.882,
              lat: 22.572,
              at: new Date(now - 5_000).toISOString(),
            },
          ],
        });
      expect(res.status).toBe(201);
      expect(res.body).toEqual({ accepted: 2, ignored: [] });
      const updates = await eventsOf(t, 'team.position_updated', before);
      expect(updates).toHaveLength(1);
      expect(updates[0]!.payload.positions.map((p) => p.teamId).sort()).toEqual(
        [a.id, b.id].sort(),
      );

      const older = await t.http
        .post(`/api/rescue-teams/${a.id}/position`)
        .set('authorization', duty)
        .send({ lon: 113.7, lat: 22.6, at: new Date(now - 60_000).toISOString() });
      expect(older.status).toBe(201);
      expect(older.body.accepted).toBe(0);
      expect((await teamProps(a.id))?.position).toEqual([113.881, 22.571]);

      const bad = await t.http
        .post('/api/rescue-teams/positions')
        .set('authorization', 'Bearer demo-feed')
        .send({
          positions: [
            { teamCode: b.code, lon: 113.9, lat: 22.6 },
            { teamCode: 'NOPE', lon: 113.9, lat: 22.6 },
          ],
        });
      expect(bad.status).toBe(400);
      expect(bad.body.path).toBe('body.positions.1.teamCode');
      expect((await teamProps(b.id))?.position).toEqual([113.882, 22.572]);

      const future = await t.http
        .post(`/api/rescue-teams/${a.id}/position`)
        .set('authorization', duty)
        .send({ lon: 113.9, lat: 22.6, at: new Date(now + 3_600_000).toISOString() });
      expect(future.status).toBe(400);
    });

    it('shows a position older than the configured age as stale, and announces it once it goes stale', async () => {
      const old = take();
      const fresh = take();
      const now = Date.now();
      await t.http
        .post(`/api/rescue-teams/${old.id}/position`)
        .set('authorization', duty)
        .send({ lon: 113.85, lat: 22.6, at: new Date(now - 10 * 60_000).toISOString() });
      await t.http
        .post(`/api/rescue-teams/${fresh.id}/position`)
        .set('authorization', duty)
        .send({ lon: 113.86, lat: 22.61 });
      expect(await teamProps(old.id)).toMatchObject({
        positionStale: true,
        position: [113.85, 22.6],
      });
      expect(await teamProps(fresh.id)).toMatchObject({
        positionStale: false,
        position: [113.86, 22.61],
      });
      // Its stale timer was due at once: the alarm arrives by itself.
      const e = await awaitEvent(t, 'team.position_stale', 0, (p) => p.teamId === old.id);
      expect(e.payload.lastSeenAt).toBe(new Date(now - 10 * 60_000).toISOString());

      // A shorter configured age makes the fresh one stale too.
      await t.http
        .patch('/api/resources/settings')
        .set('authorization', admin)
        .send({ positionStaleAfterS: 1 });
      const before = await headSeq(t);
      // Now, not earlier: a fix older than the team's latest (posted moments ago) is ignored.
      const fix = new Date().toISOString();
      await t.http
        .post(`/api/rescue-teams/${fresh.id}/position`)
        .set('authorization', duty)
        .send({ lon: 113.87, lat: 22.62, at: fix });
      await awaitEvent(t, 'team.position_stale', before, (p) => p.teamId === fresh.id);
      expect(await teamProps(fresh.id)).toMatchObject({ positionStale: true, lastSeenAt: fix });
      await t.http
        .patch('/api/resources/settings')
        .set('authorization', admin)
        .send({ positionStaleAfterS: 300 });
    });
  });

  describe('coverage gap alarm', () => {
    const CODE = '440306010';
    const response = (
      type: 'response.started' | 'response.ended',
      responseId: string,
      codes: string[],
    ) =>
      t.app.get(EventLog).write('test', (tx) => {
        const p: ResponseEventPayload = {
          responseId,
          hazard: 'flood',
          level: 'IV',
          previousLevel: null,
          subdistrictCodes: codes,
          reason: 'test',
          preemptive: false,
          warningId: null,
        };
        tx.emit(type, p);
      });

    it('raises when a subdistrict under a response has no standby team and clears when one is back', async () => {
      const teams = await sql<{ id: string }>(
        t,
        `SELECT id FROM rescue_teams WHERE subdistrict_code = $1 AND status = 'standby' ORDER BY code`,
        [CODE],
      );
      expect(teams.length).toBeGreaterThan(0);
      const before = await headSeq(t);
      await response('response.started', 'flood-gap-1', [CODE]);
      await reactorsCaughtUp(t);
      expect(await eventsOf(t, 'resources.coverage_gap_raised', before)).toHaveLength(0);

      for (const team of teams)
        expect((await status(team.id, { status: 'en_route' })).status).toBe(201);
      await reactorsCaughtUp(t);
      const raised = await eventsOf(t, 'resources.coverage_gap_raised', before);
      expect(raised.map((e) => e.payload)).toEqual([
        { subdistrictCode: CODE, responseIds: ['flood-gap-1'], standbyTeams: 0 },
      ]);
      const gaps = await t.http.get('/api/rescue-teams/coverage-gaps').set('authorization', duty);
      expect(gaps.body).toEqual([expect.objectContaining({ subdistrictCode: CODE })]);

      await status(teams[0]!.id, { status: 'standby' });
      await reactorsCaughtUp(t);
      const cleared = await eventsOf(t, 'resources.coverage_gap_cleared', before);
      expect(cleared.map((e) => e.payload.subdistrictCode)).toEqual([CODE]);

      // The gap comes back with the team gone again, and the end of the response clears it.
      await status(teams[0]!.id, { status: 'en_route' });
      await reactorsCaughtUp(t);
      expect(await eventsOf(t, 'resources.coverage_gap_raised', before)).toHaveLength(2);
      await response('response.ended', 'flood-gap-1', [CODE]);
      await reactorsCaughtUp(t);
      expect(await eventsOf(t, 'resources.coverage_gap_cleared', before)).toHaveLength(2);
      const none = await t.http.get('/api/rescue-teams/coverage-gaps').set('authorization', duty);
      expect(none.body).toEqual([]);
    });
  });
});
