import { liveClient, type TestLiveClient } from '../helpers/live-client';
import { createTestApp, type TestApp } from '../helpers/app';

const KEY_A = 'a'.repeat(40);
const KEY_B = 'b'.repeat(40);

describe('sessions', () => {
  let t: TestApp;
  let url: string;
  const sockets: TestLiveClient[] = [];
  beforeAll(async () => {
    t = await createTestApp();
    url = await t.listen();
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await t.close();
  });

  const me = (token: string) => t.http.get('/api/auth/me').set('authorization', `Bearer ${token}`);
  const live = async (token: string): Promise<TestLiveClient> => {
    const c = liveClient(url, token, { reconnect: false });
    sockets.push(c);
    await c.ready();
    return c;
  };
  const closed = (c: TestLiveClient): Promise<void> =>
    new Promise((resolve) => c.socket.once('disconnect', () => resolve()));

  describe('POST /api/auth/logout', () => {
    it('requires authentication', async () => {
      expect((await t.http.post('/api/auth/logout')).status).toBe(401);
    });

    it('ends this token at once and closes its socket; another device stays signed in', async () => {
      const laptop = await t.login('commander');
      const desk = await t.login('commander');
      const laptopSocket = await live(laptop);
      const deskSocket = await live(desk);
      const gone = closed(laptopSocket);

      const res = await t.http.post('/api/auth/logout').set('authorization', `Bearer ${laptop}`);
      expect(res.status).toBe(204);
      await gone;
      // A stolen copy of the laptop's token is worthless now, not 12 hours from now.
      expect((await me(laptop)).status).toBe(401);
      expect((await me(laptop)).body.code).toBe('AUTH_TOKEN_INVALID');
      expect((await me(desk)).status).toBe(200);
      expect(deskSocket.socket.connected).toBe(true);
    });
  });

  describe('POST /api/users/:id/sessions/end', () => {
    it('an administrator ends every session of a user, sockets included', async () => {
      const admin = await t.login('admin');
      const a = await t.login('duty');
      const b = await t.login('duty');
      const socket = await live(a);
      const gone = closed(socket);
      const id = ((await me(a)).body as { id: string }).id;
      const res = await t.http
        .post(`/api/users/${id}/sessions/end`)
        .set('authorization', `Bearer ${admin}`);
      expect(res.status).toBe(204);
      await gone;
      expect((await me(a)).status).toBe(401);
      expect((await me(b)).status).toBe(401);
      // Signing in again works: the account itself is fine.
      expect((await me(await t.login('duty'))).status).toBe(200);
    });
  });
});

describe('rotating JWT_SECRET', () => {
  it('keeps tokens of the previous key valid while JWT_SECRET_PREVIOUS names it', async () => {
    const before = await createTestApp({ JWT_SECRET: KEY_A });
    const token = await before.login('duty');
    await before.app.close();
    const rotated = await createTestApp(
      { JWT_SECRET: KEY_B, JWT_SECRET_PREVIOUS: KEY_A },
      { db: before.db },
    );
    const after = await createTestApp({ JWT_SECRET: KEY_B }, { db: before.db });
    try {
      const get = (app: TestApp) =>
        app.http.get('/api/auth/me').set('authorization', `Bearer ${token}`);
      expect((await get(rotated)).status).toBe(200);
      // Once the previous key is dropped (after one session length), the old token ends.
      expect((await get(after)).status).toBe(401);
      // New tokens are signed with the new key.
      const fresh = await rotated.login('duty');
      expect(
        (await after.http.get('/api/auth/me').set('authorization', `Bearer ${fresh}`)).status,
      ).toBe(200);
    } finally {
      await rotated.app.close();
      await after.app.close();
      await before.db.drop();
    }
  });
});
