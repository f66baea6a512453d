import { Client } from 'pg';
import { MIGRATIONS } from '../../src/database/migrations';
import { MIGRATE_EXIT, runMigrate } from '../../src/database/migrate.cli';
import { createTestDatabase, type TestDatabase } from '../helpers/db';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase({ template: false });
});
afterAll(() => db.drop());

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runMigrate(argv, {
    out: (l) => (out += `${l}\n`),
    err: (l) => (err += `${l}\n`),
    env: { DATABASE_URL: db.url, NODE_ENV: 'test' },
  });
  return { code, out, err };
}

async function applied(): Promise<number> {
  const c = new Client({ connectionString: db.url });
  await c.connect();
  try {
    const t = await c.query<{ t: boolean }>(`SELECT to_regclass('migrations') IS NOT NULL AS t`);
    if (!t.rows[0]?.t) return 0;
    const { rows } = await c.query<{ n: number }>('SELECT count(*)::int AS n FROM migrations');
    return rows[0]?.n ?? -1;
  } finally {
    await c.end();
  }
}

describe('npm run migrations:run (migrate CLI) against DATABASE_URL', () => {
  it('--dry-run lists every pending migration and changes nothing', async () => {
    const r = await run('--dry-run');
    expect(r.code).toBe(MIGRATE_EXIT.ok);
    expect(r.out).toContain(
      `Would apply ${MIGRATIONS.length} migration(s) (dry run: nothing changed):`,
    );
    expect(r.out).toContain('  Init1795924555412\n');
    expect(r.err).toMatch(/^Database: external PostgreSQL at postgres:\/\//);
    expect(await applied()).toBe(0);
  });

  it('applies them all, then has nothing to apply', async () => {
    const first = await run();
    expect(first.code).toBe(MIGRATE_EXIT.ok);
    expect(first.out).toContain(`Applied ${MIGRATIONS.length} migration(s):`);
    expect(await applied()).toBe(MIGRATIONS.length);
    const again = await run();
    expect(again.out).toBe(`Nothing to apply: all ${MIGRATIONS.length} migrations are applied.\n`);
  });

  it('exits 2 with the usage for an unknown option, and 3 when the database is unreachable', async () => {
    const bad = await run('--force');
    expect(bad.code).toBe(MIGRATE_EXIT.usage);
    expect(bad.err).toContain('usage: npm run migrations:run');
    let err = '';
    const code = await runMigrate([], {
      out: () => undefined,
      err: (l) => (err += l),
      env: { DATABASE_URL: 'postgres://postgres@127.0.0.1:1/none', NODE_ENV: 'test' },
    });
    expect(code).toBe(MIGRATE_EXIT.failed);
    expect(err).toContain('migrations failed:');
  });
});
