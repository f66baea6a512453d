import { DataSource } from 'typeorm';
import { createTestApp, type TestApp } from '../helpers/app';
import { EventTap, FEED, report } from './helpers';

const count = async (t: TestApp, table: string): Promise<number> =>
  Number(
    (await t.app.get(DataSource).query<{ n: string }[]>(`SELECT count(*) AS n FROM ${table}`))[0]!
      .n,
  );

describe('POST /api/feeds/incidents', () => {
  let t: TestApp;
  let tap: EventTap;
  let admin: string;
  beforeAll(async () => {
    t = await createTestApp();
    tap = new EventTap(t);
    admin = await t.login('admin');
  });
  afterAll(() => t.close());

  it('requires authentication', async () => {
    const res = await t.http.post('/api/feeds/incidents').send(report());
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('AUTH_TOKEN_MISSING');
  });

  it('refuses a user session in place of the feed token', async () => {
    const duty = await t.login('duty');
    const res = await t.http
      .post('/api/feeds/incidents')
      .set('Authorization', `Bearer ${duty}`)
      .send(report());
    expect(res.status).toBe(401);
  });

  it('opens an incident once per (source, externalId); a repeat gets 200 and no event', async () => {
    const body = report({ externalId: 'dup-1' });
    const first = await t.http.post('/api/feeds/incidents').set('Authorization', FEED).send(body);
    expect(first.status).toBe(201);
    expect(first.body.incident).toMatchObject({
      type: 'waterlogging',
      grade: 'general',
      status: 'reported',
      subdistrictCode: '440306002',
      version: 1,
    });
    const again = await t.http.post('/api/feeds/incidents').set('Authorization', FEED).send(body);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ duplicate: true, incident: { id: first.body.incident.id } });
    // The same report from another source is another report.
    const other = await t.http
      .post('/api/feeds/incidents')
      .set('Authorization', FEED)
      .send({ ...body, source: 'video-ai' });
    expect(other.status).toBe(201);
    expect(
      tap.of('incident.reported', (p) => p.incidentId === first.body.incident.id),
    ).toHaveLength(1);
  });

  it('takes two simultaneous deliveries of one report as one incident', async () => {
    const body = report({ externalId: 'race-1' });
    const [a, b] = await Promise.all([
      t.http.post('/api/feeds/incidents').set('Authorization', FEED).send(body),
      t.http.post('/api/feeds/incidents').set('Authorization', FEED).send(body),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 201]);
    expect(a.body.incident.id).toBe(b.body.incident.id);
  });

  it.each([
    ['source', { source: '' }, 'body.source'],
    ['type', { type: 'meteor' }, 'body.type'],
    ['occurredAt without offset', { occurredAt: '2025-06-11 15:30' }, 'body.occurredAt'],
    ['lat,lon swapped', { location: { lon: 22.585, lat: 113.875 } }, 'body.location.lon'],
    ['no location at all', { location: {} }, 'body.location'],
    ['negative deaths', { casualties: { deaths: -1 } }, 'body.casualties.deaths'],
    ['unknown field', { colour: 'red' }, 'body'],
  ])('rejects a bad %s with a clear 400 and stores nothing', async (_what, over, path) => {
    const before = await count(t, 'incident_reports');
    const res = await t.http
      .post('/api/feeds/incidents')
      .set('Authorization', FEED)
      .send({ ...report(), ...over });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED', path });
    expect(await count(t, 'incident_reports')).toBe(before);
  });

  it('accepts an address without a point (subdistrict unknown)', async () => {
    const res = await t.http
      .post('/api/feeds/incidents')
      .set('Authorization', FEED)
      .send(report({ location: { address: '沙井街道某工业园' } }));
    expect(res.status).toBe(201);
    expect(res.body.incident).toMatchObject({ lon: null, subdistrictCode: null });
  });

  it('takes a burst of reports together: each answered once, repeats included, all duties timed', async () => {
    const ds = t.app.get(DataSource);
    const from = Number(
      (await ds.query<{ s: string }[]>(`SELECT last_seq AS s FROM event_counter`))[0]!.s,
    );
    const bodies = Array.from({ length: 16 }, (_, i) =>
      report({
        externalId: `burst-${Date.now()}-${i}`,
        casualties: { deaths: 0, seriousInjuries: 0, missing: 0, trapped: i % 3 },
      }),
    );
    const replies = await Promise.all(
      [...bodies, bodies[0]!, bodies[5]!].map((b) =>
        t.http.post('/api/feeds/incidents').set('Authorization', FEED).send(b),
      ),
    );
    expect(replies.slice(0, 16).map((r) => r.status)).toEqual(Array(16).fill(201));
    // The repeats name the same incident and report as their first delivery.
    for (const [dup, orig] of [
      [16, 0],
      [17, 5],
    ] as const) {
      expect(replies[dup]!.status).toBe(200);
      expect(replies[dup]!.body).toMatchObject({
        duplicate: true,
        reportId: replies[orig]!.body.reportId,
        incident: { id: replies[orig]!.body.incident.id },
      });
    }
    const ids = replies
      .slice(0, 16)
      .map((r) => (r.body as { incident: { id: string } }).incident.id);
    expect(new Set(ids).size).toBe(16);
    const stored = await ds.query<
      { reports: number; versions: number; duties: number; timers: number }[]
    >(
      `SELECT (SELECT count(*)::int FROM incident_reports WHERE incident_id = ANY($1)) AS reports,
              (SELECT count(*)::int FROM incident_versions WHERE incident_id = ANY($1)) AS versions,
              (SELECT count(*)::int FROM reporting_duties WHERE incident_id = ANY($1)) AS duties,
              (SELECT count(*)::int FROM pgboss.job j JOIN reporting_duties d
                  ON j.data->>'key' LIKE d.id || '@%'
                WHERE d.incident_id = ANY($1) AND j.name = 'incidents.duty_due') AS timers`,
      [ids],
    );
    expect(stored[0]).toMatchObject({ reports: 16, versions: 16 });
    expect(stored[0]!.duties).toBeGreaterThanOrEqual(16);
    expect(stored[0]!.timers).toBe(stored[0]!.duties);
    const events = await ds.query<{ seq: string; type: string; actor: string; at: Date }[]>(
      `SELECT seq, type, actor, occurred_at AS at FROM events WHERE seq > $1 ORDER BY seq`,
      [from],
    );
    const reported = events.filter((e) => e.type === 'incident.reported');
    expect(reported).toHaveLength(16);
    expect(new Set(reported.map((e) => e.actor))).toEqual(new Set(['feed:demo feed']));
    expect(events.map((e) => Number(e.seq))).toEqual(events.map((_, i) => from + i + 1));
    // Fewer transactions than reports: they shared commits.
    expect(new Set(reported.map((e) => +e.at)).size).toBeLessThan(16);
  });

  describe('storm mode', () => {
    beforeAll(async () => {
      const res = await t.http
        .put('/api/incident-config/settings')
        .set('Authorization', `Bearer ${admin}`)
        .send({
          stormMode: true,
          mergeDistanceM: 300,
          mergeWindowMinutes: 60,
          sensorHysteresisM: 0.05,
          reportCutoff: '08:00',
        });
      expect(res.status).toBe(200);
    });

    const at = { lon: 113.83, lat: 22.735 }; // 沙井
    const near = { lon: 113.831, lat: 22.7355 }; // ~120 m away
    const far = { lon: 113.84, lat: 22.735 }; // ~1 km away

    it('merges a report of the same type nearby within the window, keeping each report', async () => {
      const a = await t.http
        .post('/api/feeds/incidents')
        .set('Authorization', FEED)
        .send(report({ type: 'ground_collapse', location: at }));
      const b = await t.http
        .post('/api/feeds/incidents')
        .set('Authorization', FEED)
        .send(
          report({
            type: 'ground_collapse',
            location: near,
            occurredAt: '2025-06-11T16:20:00+08:00',
          }),
        );
      expect(b.status).toBe(201);
      expect(b.body).toMatchObject({
        merged: true,
        incident: { id: a.body.incident.id, reportCount: 2 },
      });
      const reports = await t.http
        .get(`/api/incidents/${a.body.incident.id}/reports`)
        .set('Authorization', `Bearer ${admin}`);
      expect(reports.body).toHaveLength(2);

      // Too far, too late, or another type: separate incidents.
      for (const over of [
        { type: 'ground_collapse' as const, location: far },
        {
          type: 'ground_collapse' as const,
          location: near,
          occurredAt: '2025-06-11T16:31:00+08:00',
        },
        { type: 'building' as const, location: near },
      ]) {
        const c = await t.http
          .post('/api/feeds/incidents')
          .set('Authorization', FEED)
          .send(report(over));
        expect(c.body.merged).toBe(false);
      }
    });

    it('never hides a report with casualties or of a higher grade inside a lower incident', async () => {
      const base = await t.http
        .post('/api/feeds/incidents')
        .set('Authorization', FEED)
        .send(report({ type: 'traffic', location: at }));
      const trapped = await t.http
        .post('/api/feeds/incidents')
        .set('Authorization', FEED)
        .send(
          report({
            type: 'traffic',
            location: near,
            casualties: { deaths: 0, seriousInjuries: 0, missing: 0, trapped: 2 },
          }),
        );
      expect(trapped.body.merged).toBe(false);
      expect(trapped.body.incident.id).not.toBe(base.body.incident.id);
      const lossy = await t.http
        .post('/api/feeds/incidents')
        .set('Authorization', FEED)
        .send(report({ type: 'traffic', location: near, directLossCny: 12_000_000 }));
      expect(lossy.body).toMatchObject({ merged: false, incident: { grade: 'larger' } });
      // A later report with casualties may join the incident that already has casualties.
      const second = await t.http
        .post('/api/feeds/incidents')
        .set('Authorization', FEED)
        .send(
          report({
            type: 'traffic',
            location: near,
            casualties: { deaths: 0, seriousInjuries: 0, missing: 0, trapped: 1 },
          }),
        );
      expect(second.body.merged).toBe(true);
      expect([trapped.body.incident.id, lossy.body.incident.id]).toContain(second.body.incident.id);
    });

    it('merges reports that arrive together into one incident', async () => {
      const spot = { lon: 113.805, lat: 22.72 };
      const replies = await Promise.all(
        Array.from({ length: 6 }, (_, i) =>
          t.http
            .post('/api/feeds/incidents')
            .set('Authorization', FEED)
            .send(
              report({
                type: 'building',
                externalId: `storm-burst-${Date.now()}-${i}`,
                location: { lon: spot.lon + i * 0.0002, lat: spot.lat },
              }),
            ),
        ),
      );
      expect(replies.map((r) => r.status)).toEqual(Array(6).fill(201));
      const incidents = new Set(replies.map((r) => r.body.incident.id as string));
      expect(incidents.size).toBe(1);
      expect(replies.filter((r) => r.body.merged === false)).toHaveLength(1);
    });
  });
});
