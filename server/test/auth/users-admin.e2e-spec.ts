import type { AdminUserDto } from '@sanfang/shared';
import { DataSource } from 'typeorm';
import { liveClient, type TestLiveClient } from '../helpers/live-client';
import { createTestApp, type TestApp } from '../helpers/app';

const PASSWORD = 'correct-horse-battery';

describe('user administration', () => {
  let t: TestApp;
  let url: string;
  let admin: string;
  const sockets: TestLiveClient[] = [];
  beforeAll(async () => {
    t = await createTestApp();
    url = await t.listen();
    admin = await t.login('admin');
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await t.close();
  });

  const as = (token: string) => ({
    get: (path: string) => t.http.get(path).set('authorization', `Bearer ${token}`),
    post: (path: string, body?: object) =>
      t.http.post(path).set('authorization', `Bearer ${token}`).send(body),
    patch: (path: string, body: object) =>
      t.http.patch(path).set('authorization', `Bearer ${token}`).send(body),
    delete: (path: string) => t.http.delete(path).set('authorization', `Bearer ${token}`),
  });

  let n = 0;
  async function newUser(role = 'duty_officer'): Promise<AdminUserDto> {
    const res = await as(admin).post('/api/users', {
      username: `officer${++n}`,
      displayName: `值班员 ${n}`,
      role,
      password: PASSWORD,
    });
    expect(res.status).toBe(201);
    return res.body as AdminUserDto;
  }

  /** The audit trail: the user.changed rows of the event log (actor = who, occurred_at = when). */
  async function audit(username: string): Promise<{ actor: string; action: string }[]> {
    const rows: { actor: string; action: string; at: Date }[] = await t.app.get(DataSource).query(
      `SELECT actor, payload->>'action' AS action, occurred_at AS at FROM events
        WHERE type = 'user.changed' AND payload->>'username' = $1 ORDER BY seq`,
      [username],
    );
    for (const r of rows) expect(r.at).toBeInstanceOf(Date);
    return rows.map(({ actor, action }) => ({ actor, action }));
  }

  function socketClosed(c: TestLiveClient): Promise<number> {
    const started = Date.now();
    return new Promise((resolve) =>
      c.socket.once('disconnect', () => resolve(Date.now() - started)),
    );
  }

  describe('POST /api/users', () => {
    it('requires authentication, and the admin role', async () => {
      expect((await t.http.post('/api/users').send({})).status).toBe(401);
      const duty = await t.login('duty');
      expect((await as(duty).post('/api/users', {})).status).toBe(403);
    });

    it('creates a duty officer who can sign in, and records who did it', async () => {
      const u = await newUser();
      expect(u).toMatchObject({ role: 'duty_officer', disabled: false, subdistrictCode: null });
      expect(JSON.stringify(u)).not.toContain('password');
      expect(await t.login(u.username, PASSWORD)).toEqual(expect.any(String));
      expect(await audit(u.username)).toEqual([{ actor: 'admin', action: 'created' }]);
    });

    it('refuses a short password, a contact role and a taken username, storing nothing', async () => {
      const short = await as(admin).post('/api/users', {
        username: 'shorty',
        displayName: 'x',
        role: 'commander',
        password: 'elevenchars',
      });
      expect(short.status).toBe(400);
      expect(short.body).toMatchObject({ code: 'VALIDATION_FAILED', path: 'body.password' });
      const contact = await as(admin).post('/api/users', {
        username: 'phone',
        displayName: 'x',
        role: 'contact',
        password: PASSWORD,
      });
      expect(contact.body).toMatchObject({ code: 'VALIDATION_FAILED', path: 'body.role' });
      const taken = await as(admin).post('/api/users', {
        username: 'duty',
        displayName: 'x',
        role: 'commander',
        password: PASSWORD,
      });
      expect(taken.status).toBe(409);
      expect(taken.body.code).toBe('USER_EXISTS');
      const list = await as(admin).get('/api/users?q=shorty');
      expect(list.body).toEqual([]);
    });
  });

  describe('GET /api/users', () => {
    it('lists console accounts, and contacts separately', async () => {
      const res = await as(admin).get('/api/users');
      expect(res.status).toBe(200);
      const names = (res.body as AdminUserDto[]).map((u) => u.username);
      expect(names).toEqual(expect.arrayContaining(['admin', 'commander', 'duty']));
      const contacts = await as(admin).get('/api/users?kind=contact&limit=5');
      expect((contacts.body as AdminUserDto[]).every((u) => u.role === 'contact')).toBe(true);
      expect(contacts.body).toHaveLength(5);
    });
  });

  describe('PATCH /api/users/:id', () => {
    it('disabling refuses the next request and closes open sockets within a second', async () => {
      const u = await newUser();
      const token = await t.login(u.username, PASSWORD);
      const live = liveClient(url, token, { reconnect: false });
      sockets.push(live);
      await live.ready();
      const closed = socketClosed(live);

      const res = await as(admin).patch(`/api/users/${u.id}`, { disabled: true });
      expect(res.status).toBe(200);
      expect(res.body.disabled).toBe(true);
      expect(await closed).toBeLessThan(1000);
      expect((await as(token).get('/api/auth/me')).status).toBe(401);
      await expect(t.login(u.username, PASSWORD)).rejects.toThrow(/401/);

      await as(admin).patch(`/api/users/${u.id}`, { disabled: false });
      expect(await t.login(u.username, PASSWORD)).toEqual(expect.any(String));
      expect((await audit(u.username)).map((a) => a.action)).toEqual([
        'created',
        'disabled',
        'enabled',
      ]);
    });

    it('a role change ends the sessions: the old token cannot act with its old role', async () => {
      const u = await newUser('commander');
      const token = await t.login(u.username, PASSWORD);
      const res = await as(admin).patch(`/api/users/${u.id}`, { role: 'duty_officer' });
      expect(res.body.role).toBe('duty_officer');
      expect((await as(token).get('/api/auth/me')).status).toBe(401);
      const again = await t.login(u.username, PASSWORD);
      expect((await as(again).get('/api/auth/me')).body.role).toBe('duty_officer');
    });

    it('refuses to lock the administrator out of their own account', async () => {
      const me = (await as(admin).get('/api/auth/me')).body as { id: string };
      for (const body of [{ disabled: true }, { role: 'commander' }]) {
        const res = await as(admin).patch(`/api/users/${me.id}`, body);
        expect(res.status).toBe(409);
        expect(res.body.code).toBe('USER_SELF_LOCKOUT');
      }
      expect((await as(admin).delete(`/api/users/${me.id}`)).body.code).toBe('USER_SELF_LOCKOUT');
    });

    it('answers 404 for an unknown id and 400 for an unknown field', async () => {
      const res = await as(admin).patch('/api/users/00000000-0000-0000-0000-000000000000', {
        disabled: true,
      });
      expect(res.status).toBe(404);
      const u = await newUser();
      const bad = await as(admin).patch(`/api/users/${u.id}`, { passwordHash: 'x' });
      expect(bad.status).toBe(400);
    });
  });

  describe('POST /api/users/:id/password', () => {
    it('sets a new password (≥ 12 characters) and ends the old sessions', async () => {
      const u = await newUser();
      const token = await t.login(u.username, PASSWORD);
      const short = await as(admin).post(`/api/users/${u.id}/password`, { password: 'short' });
      expect(short.status).toBe(400);
      const res = await as(admin).post(`/api/users/${u.id}/password`, {
        password: 'another-long-password',
      });
      expect(res.status).toBe(204);
      expect((await as(token).get('/api/auth/me')).status).toBe(401);
      await expect(t.login(u.username, PASSWORD)).rejects.toThrow(/401/);
      expect(await t.login(u.username, 'another-long-password')).toEqual(expect.any(String));
      const stored = await t.app
        .get(DataSource)
        .query(`SELECT password_hash FROM users WHERE id = $1`, [u.id]);
      expect(stored[0].password_hash).toMatch(/^scrypt\$/);
    });
  });

  describe('DELETE /api/users/:id', () => {
    it('soft-deletes: sign-in refused, gone from the list, the audit trail kept', async () => {
      const u = await newUser();
      const res = await as(admin).delete(`/api/users/${u.id}`);
      expect(res.status).toBe(200);
      await expect(t.login(u.username, PASSWORD)).rejects.toThrow(/401/);
      const list = (await as(admin).get(`/api/users?q=${u.username}`)).body as AdminUserDto[];
      expect(list).toEqual([]);
      expect((await audit(u.username)).map((a) => a.action)).toEqual(['created', 'deleted']);
      // The name stays taken: the trail must not point at two people.
      const again = await as(admin).post('/api/users', {
        username: u.username,
        displayName: 'x',
        role: 'duty_officer',
        password: PASSWORD,
      });
      expect(again.status).toBe(409);
    });
  });
});
