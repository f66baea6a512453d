import { createTestApp, type TestApp } from '../helpers/app';
import { liveClient } from '../helpers/live-client';

const TOKEN = 'metrics-observed-token-0123456789';

/** A series' value in the Prometheus text (0 when absent). */
function value(text: string, name: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  return line ? Number(line.split(' ')[1]) : 0;
}

/**
 * auth/ and events/ do not import metrics/: they report through core/observe.ts and metrics/
 * counts what they report. The scrape must still show it.
 */
describe('metrics fed by observations', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ METRICS_TOKEN: TOKEN });
  });
  afterAll(() => t.close());

  const scrape = async (): Promise<string> =>
    (await t.http.get('/metrics').set('authorization', `Bearer ${TOKEN}`).expect(200)).text;

  it('counts a refused sign-in', async () => {
    const before = value(await scrape(), 'sanfang_login_failures_total');
    await t.http.post('/api/auth/login').send({ username: 'duty', password: 'wrong' }).expect(401);
    expect(value(await scrape(), 'sanfang_login_failures_total')).toBe(before + 1);
  });

  it('reads the live connections of this instance', async () => {
    const url = await t.listen();
    const c = liveClient(url, await t.login('duty'), { reconnect: false });
    try {
      await c.ready();
      expect(value(await scrape(), 'sanfang_live_connections')).toBe(1);
    } finally {
      c.close();
    }
  });
});
