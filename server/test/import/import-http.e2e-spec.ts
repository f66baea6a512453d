import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ImportResultDto } from '@sanfang/shared';
import { DataSource } from 'typeorm';
import { createTestApp, type TestApp } from '../helpers/app';

const FIXTURES = join(__dirname, '..', 'fixtures', 'import');
const text = (name: string): string => readFileSync(join(FIXTURES, name), 'utf8');

/** POST /api/admin/import: `npm run import` from the browser, with the same all-or-nothing rules. */
describe('import over HTTP (admin)', () => {
  let t: TestApp;
  let admin: string;
  let officer: string;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.login('admin');
    officer = await t.login('duty');
  });
  afterAll(() => t.close());

  const upload = (token: string, body: object, dryRun: boolean) =>
    t.http
      .post(`/api/admin/import?dryRun=${dryRun}`)
      .set('authorization', `Bearer ${token}`)
      .send(body);
  const count = async (sql: string): Promise<number> => {
    const rows: { n: number }[] = await t.app
      .get(DataSource)
      .query(`SELECT count(*)::int AS n FROM ${sql}`);
    return rows[0]?.n ?? 0;
  };
  const importEvents = () => count(`events WHERE type = 'resources.imported'`);

  it('refuses a duty officer (403) and stores nothing', async () => {
    const before = await count('waterlogging_points');
    const res = await upload(
      officer,
      { fileName: 'points-good.csv', content: text('points-good.csv') },
      false,
    );
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ code: 'AUTH_FORBIDDEN' });
    expect(await count('waterlogging_points')).toBe(before);
  });

  it('previews a file with bad rows: every row problem, by line and column; nothing stored', async () => {
    const before = await count('waterlogging_points');
    const events = await importEvents();
    const res = await upload(
      admin,
      { fileName: 'points-bad.csv', content: text('points-bad.csv') },
      true,
    );
    expect(res.status).toBe(200);
    const body = res.body as ImportResultDto;
    expect(body).toMatchObject({ kind: 'points', dryRun: true, valid: false, inserted: 0 });
    expect(body.errors.map((e) => [e.line, e.column])).toEqual([
      [5, 'lon'],
      [5, 'onsite_lead_phone'],
      [8, 'subdistrict_code'],
      [9, 'code'],
    ]);
    expect(body.errors[3]?.message).toBe('duplicate code "BAD-P001" (first on line 2)');
    expect(await count('waterlogging_points')).toBe(before);
    expect(await importEvents()).toBe(events);
  });

  it('refuses to load a file with a bad row: 422 with the rows, nothing stored', async () => {
    const res = await upload(
      admin,
      { fileName: 'points-bad.csv', content: text('points-bad.csv') },
      false,
    );
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({
      code: 'IMPORT_INVALID_ROWS',
      path: 'body.content',
      message: '3 invalid points row(s), 4 problem(s); nothing was loaded',
    });
    expect((res.body as { errors: unknown[] }).errors).toHaveLength(4);
    expect(await count(`waterlogging_points WHERE code LIKE 'BAD-%'`)).toBe(0);
  });

  it('a good file: the dry run counts without storing, then the load stores it with one event', async () => {
    const file = { fileName: 'points-good.csv', content: text('points-good.csv') };
    const events = await importEvents();
    const preview = await upload(admin, file, true);
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({
      kind: 'points',
      dryRun: true,
      valid: true,
      errors: [],
      inserted: 2,
      updated: 1,
    });
    expect(await count(`waterlogging_points WHERE code LIKE 'IMP-%'`)).toBe(0);
    expect(await importEvents()).toBe(events);

    const load = await upload(admin, file, false);
    expect(load.status).toBe(200);
    expect(load.body).toMatchObject({ dryRun: false, valid: true, inserted: 2, updated: 1 });
    expect(await count(`waterlogging_points WHERE code LIKE 'IMP-%'`)).toBe(2);
    expect(await importEvents()).toBe(events + 1);
  });

  it('GeoJSON shelters load by file name', async () => {
    const res = await upload(
      admin,
      { fileName: 'shelters.geojson', content: text('shelters.geojson') },
      false,
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ kind: 'shelters', inserted: 1, updated: 1 });
  });

  it('an unreadable file is a 400 IMPORT_INVALID_FILE at the content', async () => {
    const res = await upload(
      admin,
      { fileName: 'teams-bad-header.csv', content: text('teams-bad-header.csv') },
      true,
    );
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'IMPORT_INVALID_FILE', path: 'body.content' });
  });

  it('a body without content is a 400 at the field', async () => {
    const res = await upload(admin, { fileName: 'points.csv', content: '' }, true);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED', path: 'body.content' });
  });
});
