import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/db';
import { markCommitted, withDriverTransaction } from './driver-transaction';

// Pins the TypeORM internals the event log's fast path relies on: a TypeORM upgrade that
// renames them fails here.
describe(withDriverTransaction.name, () => {
  let db: TestDatabase;
  let ds: DataSource;
  beforeAll(async () => {
    db = await createTestDatabase({ template: false });
    ds = await new DataSource({ type: 'postgres', url: db.url }).initialize();
    await ds.query('CREATE TABLE t (v int)');
  });
  afterAll(async () => {
    await ds.destroy();
    await db.drop();
  });
  beforeEach(() => ds.query('TRUNCATE t'));
  const values = async (): Promise<number[]> =>
    (await ds.query<{ v: number }[]>('SELECT v FROM t ORDER BY v')).map((r) => r.v);

  it('answers the begin SQL, lets the manager write inside, and commits after fn', async () => {
    const seen = await withDriverTransaction(ds, 'SELECT 41 + 1 AS n', async (tx) => {
      await tx.manager.query('INSERT INTO t VALUES (1)');
      await tx.client.query('INSERT INTO t VALUES (2)');
      // Same connection and transaction: the manager sees the client's write.
      const inside = await tx.manager.query<{ c: number }[]>('SELECT count(*)::int AS c FROM t');
      return {
        begun: tx.begun,
        inside: inside[0]?.c,
        active: tx.manager.queryRunner?.isTransactionActive,
      };
    });
    expect(seen).toEqual({ begun: [{ n: 42 }], inside: 2, active: true });
    expect(await values()).toEqual([1, 2]);
  });

  it('rolls back everything when fn throws', async () => {
    await expect(
      withDriverTransaction(ds, '', async (tx) => {
        await tx.manager.query('INSERT INTO t VALUES (3)');
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await values()).toEqual([]);
  });

  it('does not commit again after fn committed on the client and said so', async () => {
    await withDriverTransaction(ds, '', async (tx) => {
      await tx.client.query('INSERT INTO t VALUES (4); COMMIT');
      markCommitted(tx.manager);
      expect(tx.manager.queryRunner?.isTransactionActive).toBe(false);
      // A second transaction on the same runner would fail with "already in a transaction"
      // if TypeORM still thought one open; a plain statement now runs outside any.
      await tx.manager.query('INSERT INTO t VALUES (5)');
    });
    expect(await values()).toEqual([4, 5]);
  });

  it('returns the connection to the pool', async () => {
    const pool = (ds.driver as unknown as { master: { totalCount: number; idleCount: number } })
      .master;
    await withDriverTransaction(ds, '', async () => undefined);
    await expect(
      withDriverTransaction(ds, '', () => Promise.reject(new Error('x'))),
    ).rejects.toThrow();
    expect(pool.idleCount).toBe(pool.totalCount);
  });
});
