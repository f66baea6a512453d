import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { createTestDatabase, type TestDatabase } from '../helpers/db';

const SERVER = join(__dirname, '..', '..');
const TSX = require.resolve('tsx/cli');
const TSCONFIG = join(__dirname, 'tsconfig.cli.json');
const CLI = join(SERVER, 'src', 'database', 'import', 'import.cli.ts');

/** `npm run import` of the roster of responsible persons: all or nothing, keyed by phone. */
describe('npm run import -- persons.csv', () => {
  let db: TestDatabase;
  let dir: string;
  let pg: Client;

  beforeAll(async () => {
    db = await createTestDatabase();
    dir = await mkdtemp(join(tmpdir(), 'sanfang-persons-'));
    pg = new Client({ connectionString: db.url });
    await pg.connect();
  });
  afterAll(async () => {
    await pg?.end();
    await rm(dir, { recursive: true, force: true });
    await db?.drop();
  });

  const cli = (...args: string[]): Promise<{ code: number | null; out: string; err: string }> =>
    new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [TSX, '--tsconfig', TSCONFIG, CLI, ...args], {
        cwd: dir,
        env: { ...process.env, DATABASE_URL: db.url, NODE_ENV: 'test', npm_lifecycle_event: '' },
      });
      let out = '';
      let err = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      child.stderr.on('data', (d: Buffer) => (err += d.toString()));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, out, err }));
    });
  const file = async (name: string, text: string): Promise<string> => {
    const p = join(dir, name);
    await writeFile(p, text);
    return p;
  };
  const count = async (): Promise<number> =>
    Number(
      (await pg.query<{ n: string }>(`SELECT count(*) AS n FROM responsible_persons`)).rows[0]?.n,
    );

  it('refuses the whole file when a row is bad, naming line and column', async () => {
    const before = await count();
    const p = await file(
      'persons-bad.csv',
      [
        'name,phone,unit_code,subdistrict_code,duty',
        '张三,13600000001,BM01,440306001,river',
        '李四,13600000002,BM01,440306999,boss',
        '王五,13600000001,NEW1,440306001,slope',
      ].join('\n'),
    );
    const r = await cli(p);
    expect(r.code).toBe(1);
    expect(r.err).toContain('persons-bad.csv:3: subdistrict_code: no subdistrict 440306999');
    expect(r.err).toContain('persons-bad.csv:3: duty: must be one of');
    expect(r.err).toContain('persons-bad.csv:4: phone: appears again (first on line 2)');
    expect(r.err).toContain('persons-bad.csv:4: unit_name: unit NEW1 is new');
    expect(r.err).toMatch(
      /IMPORT_INVALID_ROWS: 2 invalid persons row\(s\), 4 problem\(s\); nothing was loaded/,
    );
    expect(await count()).toBe(before);
  });

  it('refuses a file without the required columns', async () => {
    const r = await cli(await file('roster.csv', 'name,phone\n张三,13600000001\n'));
    expect(r.code).toBe(2);
    expect(r.err).toContain('IMPORT_INVALID_FILE: the header lacks required persons column(s)');
  });

  it('loads new persons and units, updates a known phone, links backups, records one event', async () => {
    const before = await count();
    const known = (
      await pg.query<{ phone: string }>(
        `SELECT phone FROM responsible_persons WHERE unit_code = 'BM01' ORDER BY phone LIMIT 1`,
      )
    ).rows[0]!.phone;
    const p = await file(
      'persons.csv',
      [
        'name,phone,unit_code,unit_name,unit_kind,subdistrict_code,duty,backup_phone,leader',
        `改名,${known},BM01,,,440306002,liaison,13600000011,false`,
        '新人甲,13600000011,NEW1,区新单位,department,440306001,river,13600000012,是',
        '新人乙,13600000012,NEW1,区新单位,department,440306001,slope,,',
      ].join('\n'),
    );
    const dry = await cli(p, '--dry-run');
    expect(dry.code).toBe(0);
    expect(await count()).toBe(before);
    const r = await cli(p);
    expect({ code: r.code, out: r.out.trim() }).toEqual({
      code: 0,
      out: 'persons: 2 inserted, 1 updated',
    });
    expect(await count()).toBe(before + 2);
    const rows = (
      await pg.query<{
        name: string;
        duty: string;
        unit_code: string;
        backup: string | null;
        leader: boolean;
      }>(
        `SELECT p.name, p.duty, p.unit_code, b.phone AS backup, p.leader FROM responsible_persons p
           LEFT JOIN responsible_persons b ON b.id = p.backup_id
          WHERE p.phone = ANY($1) ORDER BY p.phone`,
        [[known, '13600000011', '13600000012']],
      )
    ).rows;
    expect(rows).toEqual(
      expect.arrayContaining([
        { name: '改名', duty: 'liaison', unit_code: 'BM01', backup: '13600000011', leader: false },
        { name: '新人甲', duty: 'river', unit_code: 'NEW1', backup: '13600000012', leader: true },
        { name: '新人乙', duty: 'slope', unit_code: 'NEW1', backup: null, leader: false },
      ]),
    );
    const events = await pg.query<{ payload: { action: string; count: number } }>(
      `SELECT payload FROM events WHERE type = 'roster.changed'`,
    );
    expect(events.rows.map((e) => e.payload)).toEqual([{ action: 'imported', count: 3 }]);
  });

  it('reads the same columns from GeoJSON features’ properties', async () => {
    const p = await file(
      'roster.geojson',
      JSON.stringify({
        type: 'FeatureCollection',
        features: [
          {
            type: 'Feature',
            geometry: null,
            properties: {
              name: '几何无关',
              phone: '13600000021',
              unit_code: 'BM02',
              subdistrict_code: '440306003',
              duty: 'community',
            },
          },
        ],
      }),
    );
    const r = await cli(p);
    expect({ code: r.code, out: r.out.trim() }).toEqual({
      code: 0,
      out: 'persons: 1 inserted, 0 updated',
    });
  });
});
