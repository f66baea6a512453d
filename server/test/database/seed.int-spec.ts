import 'reflect-metadata';
import type { DataSource } from 'typeorm';
import { verifyPassword } from '../../src/auth/password';
import { createDataSource } from '../../src/database/data-source';
import { runSeed } from '../../src/database/seed/seed';
import { createTestDatabase, type TestDatabase } from '../helpers/db';

async function counts(ds: DataSource): Promise<Record<string, number>> {
  const [row] = await ds.query<Record<string, number>[]>(`SELECT
    (SELECT count(*) FROM districts)::int AS districts,
    (SELECT count(*) FROM subdistricts)::int AS subdistricts,
    (SELECT count(*) FROM waterlogging_points)::int AS points,
    (SELECT count(*) FROM contacts)::int AS contacts,
    (SELECT count(*) FROM shelters)::int AS shelters,
    (SELECT count(*) FROM rescue_teams)::int AS teams,
    (SELECT count(*) FROM warehouses)::int AS warehouses,
    (SELECT coalesce(sum(quantity), 0) FROM stock_items)::int AS items,
    (SELECT count(*) FROM users)::int AS users,
    (SELECT count(*) FROM feed_tokens)::int AS feed_tokens`);
  return row!;
}

describe('seed', () => {
  let db: TestDatabase;
  let ds: DataSource;
  beforeEach(async () => {
    db = await createTestDatabase({ template: false });
    ds = createDataSource(db.url, 2);
    await ds.initialize();
    await ds.runMigrations();
  });
  afterEach(async () => {
    await ds.destroy();
    await db.drop();
  });

  it('loads the demo district with the sizes of the bureau report, idempotently', async () => {
    await runSeed(ds, 'demo');
    const first = await counts(ds);
    expect(first).toMatchObject({
      districts: 1,
      subdistricts: 10,
      shelters: 104,
      teams: 317,
      warehouses: 143,
      items: 473_000,
      feed_tokens: 1,
    });
    expect(first.points).toBeGreaterThanOrEqual(80);
    expect(first.contacts).toBeGreaterThanOrEqual(first.points! * 4);
    await runSeed(ds, 'demo');
    expect(await counts(ds)).toEqual(first);
  });

  it('seeds two instances starting together exactly once', async () => {
    const other = createDataSource(db.url, 2);
    await other.initialize();
    try {
      await Promise.all([runSeed(ds, 'demo'), runSeed(other, 'demo')]);
    } finally {
      await other.destroy();
    }
    expect((await counts(ds)).shelters).toBe(104);
  });

  it('creates demo sign-ins with password "demo" only in demo mode', async () => {
    await runSeed(ds, 'demo');
    const [duty] = await ds.query<{ password_hash: string }[]>(
      `SELECT password_hash FROM users WHERE username = 'duty'`,
    );
    expect(await verifyPassword('demo', duty!.password_hash)).toBe(true);
    const contacts: { n: number }[] = await ds.query(
      `SELECT count(*)::int AS n FROM users WHERE role = 'contact' AND contact_id IS NOT NULL`,
    );
    expect(contacts[0]!.n).toBeGreaterThan(0);
  });

  it('on a real database seeds only geography, no default users or tokens', async () => {
    await runSeed(ds, 'reference');
    expect(await counts(ds)).toMatchObject({
      districts: 1,
      subdistricts: 10,
      points: 0,
      shelters: 0,
      users: 0,
      feed_tokens: 0,
    });
  });

  it('creates the first admin from ADMIN_USERNAME/ADMIN_PASSWORD once', async () => {
    await runSeed(ds, 'reference', { username: 'chief', password: 'a-long-secret-1' });
    await runSeed(ds, 'reference', { username: 'chief', password: 'changed-later-2' });
    const rows: { role: string; password_hash: string }[] = await ds.query(
      `SELECT role, password_hash FROM users WHERE username = 'chief'`,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]!.role).toBe('admin');
    expect(await verifyPassword('a-long-secret-1', rows[0]!.password_hash)).toBe(true);
  });
});
