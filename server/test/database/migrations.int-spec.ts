import 'reflect-metadata';
import type { PoolClient } from 'pg';
import type { DataSource } from 'typeorm';
import { createDataSource } from '../../src/database/data-source';
import { LineageStore } from '../../src/warnings/lineage-store';
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

  it('plans the lineage read without parallel workers on a fresh, unanalysed table', async () => {
    const ds = createDataSource(db.url, 1);
    await ds.initialize();
    try {
      await ds.runMigrations();
      // A storm's first minutes: thousands of messages, no statistics yet. Left to itself
      // the planner gathers parallel workers for the orphan lookup (20–30 ms each time).
      await ds.query(
        `INSERT INTO cap_messages (sender, identifier, sent, status, msg_type, scope, raw_xml,
                                   sha256, source, received_via, outcome)
         SELECT 'S', 'I' || g, now() - g * interval '1 s', 'Actual', 'Alert', 'Public',
                encode(gen_random_bytes(800), 'hex'), repeat('0', 64), 'push', 'feed', 'issued'
           FROM generate_series(1, 8000) g`,
      );
      const ref = { sender: 'S', identifier: 'I1', sent: new Date() };
      // The read runs inside a function (lineage_read): auto_explain shows its plans.
      const text = await nestedPlans(ds, LineageStore.readSql([{ self: ref, references: [] }]));
      expect(text).toContain('cap_messages');
      expect(text).not.toMatch(/Gather|Parallel/);
    } finally {
      await ds.destroy();
    }
  });
});

/** The plans of every statement `sql` runs, functions' statements included (auto_explain). */
async function nestedPlans(ds: DataSource, sql: string): Promise<string> {
  const qr = ds.createQueryRunner();
  await qr.connect();
  const client = (qr as unknown as { databaseConnection: PoolClient }).databaseConnection;
  const logged: string[] = [];
  const onNotice = (n: { message?: string }) => logged.push(n.message ?? '');
  client.on('notice', onNotice);
  try {
    await qr.query(`LOAD 'auto_explain'`);
    // SET LOCAL: the settings end with the transaction, however it ends, so the pooled
    // connection goes back as it came (auto_explain stays loaded, but idle).
    await qr.startTransaction();
    await qr.query(`SET LOCAL auto_explain.log_min_duration = 0`);
    await qr.query(`SET LOCAL auto_explain.log_nested_statements = on`);
    await qr.query(`SET LOCAL client_min_messages = log`);
    await qr.query(sql);
    return logged.join('\n');
  } finally {
    if (qr.isTransactionActive) await qr.rollbackTransaction();
    client.off('notice', onNotice);
    await qr.release();
  }
}
