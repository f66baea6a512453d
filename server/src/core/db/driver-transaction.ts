import type { DataSource, EntityManager, QueryRunner } from 'typeorm';

/** The driver's connection (node-postgres), for what TypeORM cannot send: several statements at once. */
export interface SqlClient {
  query(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
}

/** A transaction opened on the driver's client, usable through TypeORM's manager too. */
export interface DriverTransaction {
  manager: EntityManager;
  client: SqlClient;
  /** Rows of the last statement sent with START TRANSACTION (the `begin` SQL's answer). */
  begun: Record<string, unknown>[];
}

/*
 * The only place that touches TypeORM's private query-runner fields (`databaseConnection`,
 * `isTransactionActive`, `transactionDepth`); driver-transaction.spec.ts pins them, so a
 * TypeORM upgrade that renames them fails that spec and not the event log.
 */
type RunnerInternals = {
  databaseConnection: SqlClient;
  isTransactionActive: boolean;
  transactionDepth: number;
};
const internals = (qr: QueryRunner): RunnerInternals => qr as unknown as RunnerInternals;

/**
 * Runs `fn` in a transaction whose START TRANSACTION rides in one round trip with `beginSql`
 * (several statements), on the driver's own client. TypeORM's query runner is told the
 * transaction is open, so `manager` works inside it; it is committed after `fn` unless `fn`
 * committed it itself (see `markCommitted`), rolled back if `fn` throws, and released.
 */
export async function withDriverTransaction<T>(
  ds: DataSource,
  beginSql: string,
  fn: (tx: DriverTransaction) => Promise<T>,
): Promise<T> {
  const qr = ds.createQueryRunner();
  await qr.connect();
  const client = internals(qr).databaseConnection;
  // What TypeORM's startTransaction would have recorded, so its commit/rollback work.
  Object.assign(qr, { isTransactionActive: true, transactionDepth: 1 });
  try {
    const res: unknown = await client.query(`START TRANSACTION; ${beginSql}`);
    const last = Array.isArray(res)
      ? (res as { rows: unknown[] }[]).at(-1)
      : (res as { rows: unknown[] });
    const begun = (last?.rows ?? []) as Record<string, unknown>[];
    const out = await fn({ manager: qr.manager, client, begun });
    if (qr.isTransactionActive) await qr.commitTransaction();
    return out;
  } catch (e) {
    if (qr.isTransactionActive) await qr.rollbackTransaction().catch(() => undefined);
    throw e;
  } finally {
    await qr.release();
  }
}

/** Tells TypeORM's query runner that a COMMIT sent on the driver's client ended its transaction. */
export function markCommitted(manager: EntityManager): void {
  if (manager.queryRunner)
    Object.assign(manager.queryRunner, { isTransactionActive: false, transactionDepth: 0 });
}
