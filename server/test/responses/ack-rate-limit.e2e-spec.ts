import { createTestApp, type TestApp } from '../helpers/app';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { hasRedisServer, startRedis, type RedisProcess } from '../helpers/processes';

const run = hasRedisServer() ? describe : describe.skip;
if (!hasRedisServer()) console.log('[skip] redis-server not installed: shared ack limit skipped');

/** Requests to the public ack page from one address, spread over two instances. */
run('ack rate limit with REDIS_URL', () => {
  let redis: RedisProcess;
  let db: TestDatabase;
  let a: TestApp;
  let b: TestApp;
  beforeAll(async () => {
    redis = await startRedis();
    db = await createTestDatabase();
    // The dispatch settings are read from the process environment.
    const saved = { ...process.env };
    Object.assign(process.env, { ACK_RATE_LIMIT: '4', ACK_RATE_WINDOW_S: '60' });
    try {
      a = await createTestApp({ REDIS_URL: redis.url }, { db });
      b = await createTestApp({ REDIS_URL: redis.url }, { db });
    } finally {
      process.env = saved;
    }
  });
  afterAll(async () => {
    await a.app.close();
    await b.app.close();
    await db.drop();
    await redis.stop();
  });

  it('is shared by every instance: the fifth request in the window is refused wherever it lands', async () => {
    const statuses: number[] = [];
    for (const app of [a, b, a, b, a, b]) {
      // A malformed link: answered 401 by the ack page itself, once past the limit.
      statuses.push((await app.http.get('/api/ack/not-a-real-link')).status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 429, 429]);
  });
});
