import 'reflect-metadata';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { createApp, resolveClientDist } from '../../src/bootstrap';
import { type AppConfig, loadConfig } from '../../src/config/config';
import { createDataSource } from '../../src/database/data-source';
import { closeWatched } from './close-watch';
import { createTestDatabase, type TestDatabase } from './db';
import { DISPOSABLE_FLAG, DISPOSABLE_VALUE, resolveStoredSecret } from '../../src/config/secrets';

export interface TestApp {
  app: NestExpressApplication;
  /** Listens on a free loopback port (for socket.io clients); returns the base URL. */
  listen(): Promise<string>;
  http: TestAgent;
  db: TestDatabase;
  config: AppConfig;
  login(username: string, password?: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * Boots the real app exactly as `npm start` does (createApp: same modules, middleware order and
 * served client) on a fresh clone of the seeded test database.
 */
export async function createTestApp(
  env: Record<string, string> = {},
  opts: { db?: TestDatabase; beforeInit?: (app: NestExpressApplication) => void } = {},
): Promise<TestApp> {
  const db = opts.db ?? (await createTestDatabase());
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    // Each test database is a throwaway clone: generated keys and the demo seed are fine.
    [DISPOSABLE_FLAG]: DISPOSABLE_VALUE,
    ...env,
    DATABASE_URL: db.url,
  });
  // Booted as `npm start` boots: the built client is served too (global-setup builds it).
  const clientDist = resolveClientDist(config);
  if (!clientDist) throw new Error('client/dist is missing: run `npm run build -w client`');
  config.clientDist = clientDist;
  const ds = createDataSource(db.url, 1);
  await ds.initialize();
  const jwtSecret = await resolveStoredSecret(ds, 'jwt_secret', config.jwtSecret);
  await ds.destroy();
  const app = await createApp(
    config,
    { databaseUrl: db.url, engine: 'external', jwtSecret, startedAt: new Date() },
    { nestLogger: false },
  );
  opts.beforeInit?.(app);
  await app.init();
  const http = request(app.getHttpServer());
  return {
    app,
    http,
    db,
    config,
    async listen() {
      await app.listen(0, '127.0.0.1');
      const addr = app.getHttpServer().address() as { port: number };
      return `http://127.0.0.1:${addr.port}`;
    },
    async login(username, password = 'demo') {
      const res = await http.post('/api/auth/login').send({ username, password });
      if (res.status !== 200)
        throw new Error(`login ${username} failed: ${res.status} ${res.text}`);
      return (res.body as { accessToken: string }).accessToken;
    },
    async close() {
      await closeWatched(app, db.url);
      if (!opts.db) await db.drop();
    },
  };
}
