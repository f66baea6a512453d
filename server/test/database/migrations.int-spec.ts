import 'reflect-metadata';
import { createDataSource } from '../../src/database/data-source';
import { createTestDatabase, type TestDatabase } from '../helpers/db';

describe('migrations', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase({ template: false });
  });
  afterAll(() => db.drop());

  it('build a schema that matches the entities exactly, and undo cleanly', async () => {
    const ds = createDataSource(db.url, 1);
    await ds.initialize();
    try {
      const ran = await ds.runMigrations();
      expect(ran.length).toBeGreaterThan(0);
      const pending = await ds.driver.createSchemaBuilder().log();
      expect(pending.upQueries.map((q) => q.query)).toEqual([]);

      for (let i = 0; i < ran.length; i++) await ds.undoLastMigration();
      const tables: { n: string }[] = await ds.query(
        `SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'migrations'`,
      );
      expect(Number(tables[0]?.n)).toBe(0);
    } finally {
      await ds.destroy();
    }
  });
});
