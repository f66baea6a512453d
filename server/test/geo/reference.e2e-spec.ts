import { createTestApp, type TestApp } from '../helpers/app';
import { DISTRICT_BBOX } from '@sanfang/shared';
import type {
  RescueTeamCollection,
  ShelterCollection,
  SubdistrictCollection,
  WarehouseCollection,
  WaterloggingPointCollection,
} from '@sanfang/shared';

describe('reference data API', () => {
  let t: TestApp;
  let auth: string;
  beforeAll(async () => {
    t = await createTestApp();
    auth = `Bearer ${await t.login('duty')}`;
  });
  afterAll(() => t.close());

  const get = async <T>(path: string): Promise<T> => {
    const res = await t.http.get(path).set('authorization', auth);
    expect(res.status).toBe(200);
    return res.body as T;
  };

  const inBaoan = ([lon, lat]: [number, number]): boolean =>
    lon > DISTRICT_BBOX[0] - 0.05 &&
    lon < DISTRICT_BBOX[2] + 0.05 &&
    lat > DISTRICT_BBOX[1] - 0.05 &&
    lat < DISTRICT_BBOX[3] + 0.05;

  it('GET /api/subdistricts returns the 10 subdistricts as WGS84 polygons', async () => {
    const fc = await get<SubdistrictCollection>('/api/subdistricts');
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.features.map((f) => f.properties.name).sort()).toEqual(
      ['新安', '西乡', '航城', '福永', '福海', '沙井', '新桥', '松岗', '燕罗', '石岩']
        .map((n) => `${n}街道`)
        .sort(),
    );
    for (const f of fc.features) {
      expect(['Polygon', 'MultiPolygon']).toContain(f.geometry.type);
      expect(inBaoan(f.properties.centre)).toBe(true);
    }
  });

  it('GET /api/waterlogging-points gives every point its four contacts, lon before lat', async () => {
    const fc = await get<WaterloggingPointCollection>('/api/waterlogging-points');
    expect(fc.features.length).toBeGreaterThanOrEqual(80);
    for (const f of fc.features) {
      expect(inBaoan(f.geometry.coordinates)).toBe(true);
      const roles = f.properties.contacts.map((c) => c.role);
      expect(roles).toEqual(
        expect.arrayContaining(['onsite_lead', 'drainage', 'traffic_police', 'fire_rescue']),
      );
    }
  });

  it('GET /api/shelters returns 104 closed, empty shelters for 1.22 million people', async () => {
    const fc = await get<ShelterCollection>('/api/shelters');
    expect(fc.features).toHaveLength(104);
    expect(fc.features.reduce((s, f) => s + f.properties.capacity, 0)).toBe(1_220_000);
    expect(fc.features.every((f) => f.properties.occupancy === 0)).toBe(true);
  });

  it('GET /api/rescue-teams returns the 317 teams of four kinds', async () => {
    const fc = await get<RescueTeamCollection>('/api/rescue-teams');
    expect(fc.features).toHaveLength(317);
    const members = fc.features.reduce((s, f) => s + f.properties.members, 0);
    expect(members).toBe(2689 + 2395 + 264 + 450);
  });

  it('GET /api/warehouses returns 143 warehouses holding 473,000 items', async () => {
    const fc = await get<WarehouseCollection>('/api/warehouses');
    expect(fc.features).toHaveLength(143);
    const total = fc.features
      .flatMap((f) => f.properties.items)
      .reduce((s, i) => s + i.quantity, 0);
    expect(total).toBe(473_000);
  });

  it('GET /api/district returns the outline of 宝安区', async () => {
    const fc = await get<{ features: { properties: { code: string; name: string } }[] }>(
      '/api/district',
    );
    expect(fc.features[0]?.properties).toMatchObject({ code: '440306', name: '宝安区' });
  });
});

describe('GET /api/health', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('needs no sign-in and reports the database up', async () => {
    const res = await t.http.get('/api/health');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ok', database: { status: 'up' } });
  });

  it('answers unknown API paths with a 404 error body', async () => {
    const token = await t.login('duty');
    const res = await t.http.get('/api/no-such-thing').set('authorization', `Bearer ${token}`);
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('NOT_FOUND');
  });

  it('keeps Prometheus metrics off the public port unless METRICS_TOKEN is set', async () => {
    expect((await t.http.get('/metrics')).status).toBe(404);
    const token = 'metrics-scraper-token-0123456789';
    const withToken = await createTestApp({ METRICS_TOKEN: token }, { db: t.db });
    try {
      expect((await withToken.http.get('/metrics')).status).toBe(401);
      const wrong = await withToken.http.get('/metrics').set('authorization', 'Bearer nope');
      expect(wrong.status).toBe(401);
      const res = await withToken.http.get('/metrics').set('authorization', `Bearer ${token}`);
      expect(res.status).toBe(200);
      expect(res.text).toContain('sanfang_http_request_duration_seconds');
    } finally {
      await withToken.app.close();
    }
  });
});
