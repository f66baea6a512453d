import 'reflect-metadata';
import type { PoolClient } from 'pg';
import type { DataSource } from 'typeorm';
import { createDataSource } from '../../src/database/data-source';
import { MIGRATIONS } from '../../src/database/migrations';
import { NotificationCallId1796610000001 } from '../../src/database/migrations/1796610000001-NotificationCallId';
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

  it('moves 叫应 call ids out of notifications.dispatch_id into call_id (and back on undo)', async () => {
    const ds = createDataSource(db.url, 1);
    await ds.initialize();
    try {
      await ds.runMigrations();
      // Undo back to the schema as it was before NotificationCallId (it and every later one).
      const undoToBefore = async () => {
        const n = MIGRATIONS.length - MIGRATIONS.indexOf(NotificationCallId1796610000001);
        for (let i = 0; i < n; i++) await ds.undoLastMigration();
      };
      await undoToBefore();
      const [call, dispatch] = ['1', '2'].map((d) => `00000000-0000-4000-8000-00000000000${d}`);
      const round = '00000000-0000-4000-8000-0000000000aa';
      await ds.query(
        `INSERT INTO call_rounds (id, warning_id, drill, reason, headline, started_at)
         VALUES ($1, gen_random_uuid(), false, 'issued', 'H', now())`,
        [round],
      );
      await ds.query(
        `INSERT INTO calls (id, round_id, drill, name, phone, duty, code, called_at, deadline,
                            notified_phones, status)
         VALUES ($1, $2, false, 'N', '13800000000', 'community', '1234', now(), now(),
                 '{13800000000}', 'called')`,
        [call, round],
      );
      await ds.query(
        `INSERT INTO notifications (id, batch_id, dispatch_id, kind, channel, recipient, address, text)
         VALUES (gen_random_uuid(), gen_random_uuid(), $1, 'call', 'log', 'person:x', '1', 't'),
                (gen_random_uuid(), gen_random_uuid(), $2, 'callout', 'log', 'contact:y', '2', 't')`,
        [call, dispatch],
      );
      await ds.runMigrations();
      const rows: { kind: string; dispatch_id: string | null; call_id: string | null }[] =
        await ds.query(`SELECT kind, dispatch_id, call_id FROM notifications ORDER BY kind`);
      expect(rows).toEqual([
        { kind: 'call', dispatch_id: null, call_id: call },
        { kind: 'callout', dispatch_id: dispatch, call_id: null },
      ]);
      await undoToBefore();
      const back: { dispatch_id: string }[] = await ds.query(
        `SELECT dispatch_id FROM notifications WHERE kind = 'call'`,
      );
      expect(back).toEqual([{ dispatch_id: call }]);
      await ds.runMigrations();
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
      await insertMessages(ds, 8000);
      const ref = { sender: 'S', identifier: 'I1', sent: new Date() };
      // The read runs inside a function (lineage_read): auto_explain shows its plans.
      const text = await nestedPlans(ds, LineageStore.readSql([{ self: ref, references: [] }]));
      expect(text).toContain('cap_messages');
      expect(text).not.toMatch(/Gather|Parallel/);
    } finally {
      await ds.destroy();
    }
  });

  it('reads a batch’s messages by one index probe per key, also from a small analysed table', async () => {
    const ds = createDataSource(db.url, 1);
    await ds.initialize();
    try {
      await ds.runMigrations();
      // A console's first weeks: so few messages that, told nothing of the keys' count, the
      // planner would rather scan them all on every batch than probe the index.
      await ds.query(`TRUNCATE cap_messages CASCADE`);
      await insertMessages(ds, 1500);
      await ds.query(`ANALYZE cap_messages`);
      const refs = [1, 2, 3, 4].map((i) => ({
        self: { sender: 'S', identifier: `I${i}`, sent: new Date() },
        references: [],
      }));
      const text = await nestedPlans(ds, LineageStore.readSql(refs));
      expect(text).toContain('cap_messages');
      expect(text).not.toMatch(/Seq Scan on cap_messages/);
    } finally {
      await ds.destroy();
    }
  });
});

/** `n` stored messages of one sender, 'I1'…'In', each with 1.6 KB of XML. */
async function insertMessages(ds: DataSource, n: number): Promise<void> {
  await ds.query(
    `INSERT INTO cap_messages (sender, identifier, sent, status, msg_type, scope, raw_xml,
                               sha256, source, received_via, outcome)
     SELECT 'S', 'I' || g, now() - g * interval '1 s', 'Actual', 'Alert', 'Public',
            encode(gen_random_bytes(800), 'hex'), repeat('0', 64), 'push', 'feed', 'issued'
       FROM generate_series(1, $1::int) g`,
    [n],
  );
}

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
