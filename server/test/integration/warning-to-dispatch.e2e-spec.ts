import type { ResponseDto, SuggestionDto } from '@sanfang/shared';
import { DataSource } from 'typeorm';
import { Reactors } from '../../src/events/reactors.service';
import { createTestApp, type TestApp } from '../helpers/app';
import { capXml } from '../warnings/cap-factory';

/**
 * The features together, as on a storm night: a CAP warning arrives, the warnings feature
 * suggests a response, the commander accepts it in one click, and every waterlogging point
 * in the area gets its four contacts called out. An admin-enabled rule applies by itself.
 */
describe('warning → suggestion → response → call-outs', () => {
  let t: TestApp;
  let ds: DataSource;
  let commander: string;
  beforeAll(async () => {
    t = await createTestApp();
    ds = t.app.get(DataSource);
    commander = `Bearer ${await t.login('commander')}`;
  });
  afterAll(() => t.close());

  const post = (xml: string) =>
    t.http
      .post('/api/feeds/cap')
      .set('authorization', 'Bearer demo-feed')
      .set('content-type', 'application/cap+xml')
      .send(xml);

  const pending = async () => {
    await t.app.get(Reactors).drain();
    const res = await t.http
      .get('/api/responses/suggestions?status=pending')
      .set('authorization', commander);
    expect(res.status).toBe(200);
    return res.body as SuggestionDto[];
  };

  it('an Exercise red rainstorm suggests nothing and starts nothing', async () => {
    const res = await post(capXml({ status: 'Exercise', colour: '红', area: '宝安区' }));
    expect(res.status).toBe(201);
    expect(await pending()).toEqual([]);
  });

  it('an Actual orange rainstorm becomes a pending suggestion; accepting it calls out the area', async () => {
    const res = await post(capXml({ colour: '橙', area: '宝安区(新安、西乡街道)' }));
    expect(res.status).toBe(201);
    const [s, ...rest] = await pending();
    expect(rest).toEqual([]);
    expect(s).toMatchObject({ hazard: 'flood', action: 'start' });
    // What the console words the suggestion from (it shows no English reason in zh-CN).
    expect(s!.basis).toMatchObject({
      change: 'changed',
      warningHazard: 'rainstorm',
      warningColour: 'orange',
      rule: { hazard: 'rainstorm', colour: 'orange' },
    });
    expect(s!.basis!.headline).not.toBe('');

    const accepted = await t.http
      .post(`/api/responses/suggestions/${s!.id}/accept`)
      .set('authorization', commander)
      .send({ reason: '按预案启动' });
    expect(accepted.status).toBeLessThan(300);
    const responses = await t.http.get('/api/responses').set('authorization', commander);
    const active = (
      responses.body as { id: string; hazard: string; status?: string; endedAt?: string | null }[]
    ).filter((r) => r.hazard === 'flood' && !r.endedAt);
    expect(active).toHaveLength(1);
    // The response's reason is the warning's headline and the commander's, not English.
    const started = (responses.body as ResponseDto[]).find((r) => r.id === active[0]!.id)!;
    expect(started.history[0]!.reason).toBe(`${s!.basis!.headline} — 按预案启动`);

    // One dispatch per point and call-out role in the two subdistricts, nothing elsewhere.
    const [counts] = await ds.query<{ dispatches: number; expected: number; outside: number }[]>(
      `SELECT (SELECT count(*)::int FROM dispatches WHERE response_id = $1) AS dispatches,
              (SELECT count(*)::int * 4 FROM waterlogging_points WHERE subdistrict_code IN ('440306001', '440306002')) AS expected,
              (SELECT count(*)::int FROM dispatches d JOIN waterlogging_points p ON p.id = d.point_id
                WHERE d.response_id = $1 AND p.subdistrict_code NOT IN ('440306001', '440306002')) AS outside`,
      [active[0]!.id],
    );
    expect(counts!.expected).toBeGreaterThan(0);
    expect(counts!.dispatches).toBe(counts!.expected);
    expect(counts!.outside).toBe(0);
  });
});
