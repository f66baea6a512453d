import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { ensureBuilt, startServer } from '../helpers/processes';
import { clients, expectContiguous, FULL, head, login, postNotice, record, sleep } from './lib';

const CLIENTS = FULL ? 2000 : 150;
// pingInterval + pingTimeout (server/src/events/live.config.ts) plus a margin.
const PAUSE_S = 23;

describe('fault: reconnect storm after the server is paused past the ping timeout', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    ensureBuilt();
    db = await createTestDatabase();
  });
  afterAll(() => db.drop());

  it(`${CLIENTS} clients reconnect and catch up what another instance wrote meanwhile`, async () => {
    const paused = await startServer({ DATABASE_URL: db.url });
    const other = await startServer({ DATABASE_URL: db.url });
    const token = await login(paused.url);
    const start = await head(paused.url, token);
    const all = clients(paused.url, token, CLIENTS, start);
    try {
      await Promise.all(all.map((c) => c.ready()));
      for (let i = 0; i < 10; i++)
        expect(await postNotice(paused.url, token, `before ${i}`)).toBe(201);
      paused.child.kill('SIGSTOP');
      for (let i = 0; i < 50; i++)
        expect(await postNotice(other.url, token, `while paused ${i}`)).toBe(201);
      await sleep(PAUSE_S * 1000);
      const resumedAt = Date.now();
      paused.child.kill('SIGCONT');
      for (let i = 0; i < 10; i++)
        expect(await postNotice(paused.url, token, `after ${i}`)).toBe(201);
      const end = await head(paused.url, token);
      await Promise.all(all.map((c) => c.until(end, 120_000)));
      const caughtUpMs = Date.now() - resumedAt;
      expectContiguous(all, start, end);
      record({
        fault: 'paused-server',
        showed: [
          `The server was SIGSTOPped for ${PAUSE_S} s (past ping interval + timeout) with ${CLIENTS} clients connected; another instance went on writing.`,
          `After SIGCONT all ${CLIENTS} clients reconnected (or resumed) and hold the full contiguous ${end - start} events, none twice.`,
        ],
        figures: {
          clients: CLIENTS,
          pauseSeconds: PAUSE_S,
          events: end - start,
          msUntilAllCaughtUp: caughtUpMs,
        },
      });
    } finally {
      for (const c of all) c.close();
      paused.child.kill('SIGCONT');
      await Promise.all([paused.kill(), other.kill()]);
    }
  });
});
