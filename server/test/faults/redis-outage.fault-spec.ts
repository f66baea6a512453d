import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { ensureBuilt, hasRedisServer, startRedis, startServer } from '../helpers/processes';
import { clients, expectContiguous, FULL, head, login, postNotice, record, sleep } from './lib';

const DOWN_S = FULL ? 30 : 3;
const PER_INSTANCE = FULL ? 100 : 10;

const run = hasRedisServer() ? describe : describe.skip;
if (!hasRedisServer()) console.log('[skip] redis-server not installed: Redis outage drill skipped');

run('fault: Redis stopped with two instances', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    ensureBuilt();
    db = await createTestDatabase();
  });
  afterAll(() => db.drop());

  it(`clients on both instances converge after Redis is down for ${DOWN_S} s`, async () => {
    const redis = await startRedis();
    const env = { DATABASE_URL: db.url, REDIS_URL: redis.url };
    const [a, b] = await Promise.all([startServer(env), startServer(env)]);
    const token = await login(a.url);
    const start = await head(a.url, token);
    const all = [
      ...clients(a.url, token, PER_INSTANCE, start),
      ...clients(b.url, token, PER_INSTANCE, start),
    ];
    try {
      await Promise.all(all.map((c) => c.ready()));
      let written = 0;
      let stop = false;
      const writer = (async () => {
        for (let i = 0; !stop; i++) {
          if ((await postNotice(i % 2 ? a.url : b.url, token, `storm ${i}`)) === 201) written++;
          await sleep(50);
        }
      })();
      await sleep(500);
      await redis.stop();
      const downAt = Date.now();
      await sleep(DOWN_S * 1000);
      await redis.start();
      const upAt = Date.now();
      await sleep(500);
      stop = true;
      await writer;
      const end = await head(a.url, token);
      await Promise.all(all.map((c) => c.until(end, 60_000)));
      const convergedMs = Date.now() - upAt;
      expectContiguous(all, start, end);
      expect(end - start).toBe(written);
      record({
        fault: 'redis-outage',
        showed: [
          `Redis was down ${Math.round((upAt - downAt) / 1000)} s while ${written} notices were written through both instances.`,
          `Every one of ${all.length} clients (half on each instance) ended with the full contiguous sequence of ${end - start} events; the database head agrees.`,
          'During the outage cross-instance pushes were lost; clients filled the gaps from the log when the head beacon showed them behind.',
        ],
        figures: {
          downSeconds: DOWN_S,
          clients: all.length,
          events: end - start,
          msToConvergeAfterRedisBack: convergedMs,
        },
      });
    } finally {
      for (const c of all) c.close();
      await Promise.all([a.kill(), b.kill()]);
      await redis.stop();
    }
  });
});
