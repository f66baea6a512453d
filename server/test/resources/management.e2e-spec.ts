import type { RescueTeamCollection, ShelterCollection, WarehouseCollection } from '@sanfang/shared';
import { createTestApp, type TestApp } from '../helpers/app';
import { eventsOf, headSeq, sql } from './resource-helpers';

describe('resource management', () => {
  let t: TestApp;
  let admin: string;
  let duty: string;
  beforeAll(async () => {
    t = await createTestApp();
    admin = `Bearer ${await t.login('admin')}`;
    duty = `Bearer ${await t.login('duty')}`;
  });
  afterAll(() => t.close());

  const shelter = {
    code: 'SH-T01',
    name: '测试避难场所',
    subdistrictCode: '440306001',
    lon: 113.89,
    lat: 22.56,
    capacity: 300,
    managerName: '王五',
    planHazards: ['typhoon'],
  };

  it('requires authentication', async () => {
    expect((await t.http.post('/api/shelters').send(shelter)).status).toBe(401);
  });

  it('is admin only', async () => {
    const res = await t.http.post('/api/shelters').set('authorization', duty).send(shelter);
    expect(res.status).toBe(403);
    expect(await sql(t, `SELECT 1 FROM shelters WHERE code = $1`, [shelter.code])).toHaveLength(0);
  });

  it('creates, edits and retires a shelter, each an event the map can apply', async () => {
    const before = await headSeq(t);
    const created = await t.http.post('/api/shelters').set('authorization', admin).send(shelter);
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    expect(
      (await t.http.post('/api/shelters').set('authorization', admin).send(shelter)).status,
    ).toBe(409);

    const edited = await t.http
      .patch(`/api/shelters/${id}`)
      .set('authorization', admin)
      .send({ capacity: 350 });
    // A PATCH changes only what it names.
    expect(edited.body.props).toMatchObject({
      capacity: 350,
      managerName: '王五',
      planHazards: ['typhoon'],
    });
    expect((await t.http.delete(`/api/shelters/${id}`).set('authorization', admin)).status).toBe(
      200,
    );
    const fc = (await t.http.get('/api/shelters').set('authorization', duty))
      .body as ShelterCollection;
    expect(fc.features.some((f) => f.properties.id === id)).toBe(false);
    expect(
      (await eventsOf(t, 'resource.created', before)).map((e) => e.payload.props.code),
    ).toEqual(['SH-T01']);
    expect((await eventsOf(t, 'resource.updated', before)).map((e) => e.payload.id)).toEqual([id]);
    expect((await eventsOf(t, 'resource.retired', before)).map((e) => e.payload.id)).toEqual([id]);
  });

  it('rejects an unknown subdistrict or a bad field and stores nothing', async () => {
    const before = await headSeq(t);
    const bad = await t.http
      .post('/api/shelters')
      .set('authorization', admin)
      .send({ ...shelter, code: 'SH-T02', subdistrictCode: '440306999' });
    expect(bad.status).toBe(400);
    expect(bad.body.path).toBe('body.subdistrictCode');
    const neg = await t.http
      .post('/api/shelters')
      .set('authorization', admin)
      .send({ ...shelter, code: 'SH-T03', capacity: -1 });
    expect(neg.status).toBe(400);
    expect(neg.body.path).toBe('body.capacity');
    expect(await sql(t, `SELECT 1 FROM shelters WHERE code IN ('SH-T02', 'SH-T03')`)).toHaveLength(
      0,
    );
    expect(await eventsOf(t, 'resource.created', before)).toHaveLength(0);
  });

  it('creates a team ready for standby and will not retire one out on a job', async () => {
    const res = await t.http
      .post('/api/rescue-teams')
      .set('authorization', admin)
      .send({
        code: 'RT-T01',
        name: '测试救援队',
        kind: 'militia',
        members: 12,
        subdistrictCode: '440306002',
        lon: 113.87,
        lat: 22.58,
        equipment: ['橡皮艇'],
      });
    expect(res.status).toBe(201);
    const id = res.body.id as string;
    const fc = (await t.http.get('/api/rescue-teams').set('authorization', duty))
      .body as RescueTeamCollection;
    expect(fc.features.find((f) => f.properties.id === id)?.properties).toMatchObject({
      status: 'standby',
      position: null,
    });
    await t.http
      .post(`/api/rescue-teams/${id}/status`)
      .set('authorization', duty)
      .send({ status: 'en_route' });
    expect(
      (await t.http.delete(`/api/rescue-teams/${id}`).set('authorization', admin)).status,
    ).toBe(409);
  });

  it('creates a warehouse and a stock line whose opening quantity is in the ledger', async () => {
    const w = await t.http.post('/api/warehouses').set('authorization', admin).send({
      code: 'WH-T01',
      name: '测试仓库',
      subdistrictCode: '440306003',
      lon: 113.85,
      lat: 22.61,
    });
    expect(w.status).toBe(201);
    const id = w.body.id as string;
    const item = await t.http
      .post(`/api/warehouses/${id}/items`)
      .set('authorization', admin)
      .send({ sku: 'pump', name: '抽水泵', unit: '台', quantity: 8, lowStockThreshold: 2 });
    expect(item.status).toBe(201);
    expect(item.body.props.items).toEqual([expect.objectContaining({ sku: 'pump', quantity: 8 })]);
    const ledger = await sql<{ kind: string; quantity: number }>(
      t,
      `SELECT kind, quantity FROM stock_movements WHERE warehouse_id = $1`,
      [id],
    );
    expect(ledger).toEqual([{ kind: 'opening', quantity: 8 }]);
    const edit = await t.http
      .patch(`/api/warehouses/${id}/items/pump`)
      .set('authorization', admin)
      .send({ quantity: 100 });
    expect(edit.status).toBe(400);
    const fc = (await t.http.get('/api/warehouses').set('authorization', duty))
      .body as WarehouseCollection;
    expect(fc.features.some((f) => f.properties.code === 'WH-T01')).toBe(true);
  });
});
