import 'reflect-metadata';
import { join } from 'node:path';
import { Client } from 'pg';
import { runImport, type CliIo } from '../../src/database/import/import.cli';
import { createTestDatabase, type TestDatabase } from '../helpers/db';

const fixture = (name: string): string => join(__dirname, '..', 'fixtures', 'import', name);

describe('import of rescue teams', () => {
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

  const run = async (...argv: string[]) => {
    const err: string[] = [];
    const io: CliIo = {
      out: () => undefined,
      err: (l) => err.push(l),
      env: { DATABASE_URL: db.url, NODE_ENV: 'test' },
    };
    return { code: await runImport(argv, io), err };
  };
  const imported = async () =>
    (
      await pg.query<{ payload: { kind: string; inserted: number; updated: number } }>(
        `SELECT payload FROM events WHERE type = 'resources.imported' ORDER BY seq`,
      )
    ).rows.map((r) => r.payload);

  it('loads nothing, and records no event, when one row is bad; the bad line is named', async () => {
    const r = await run(fixture('teams-bad.csv'), '--kind', 'teams');
    expect(r.code).toBe(1);
    expect(r.err.some((l) => l.startsWith(`${fixture('teams-bad.csv')}:3:`))).toBe(true);
    const { rows } = await pg.query(`SELECT 1 FROM rescue_teams WHERE code LIKE 'IMP-T1%'`);
    expect(rows).toHaveLength(0);
    expect(await imported()).toEqual([]);
  });

  it('loads a good file as standby teams with one resources.imported event', async () => {
    const r = await run(fixture('teams-good.csv'), '--kind', 'teams');
    expect(r.code).toBe(0);
    const { rows } = await pg.query<{ code: string; status: string }>(
      `SELECT code, status FROM rescue_teams WHERE code LIKE 'IMP-T0%' ORDER BY code`,
    );
    expect(rows).toEqual([
      { code: 'IMP-T001', status: 'standby' },
      { code: 'IMP-T002', status: 'standby' },
    ]);
    expect(await imported()).toEqual([{ kind: 'teams', inserted: 2, updated: 0 }]);
  });
});
