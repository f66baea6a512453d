import 'reflect-metadata';
import { join } from 'node:path';
import { Client } from 'pg';
import { runImport, type CliIo } from '../../src/database/import/import.cli';
import { createTestDatabase, type TestDatabase } from '../helpers/db';

const FIXTURES = join(__dirname, '..', 'fixtures', 'import');
const fixture = (name: string): string => join(FIXTURES, name);

let db: TestDatabase;
let pg: Client;

beforeAll(async () => {
  db = await createTestDatabase();
  pg = new Client({ connectionString: db.url });
  await pg.connect();
});

afterAll(async () => {
  await pg.end();
  await db.drop();
});

/** Runs the import command in-process against the test database, capturing its output. */
async function importFile(
  ...argv: string[]
): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    env: { DATABASE_URL: db.url, NODE_ENV: 'test' },
  };
  return { code: await runImport(argv, io), out, err };
}

async function count(table: string): Promise<number> {
  const { rows } = await pg.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
  return rows[0]?.n ?? -1;
}

async function counts(): Promise<Record<string, number>> {
  const tables = ['waterlogging_points', 'contacts', 'shelters', 'rescue_teams'];
  const result: Record<string, number> = {};
  for (const t of tables) result[t] = await count(t);
  return result;
}

async function contactsOf(code: string): Promise<Record<string, string>> {
  const { rows } = await pg.query<{ role: string; name: string; phone: string }>(
    `SELECT c.role, c.name, c.phone FROM contacts c JOIN waterlogging_points p ON p.id = c.point_id WHERE p.code = $1`,
    [code],
  );
  return Object.fromEntries(rows.map((r) => [r.role, `${r.name} ${r.phone}`]));
}

describe('import (points CSV)', () => {
  it('inserts new points with their contacts and updates a seeded one', async () => {
    const before = await counts();
    const r = await importFile(fixture('points-good.csv'));
    expect(r.code).toBe(0);
    expect(r.out).toEqual(['points: 2 inserted, 1 updated']);
    const after = await counts();
    expect(after.waterlogging_points).toBe(before.waterlogging_points! + 2);
    // P001 has five contacts, P002 four (no backup); the seeded WLP-0001 keeps its five.
    expect(after.contacts).toBe(before.contacts! + 9);
    expect(await contactsOf('IMP-P002')).toEqual({
      onsite_lead: '孙八 +8613800000006',
      drainage: '周九 13800000007',
      traffic_police: '吴十 13800000008',
      fire_rescue: '郑一 13800000009',
    });
    const { rows } = await pg.query<{ name: string; alarm_depth_m: number; has_sensor: boolean }>(
      `SELECT name, alarm_depth_m, has_sensor FROM waterlogging_points WHERE code = ANY($1) ORDER BY code`,
      [['IMP-P001', 'IMP-P002', 'WLP-0001']],
    );
    expect(rows).toEqual([
      { name: '宝安大道下穿通道', alarm_depth_m: 0.3, has_sensor: true },
      { name: '福永, 桥头立交', alarm_depth_m: 0.25, has_sensor: false },
      { name: '公园路下穿通道 (实测)', alarm_depth_m: 0.4, has_sensor: true },
    ]);
  });

  it('updates instead of duplicating when the same file is imported again', async () => {
    const before = await counts();
    await pg.query(
      `UPDATE contacts SET phone = '10000' WHERE point_id = (SELECT id FROM waterlogging_points WHERE code = 'IMP-P001')`,
    );
    const r = await importFile(fixture('points-good.csv'));
    expect(r.out).toEqual(['points: 0 inserted, 3 updated']);
    expect(await counts()).toEqual(before);
    expect((await contactsOf('IMP-P001')).drainage).toBe('王五 13800000003');
  });

  it('loads nothing and names exactly the bad lines when some rows are invalid', async () => {
    const before = await counts();
    const r = await importFile(fixture('points-bad.csv'));
    expect(r.code).toBe(1);
    const file = fixture('points-bad.csv');
    const rowErrors = r.err.filter((l) => l.startsWith(`${file}:`));
    // Line 3-4 is one record (a quoted newline); the blank line 7 is skipped.
    expect([...new Set(rowErrors.map((l) => Number(l.split(':')[1])))]).toEqual([5, 8, 9]);
    expect(rowErrors).toEqual([
      `${file}:5: lon: lon 22.58, lat 113.87 looks like lat,lon order: swap the two values`,
      expect.stringMatching(new RegExp(`^${file}:5: onsite_lead_phone: must be 5-20 digits`)),
      expect.stringMatching(
        new RegExp(`^${file}:8: subdistrict_code: is not a known subdistrict code`),
      ),
      `${file}:9: code: duplicate code "BAD-P001" (first on line 2)`,
    ]);
    expect(r.err.at(-1)).toBe(
      'IMPORT_INVALID_ROWS: 3 invalid points row(s), 4 problem(s); nothing was loaded',
    );
    expect(await counts()).toEqual(before);
    expect(await count(`waterlogging_points WHERE code LIKE 'BAD-%'`)).toBe(0);
  });
});

describe('import (shelters GeoJSON)', () => {
  it('loads shelters, updating a seeded one by code', async () => {
    const before = await count('shelters');
    const r = await importFile(fixture('shelters.geojson'));
    expect(r).toMatchObject({ code: 0, out: ['shelters: 1 inserted, 1 updated'] });
    expect(await count('shelters')).toBe(before + 1);
    const { rows } = await pg.query(
      `SELECT code, capacity, lon, lat, plan_hazards, subdistrict_code FROM shelters WHERE code = ANY($1) ORDER BY code`,
      [['IMP-SH01', 'SH-001']],
    );
    expect(rows).toEqual([
      {
        code: 'IMP-SH01',
        capacity: 1200,
        lon: 113.9001,
        lat: 22.7712,
        plan_hazards: ['typhoon', 'flood'],
        subdistrict_code: '440306010',
      },
      {
        code: 'SH-001',
        capacity: 9000,
        lon: 113.858593,
        lat: 22.528443,
        plan_hazards: ['typhoon', 'flood'],
        subdistrict_code: '440306001',
      },
    ]);
  });
});

describe('import (file problems and dry run)', () => {
  it('rejects a header without required columns as IMPORT_INVALID_FILE (exit 2)', async () => {
    const r = await importFile(fixture('teams-bad-header.csv'));
    expect(r.code).toBe(2);
    expect(r.err).toEqual([
      `${fixture('teams-bad-header.csv')}:1: IMPORT_INVALID_FILE: the header lacks required teams column(s): members`,
    ]);
  });

  it('rejects a missing file and an unknown --kind with exit 2', async () => {
    expect((await importFile(fixture('nope.csv'))).code).toBe(2);
    expect((await importFile(fixture('points-good.csv'), '--kind', 'boats')).code).toBe(2);
  });

  it('rejects a GBK-encoded file (Excel default here) instead of loading mojibake', async () => {
    const r = await importFile(fixture('shelters-gbk.csv'));
    expect(r.code).toBe(2);
    expect(r.err[0]).toMatch(/IMPORT_INVALID_FILE: the file is not UTF-8/);
  });

  it('reports counts without writing on --dry-run', async () => {
    await pg.query(`DELETE FROM waterlogging_points WHERE code = 'IMP-P002'`);
    const before = await counts();
    const r = await importFile(fixture('points-good.csv'), '--dry-run');
    expect(r.code).toBe(0);
    expect(r.out).toEqual([
      'points: 1 would be inserted, 2 would be updated (dry run: nothing written)',
    ]);
    expect(await counts()).toEqual(before);
  });
});
