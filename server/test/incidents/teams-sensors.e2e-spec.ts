import { DataSource } from 'typeorm';
import { createTestApp, type TestApp } from '../helpers/app';
import { EventTap, FEED, report } from './helpers';

describe('incidents: rescue teams and depth sensors', () => {
  let t: TestApp;
  let tap: EventTap;
  let duty: string;
  beforeAll(async () => {
    t = await createTestApp();
    tap = new EventTap(t);
    duty = await t.login('duty');
  });
  afterAll(() => t.close());

  const open = async (over = {}): Promise<string> => {
    const res = await t.http
      .post('/api/feeds/incidents')
      .set('Authorization', FEED)
      .send(report(over));
    return (res.body as { incident: { id: string } }).incident.id;
  };

  describe('GET /api/incidents/:id/teams and assignment', () => {
    it('requires authentication', async () => {
      const id = await open();
      expect((await t.http.get(`/api/incidents/${id}/teams`)).status).toBe(401);
    });

    it('lists available teams nearest first and assigns one in a click', async () => {
      const id = await open();
      const res = await t.http
        .get(`/api/incidents/${id}/teams?limit=5`)
        .set('Authorization', `Bearer ${duty}`);
      expect(res.status).toBe(200);
      const list = res.body as { id: string; distanceM: number; status: string }[];
      const dists = list.map((x) => x.distanceM);
      expect(res.body).toHaveLength(5);
      expect(dists).toEqual([...dists].sort((a: number, b: number) => a - b));
      expect(list.every((x) => x.status === 'standby')).toBe(true);

      const team = res.body[0];
      const assigned = await t.http
        .post(`/api/incidents/${id}/teams/${team.id}/assign`)
        .set('Authorization', `Bearer ${duty}`);
      expect(assigned.status).toBe(201);
      expect(tap.of('team.status_changed', (p) => p.teamId === team.id)).toEqual([
        expect.objectContaining({ status: 'assigned', previousStatus: 'standby', incidentId: id }),
      ]);
      const next = await t.http
        .get(`/api/incidents/${id}/teams?limit=5`)
        .set('Authorization', `Bearer ${duty}`);
      expect((next.body as { id: string }[]).map((x) => x.id)).not.toContain(team.id);
      const again = await t.http
        .post(`/api/incidents/${id}/teams/${team.id}/assign`)
        .set('Authorization', `Bearer ${duty}`);
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('TEAM_NOT_AVAILABLE');
    });

    it('lets only one of two officers assigning the same team at once win', async () => {
      const [a, b] = [await open(), await open()];
      const team = (
        await t.http.get(`/api/incidents/${a}/teams?limit=1`).set('Authorization', `Bearer ${duty}`)
      ).body[0];
      const commander = await t.login('commander');
      const results = await Promise.all([
        t.http
          .post(`/api/incidents/${a}/teams/${team.id}/assign`)
          .set('Authorization', `Bearer ${duty}`),
        t.http
          .post(`/api/incidents/${b}/teams/${team.id}/assign`)
          .set('Authorization', `Bearer ${commander}`),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
      const rows = await t.app
        .get(DataSource)
        .query(`SELECT 1 FROM incident_assignments WHERE team_id = $1`, [team.id]);
      expect(rows).toHaveLength(1);
    });

    it('says why it cannot rank teams for an incident with only an address', async () => {
      const id = await open({ location: { address: '福永某处' } });
      const res = await t.http
        .get(`/api/incidents/${id}/teams`)
        .set('Authorization', `Bearer ${duty}`);
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('INCIDENT_NO_LOCATION');
    });
  });

  describe('POST /api/feeds/sensors', () => {
    const send = (readings: object[]) =>
      t.http.post('/api/feeds/sensors').set('Authorization', FEED).send({ readings });
    const at = (min: number): string => new Date(Date.UTC(2025, 5, 11, 7, min)).toISOString();

    it('requires authentication', async () => {
      expect((await t.http.post('/api/feeds/sensors').send({ readings: [] })).status).toBe(401);
    });

    it('raises at the threshold, clears only below the hysteresis band, ignores stale readings', async () => {
      // WLP-0001 alarms at 0.26 m; hysteresis 0.05 m → clears below 0.21 m.
      const outcomes = async (
        depthM: number,
        min: number,
      ): Promise<{ outcome: string; incidentId: string | null }> => {
        const res = await send([{ pointCode: 'WLP-0001', depthM, measuredAt: at(min) }]);
        return (res.body as { results: { outcome: string; incidentId: string | null }[] })
          .results[0]!;
      };
      expect((await outcomes(0.1, 0)).outcome).toBe('unchanged');
      const raised = await outcomes(0.26, 5);
      expect(raised.outcome).toBe('raised');
      const incident = await t.http
        .get(`/api/incidents/${raised.incidentId}`)
        .set('Authorization', `Bearer ${duty}`);
      expect(incident.body).toMatchObject({
        type: 'waterlogging',
        sensorAlarm: true,
        subdistrictCode: '440306001',
      });
      expect(await outcomes(0.4, 10)).toMatchObject({
        outcome: 'unchanged',
        incidentId: raised.incidentId,
      });
      expect((await outcomes(0.22, 15)).outcome).toBe('unchanged');
      expect((await outcomes(0.05, 12)).outcome).toBe('stale');
      expect((await outcomes(0.2, 20)).outcome).toBe('cleared');
      // Rising again re-arms the same open incident rather than opening a second.
      expect(await outcomes(0.3, 25)).toMatchObject({
        outcome: 'raised',
        incidentId: raised.incidentId,
      });
      expect(
        tap.of('incident.sensor_alarm', (p) => p.pointCode === 'WLP-0001').map((p) => p.state),
      ).toEqual(['raised', 'cleared', 'raised']);
    });

    it('refuses a batch naming an unknown point and stores none of it', async () => {
      const ds = t.app.get(DataSource);
      const before = await ds.query(`SELECT * FROM sensor_states ORDER BY point_id`);
      const res = await send([
        { pointCode: 'WLP-0002', depthM: 1, measuredAt: at(30) },
        { pointCode: 'NOPE', depthM: 1, measuredAt: at(30) },
      ]);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ code: 'UNKNOWN_POINT', path: 'body.readings.1.pointCode' });
      expect(await ds.query(`SELECT * FROM sensor_states ORDER BY point_id`)).toEqual(before);
    });
  });
});
