import 'reflect-metadata';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { createApp, resolveClientDist } from '../../src/bootstrap';
import { loadConfig } from '../../src/config/config';
import { prepareDatabase } from '../../src/database/prepare';

export interface BenchApp {
  app: NestExpressApplication;
  url: string;
  engine: 'embedded' | 'external';
  pgVersion: string;
  close(): Promise<void>;
}

/**
 * The real console in this process: embedded PostgreSQL in a temp folder by default,
 * DATABASE_URL / REDIS_URL when given (as `npm start` would use them).
 */
export async function startConsole(extraEnv: Record<string, string> = {}): Promise<BenchApp> {
  const config = loadConfig({
    ...process.env,
    NODE_ENV: 'production',
    LOG_LEVEL: 'error',
    DATA_DIR: process.env.DATA_DIR ?? mkdtempSync(join(tmpdir(), 'sanfang-bench-')),
    SEED: 'demo',
    LOGIN_RATE_LIMIT: '100000',
    ...extraEnv,
  });
  config.clientDist = resolveClientDist(config);
  // BENCH_PROFILE=1: PostgreSQL's per-statement cost too, planning included (the embedded
  // server ships the module).
  const db = await prepareDatabase(config, () => undefined, undefined, {
    embeddedPostgresFlags:
      process.env.BENCH_PROFILE === '1'
        ? [
            '-c',
            'shared_preload_libraries=pg_stat_statements',
            '-c',
            'pg_stat_statements.track_planning=on',
          ]
        : [],
  });
  const app = await createApp(
    config,
    { databaseUrl: db.url, engine: db.engine, jwtSecret: db.jwtSecret, startedAt: new Date() },
    { nestLogger: ['error'] },
  );
  await app.listen(0, '127.0.0.1');
  const port = (app.getHttpServer().address() as { port: number }).port;
  const { DataSource } = await import('typeorm');
  const rows = await app
    .get(DataSource)
    .query<{ v: string }[]>(`SELECT current_setting('server_version') AS v`);
  return {
    app,
    url: `http://127.0.0.1:${port}`,
    engine: db.engine,
    pgVersion: rows[0]?.v ?? 'unknown',
    async close() {
      await app.close();
      await db.embedded?.stop();
    },
  };
}

export async function login(url: string, username = 'duty'): Promise<string> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'demo' }),
  });
  if (!res.ok) throw new Error(`login ${username}: ${res.status}`);
  return ((await res.json()) as { accessToken: string }).accessToken;
}
