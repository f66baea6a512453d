import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { withDatabase } from '../global-setup';

export interface TestDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

function env(name: string): string {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set: run tests through jest (globalSetup)`);
  return v;
}

async function admin<T>(fn: (c: Client) => Promise<T>): Promise<T> {
  const c = new Client({ connectionString: env('SANFANG_TEST_ADMIN_URL') });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/**
 * A fresh database for one test file: a clone of the migrated, demo-seeded template,
 * or (template: false) an empty one for migration tests.
 */
export async function createTestDatabase(opts: { template?: boolean } = {}): Promise<TestDatabase> {
  const ppid = env('SANFANG_TEST_TEMPLATE').split('_').pop();
  const name = `sanfang_t${ppid}_${randomBytes(4).toString('hex')}`;
  await admin((c) =>
    c.query(
      opts.template === false
        ? `CREATE DATABASE ${name}`
        : `CREATE DATABASE ${name} TEMPLATE ${env('SANFANG_TEST_TEMPLATE')}`,
    ),
  );
  return {
    name,
    url: withDatabase(env('SANFANG_TEST_ADMIN_URL'), name),
    drop: () =>
      admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}
