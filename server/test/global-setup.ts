import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { DISPOSABLE_FLAG, DISPOSABLE_VALUE } from '../src/config/secrets';
import { createDataSource } from '../src/database/data-source';
import { startEmbedded, type EmbeddedHandle } from '../src/database/embedded';
import { runSeed } from '../src/database/seed/seed';

declare global {
  var __SANFANG_EMBEDDED__: EmbeddedHandle | undefined;
}

/**
 * One PostgreSQL for the run: DATABASE_URL when set, else an embedded server in a temp dir.
 * A template database is migrated and seeded once; each test file clones it (fast).
 */
export default async function globalSetup(): Promise<void> {
  // The e2e suites boot the app as `npm start` does, which serves the built client.
  const root = join(__dirname, '../..');
  if (!existsSync(join(root, 'client/dist/index.html'))) {
    console.log('\n[tests] client/dist is missing: building the client (npm run build -w client)');
    execFileSync('npm', ['run', 'build', '-w', 'client'], { cwd: root, stdio: 'inherit' });
  }
  let adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    const dir = await mkdtemp(join(tmpdir(), 'sanfang-test-pg-'));
    const pg = await startEmbedded({ dataDir: dir, persistent: false, database: 'postgres' });
    globalThis.__SANFANG_EMBEDDED__ = pg;
    adminUrl = pg.url;
    console.log(`\n[tests] embedded PostgreSQL on port ${pg.port}`);
  } else {
    console.log(`\n[tests] PostgreSQL from DATABASE_URL`);
  }
  const template = `sanfang_tmpl_${process.pid}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${template}`);
  await admin.query(`CREATE DATABASE ${template}`);
  await admin.end();

  const ds = createDataSource(withDatabase(adminUrl, template), 2);
  await ds.initialize();
  await ds.runMigrations();
  await runSeed(ds, 'demo');
  await ds.destroy();

  process.env.SANFANG_TEST_ADMIN_URL = adminUrl;
  // Every database a test makes is a throwaway clone: processes the tests start (drills,
  // the import CLI) may use the demo seed and generated keys there.
  process.env[DISPOSABLE_FLAG] = DISPOSABLE_VALUE;
  process.env.SANFANG_TEST_TEMPLATE = template;
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
