import { createTestApp, type TestApp } from '../helpers/app';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { liveClient, type TestLiveClient } from '../helpers/live-client';
import { hasRedisServer, startRedis, type RedisProcess } from '../helpers/processes';

const run = hasRedisServer() ? describe : describe.skip;
if (!hasRedisServer()) console.log('[skip] redis-server not installed: two-instance test skipped');

/** Two instances sharing PostgreSQL and Redis, as docker-compose runs them. */
run('ending sessions across instances (REDIS_URL)', () => {
  let redis: RedisProcess;
  let db: TestDatabase;
  let a: TestApp;
  let b: TestApp;
  let bUrl: string;
  const sockets: TestLiveClient[] = [];
  beforeAll(async () => {
    redis = await startRedis();
    db = await createTestDatabase();
    a = await createTestApp({ REDIS_URL: redis.url }, { db });
    b = await createTestApp({ REDIS_URL: redis.url }, { db });
    bUrl = await b.listen();
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await a.app.close();
    await b.app.close();
    await db.drop();
    await redis.stop();
  });

  it('disabling a user on one instance closes their socket on the other within a second', async () => {
    const admin = await a.login('admin');
    const token = await b.login('commander');
    const live = liveClient(bUrl, token, { reconnect: false });
    sockets.push(live);
    await live.ready();
    const closed = new Promise<number>((resolve) => {
      const started = Date.now();
      live.socket.once('disconnect', () => resolve(Date.now() - started));
    });
    const me = (await b.http.get('/api/auth/me').set('authorization', `Bearer ${token}`)).body as {
      id: string;
    };
    const res = await a.http
      .patch(`/api/users/${me.id}`)
      .set('authorization', `Bearer ${admin}`)
      .send({ disabled: true });
    expect(res.status).toBe(200);
    expect(await closed).toBeLessThan(1000);
    expect((await b.http.get('/api/auth/me').set('authorization', `Bearer ${token}`)).status).toBe(
      401,
    );
  });
});
