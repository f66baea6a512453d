import type { IncidentDto, IncidentPreviewDto, ReportingDutyDto } from '@sanfang/shared';
import { DataSource } from 'typeorm';
import { createTestApp, type TestApp } from '../helpers/app';

/** What the console's incident pages need beyond the intake: a preview and a filtered list. */
describe('incident desk: preview and list filters', () => {
  let t: TestApp;
  let duty: string;
  const entry = (over: Record<string, unknown> = {}) => ({
    type: 'waterlogging',
    occurredAt: '2025-06-11T15:30:00+08:00',
    location: { lon: 113.875, lat: 22.585, address: '西乡大道下穿通道' },
    description: '车辆被困积水',
    ...over,
  });
  const count = async (table: string): Promise<number> =>
    Number(
      (await t.app.get(DataSource).query<{ n: string }[]>(`SELECT count(*) AS n FROM ${table}`))[0]!
        .n,
    );

  beforeAll(async () => {
    t = await createTestApp();
    duty = await t.login('duty');
  });
  afterAll(() => t.close());

  it('previews the grade, subdistrict and first duties of an entry, storing nothing', async () => {
    const before = [
      await count('incidents'),
      await count('events'),
      await count('reporting_duties'),
    ];
    const res = await t.http
      .post('/api/incidents/preview')
      .set('Authorization', `Bearer ${duty}`)
      .send(entry({ casualties: { deaths: 3 } }));
    expect(res.status).toBe(200);
    const p = res.body as IncidentPreviewDto;
    expect(p.grade).toBe('larger');
    expect(p.subdistrictCode).toBe('440306002');
    expect(p.duties.map((d) => d.ruleCode).sort()).toEqual([
      'city_phone',
      'city_written',
      'district_report',
      'followup',
      'leader_notify',
    ]);
    expect([
      await count('incidents'),
      await count('events'),
      await count('reporting_duties'),
    ]).toEqual(before);

    // Saving the same entry starts exactly the previewed duties.
    const saved = await t.http
      .post('/api/incidents')
      .set('Authorization', `Bearer ${duty}`)
      .send(entry({ casualties: { deaths: 3 } }));
    expect(saved.status).toBe(201);
    const duties = await t.http
      .get(`/api/incidents/${saved.body.incident.id}/duties`)
      .set('Authorization', `Bearer ${duty}`);
    expect((duties.body as ReportingDutyDto[]).map((d) => d.ruleCode).sort()).toEqual(
      p.duties.map((d) => d.ruleCode).sort(),
    );
  });

  it('previews an address-only entry as general with no subdistrict', async () => {
    const res = await t.http
      .post('/api/incidents/preview')
      .set('Authorization', `Bearer ${duty}`)
      .send(entry({ location: { address: '宝安区某处' } }));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ grade: 'general', subdistrictCode: null });
    expect((res.body as IncidentPreviewDto).duties.map((d) => d.ruleCode).sort()).toEqual([
      'district_report',
      'leader_notify',
    ]);
  });

  it('answers a bad entry with the field it is about', async () => {
    const res = await t.http
      .post('/api/incidents/preview')
      .set('Authorization', `Bearer ${duty}`)
      .send(entry({ casualties: { deaths: -1 } }));
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      code: 'VALIDATION_FAILED',
      path: 'body.casualties.deaths',
    });
  });

  it('filters the list by type, grade, subdistrict and words', async () => {
    const post = (body: Record<string, unknown>) =>
      t.http.post('/api/incidents').set('Authorization', `Bearer ${duty}`).send(body);
    await post(entry({ type: 'fire', title: '仓库起火 50%', description: '叉车充电时起火' }));
    await post(entry({ type: 'traffic', location: { address: '福永立交' } }));
    const list = async (query: Record<string, string>) => {
      const res = await t.http
        .get('/api/incidents')
        .query(query)
        .set('Authorization', `Bearer ${duty}`);
      expect(res.status).toBe(200);
      return res.body as IncidentDto[];
    };
    expect((await list({ type: 'fire' })).map((i) => i.title)).toEqual(['仓库起火 50%']);
    expect((await list({ q: '叉车' })).map((i) => i.type)).toEqual(['fire']);
    // % is a character to look for, not a wildcard.
    expect((await list({ q: '50%' })).map((i) => i.type)).toEqual(['fire']);
    expect(await list({ q: '0%' })).toHaveLength(1);
    expect((await list({ q: '福永' })).map((i) => i.type)).toEqual(['traffic']);
    expect((await list({ grade: 'larger' })).every((i) => i.grade === 'larger')).toBe(true);
    expect(await list({ grade: 'especially_major' })).toEqual([]);
    const inXixiang = await list({ subdistrict: '440306002' });
    expect(inXixiang.length).toBeGreaterThan(0);
    expect(inXixiang.every((i) => i.subdistrictCode === '440306002')).toBe(true);
    expect(await list({ type: 'traffic', subdistrict: '440306002' })).toEqual([]);

    const bad = await t.http
      .get('/api/incidents')
      .query({ grade: 'huge' })
      .set('Authorization', `Bearer ${duty}`);
    expect(bad.status).toBe(400);
    expect(bad.body.path).toBe('query.grade');
  });
});
