import type { IncidentFeedReport, ReportingDutyDto } from '@sanfang/shared';
import { DataSource } from 'typeorm';
import { CLOCK, type Clock } from '../../src/core/clock';
import { createTestApp, type TestApp } from '../helpers/app';
import { EventTap, FEED, report } from './helpers';

describe('incidents: grading, reporting duties and status', () => {
  let t: TestApp;
  let tap: EventTap;
  let duty: string;
  let admin: string;
  beforeAll(async () => {
    t = await createTestApp();
    tap = new EventTap(t);
    duty = await t.login('duty');
    admin = await t.login('admin');
  });
  afterAll(() => t.close());
  afterEach(() => jest.restoreAllMocks());

  const create = async (deaths = 0): Promise<{ id: string; grade: string; version: number }> => {
    const r: Partial<IncidentFeedReport> = report({
      casualties: { deaths, seriousInjuries: 0, missing: 0, trapped: 0 },
    });
    delete r.source;
    delete r.externalId;
    const body = r;
    const res = await t.http
      .post('/api/incidents')
      .set('Authorization', `Bearer ${duty}`)
      .send(body);
    expect(res.status).toBe(201);
    return (res.body as { incident: { id: string; grade: string; version: number } }).incident;
  };
  const duties = async (id: string): Promise<ReportingDutyDto[]> =>
    (await t.http.get(`/api/incidents/${id}/duties`).set('Authorization', `Bearer ${duty}`))
      .body as ReportingDutyDto[];

  describe('POST /api/incidents', () => {
    it('requires authentication', async () => {
      expect((await t.http.post('/api/incidents').send({})).status).toBe(401);
    });
    it('refuses a contact (403)', async () => {
      const [c] = await t.app
        .get(DataSource)
        .query<{ username: string }[]>(`SELECT username FROM users WHERE role = 'contact' LIMIT 1`);
      const token = await t.login(c!.username);
      const res = await t.http
        .post('/api/incidents')
        .set('Authorization', `Bearer ${token}`)
        .send({});
      expect(res.status).toBe(403);
    });
  });

  it('grades 1 death 一般 with its duties; revised to 3 deaths → 较大 and the new duties start', async () => {
    const i = await create(1);
    expect(i.grade).toBe('general');
    const before = await duties(i.id);
    expect(before.map((d) => d.ruleCode).sort()).toEqual(['district_report', 'leader_notify']);
    expect(before.every((d) => d.status === 'pending')).toBe(true);

    const res = await t.http
      .patch(`/api/incidents/${i.id}`)
      .set('Authorization', `Bearer ${duty}`)
      .send({
        expectedVersion: 1,
        reason: '续报：死亡人数修正为3人',
        casualties: { deaths: 3, seriousInjuries: 0, missing: 0, trapped: 0 },
      });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ grade: 'larger', version: 2 });
    expect(tap.of('incident.regraded', (p) => p.incidentId === i.id)).toEqual([
      expect.objectContaining({ grade: 'larger', previousGrade: 'general' }),
    ]);

    const after = await duties(i.id);
    const larger = after.filter((d) => d.grade === 'larger' && d.status === 'pending');
    expect(larger.map((d) => d.ruleCode).sort()).toEqual([
      'city_phone',
      'city_written',
      'district_report',
      'followup',
      'leader_notify',
      'supplementary',
    ]);
    expect(after.filter((d) => d.grade === 'general').map((d) => d.status)).toEqual([
      'superseded',
      'superseded',
    ]);
    // Same start (the re-grading): city phone at 30 min, the leader at 10 min.
    const due = (code: string): number =>
      Date.parse(larger.find((d) => d.ruleCode === code)!.dueAt);
    expect(due('city_phone') - due('leader_notify')).toBe(20 * 60_000);
    expect(due('city_written') - due('city_phone')).toBe(30 * 60_000);

    // A stale edit is refused: versions guard lost updates.
    const stale = await t.http
      .patch(`/api/incidents/${i.id}`)
      .set('Authorization', `Bearer ${duty}`)
      .send({ expectedVersion: 1, reason: 'x', description: 'y' });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('INCIDENT_VERSION_CONFLICT');

    const versions = await t.http
      .get(`/api/incidents/${i.id}/versions`)
      .set('Authorization', `Bearer ${duty}`);
    expect(
      (versions.body as { version: number; changedBy: string }[]).map((v) => [
        v.version,
        v.changedBy,
      ]),
    ).toEqual([
      [1, 'duty'],
      [2, 'duty'],
    ]);
    expect(versions.body[0].snapshot.casualties.deaths).toBe(1);
  });

  it('counts a duty done exactly at its deadline as on time, a millisecond later as late', async () => {
    const i = await create();
    const [a, b] = await duties(i.id);
    const clock = t.app.get<Clock>(CLOCK);
    jest.spyOn(clock, 'now').mockReturnValue(new Date(a!.dueAt));
    const onTime = await t.http
      .post(`/api/incidents/${i.id}/duties/${a!.id}/done`)
      .set('Authorization', `Bearer ${duty}`)
      .send({ note: '已电话报告' });
    expect(onTime.status).toBe(201);
    expect(onTime.body).toMatchObject({ status: 'done', onTime: true, doneBy: 'duty' });
    jest.spyOn(clock, 'now').mockReturnValue(new Date(Date.parse(b!.dueAt) + 1));
    const late = await t.http
      .post(`/api/incidents/${i.id}/duties/${b!.id}/done`)
      .set('Authorization', `Bearer ${duty}`)
      .send({});
    expect(late.body).toMatchObject({ status: 'done', onTime: false });
    const again = await t.http
      .post(`/api/incidents/${i.id}/duties/${b!.id}/done`)
      .set('Authorization', `Bearer ${duty}`)
      .send({});
    expect(again.status).toBe(409);
  });

  it('moves forward through the status workflow with who and when, never back', async () => {
    const i = await create();
    for (const to of ['verified', 'responding', 'resolved']) {
      const res = await t.http
        .post(`/api/incidents/${i.id}/status`)
        .set('Authorization', `Bearer ${duty}`)
        .send({ to });
      expect(res.status).toBe(201);
    }
    const back = await t.http
      .post(`/api/incidents/${i.id}/status`)
      .set('Authorization', `Bearer ${duty}`)
      .send({ to: 'verified' });
    expect(back.status).toBe(409);
    expect(back.body.code).toBe('INCIDENT_STATUS_INVALID');
    const got = await t.http.get(`/api/incidents/${i.id}`).set('Authorization', `Bearer ${duty}`);
    expect(
      (got.body.statusHistory as { status: string; by: string }[]).map(
        (h) => `${h.status}:${h.by}`,
      ),
    ).toEqual(['reported:duty', 'verified:duty', 'responding:duty', 'resolved:duty']);
  });

  it('keeps incident history append-only at the database', async () => {
    const ds = t.app.get(DataSource);
    await expect(ds.query(`UPDATE incident_versions SET reason = 'x'`)).rejects.toThrow(
      /append-only/,
    );
    await expect(ds.query(`DELETE FROM incident_versions`)).rejects.toThrow(/append-only/);
  });

  describe('overdue duties (durable timers)', () => {
    beforeAll(async () => {
      const rule = {
        name: '电话报告带班领导',
        trigger: 'grade',
        target: 'leader_on_duty',
        channel: 'phone',
        minGrade: 'general',
        maxGrade: null,
        dueAfterSeconds: 1,
        escalateAfterSeconds: 1,
      };
      const refused = await t.http
        .put('/api/incident-config/duties/leader_notify')
        .set('Authorization', `Bearer ${duty}`)
        .send(rule);
      expect(refused.status).toBe(403);
      const res = await t.http
        .put('/api/incident-config/duties/leader_notify')
        .set('Authorization', `Bearer ${admin}`)
        .send(rule);
      expect(res.status).toBe(200);
    });

    it('alarms the console once when a duty passes its deadline, then escalates once', async () => {
      const late = await create();
      const done = await create();
      const leader = (await duties(done.id)).find((d) => d.ruleCode === 'leader_notify')!;
      await t.http
        .post(`/api/incidents/${done.id}/duties/${leader.id}/done`)
        .set('Authorization', `Bearer ${duty}`)
        .send({});
      const overdue = await tap.next('incident.duty_overdue', (p) => p.incidentId === late.id);
      expect(overdue).toMatchObject({ ruleCode: 'leader_notify', status: 'overdue' });
      await tap.next('incident.duty_escalated', (p) => p.incidentId === late.id);
      // A later incident's escalation is the sentinel: the earlier timers had their chance.
      const sentinel = await create();
      await tap.next('incident.duty_escalated', (p) => p.incidentId === sentinel.id);
      expect(tap.of('incident.duty_overdue', (p) => p.incidentId === late.id)).toHaveLength(1);
      expect(tap.of('incident.duty_escalated', (p) => p.incidentId === late.id)).toHaveLength(1);
      expect(tap.of('incident.duty_overdue', (p) => p.incidentId === done.id)).toHaveLength(0);
      const row = (await duties(late.id)).find((d) => d.ruleCode === 'leader_notify')!;
      expect(row.status).toBe('overdue');
      expect(row.escalatedAt).not.toBeNull();
    });

    it('fires the deadline of a duty opened by a feed report (its timer rides with the commit)', async () => {
      const res = await t.http
        .post('/api/feeds/incidents')
        .set('Authorization', FEED)
        .send(report({ externalId: 'feed-deadline-1' }));
      expect(res.status).toBe(201);
      const id = (res.body as { incident: { id: string } }).incident.id;
      const overdue = await tap.next('incident.duty_overdue', (p) => p.incidentId === id);
      expect(overdue).toMatchObject({ ruleCode: 'leader_notify', status: 'overdue' });
    });
  });
});
