import 'reflect-metadata';
import { join } from 'node:path';
import { Client } from 'pg';
import { runImport, type CliIo } from '../../src/database/import/import.cli';
import { createTestDatabase, type TestDatabase } from '../helpers/db';

const fixture = (name: string): string => join(__dirname, '..', 'fixtures', 'import', name);

describe('npm run import -- subdistricts.geojson (official boundaries)', () => {
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

  async function run(...argv: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const io: CliIo = {
      out: (l) => out.push(l),
      err: (l) => err.push(l),
      env: { DATABASE_URL: db.url, NODE_ENV: 'test' },
    };
    return { code: await runImport(argv, io), out, err };
  }

  const xinan = async () =>
    (
      await pg.query<{
        approximate: boolean;
        geometry: { coordinates: number[][][] };
        centre_lon: number;
      }>(`SELECT approximate, geometry, centre_lon FROM subdistricts WHERE code = '440306001'`)
    ).rows[0]!;

  it('reports every bad feature with its line and loads nothing', async () => {
    const before = await xinan();
    const r = await run(fixture('subdistricts-bad.geojson'));
    expect(r.code).toBe(1);
    const text = r.err.join('\n');
    expect(text).toMatch(/subdistricts-bad\.geojson:4: geometry: .*looks like lat,lon order/);
    expect(text).toMatch(/:12: geometry: a ring must end where it starts/);
    expect(text).toMatch(/:20: code: duplicate code "440306002" \(first on line 12\)/);
    expect(text).toMatch(/:20: name: is required/);
    expect(await xinan()).toEqual(before);
  });

  it('replaces the approximate polygon and marks it official, with an event', async () => {
    const head = async () =>
      (await pg.query<{ n: string }>(`SELECT last_seq AS n FROM event_counter`)).rows[0]!.n;
    const seqBefore = Number(await head());
    const r = await run(fixture('subdistricts-official.geojson'));
    expect(r.err.filter((l) => !l.startsWith('Database:'))).toEqual([]);
    expect(r.out).toEqual(['subdistricts: 0 inserted, 1 updated']);
    const row = await xinan();
    expect(row.approximate).toBe(false);
    expect(row.geometry.coordinates[0]![1]).toEqual([113.92, 22.54]);
    expect(row.centre_lon).toBeCloseTo(113.895, 3);
    expect(Number(await head())).toBe(seqBefore + 1);
  });
});
