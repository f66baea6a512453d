import { createHmac } from 'node:crypto';
import { DataSource } from 'typeorm';
import { createTestApp, type TestApp } from '../helpers/app';

const b64 = (o: object): string => Buffer.from(JSON.stringify(o)).toString('base64url');

describe('auth', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  describe('POST /api/auth/login', () => {
    it('signs a demo duty officer in and returns a token and the user', async () => {
      const res = await t.http.post('/api/auth/login').send({ username: 'duty', password: 'demo' });
      expect(res.status).toBe(200);
      expect(res.body.user).toMatchObject({ username: 'duty', role: 'duty_officer' });
      expect(res.body.accessToken).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
      expect(JSON.stringify(res.body)).not.toContain('password');
    });

    it('refuses a wrong password with 401 AUTH_INVALID_CREDENTIALS', async () => {
      const res = await t.http
        .post('/api/auth/login')
        .send({ username: 'commander', password: 'nope' });
      expect(res.status).toBe(401);
      expect(res.body).toEqual({ code: 'AUTH_INVALID_CREDENTIALS', message: expect.any(String) });
    });

    it('answers an unknown user exactly like a wrong password', async () => {
      const res = await t.http
        .post('/api/auth/login')
        .send({ username: 'ghost', password: 'demo' });
      expect(res.status).toBe(401);
      expect(res.body.code).toBe('AUTH_INVALID_CREDENTIALS');
    });

    it('rejects a malformed body with 400 and the path of the bad field', async () => {
      const res = await t.http.post('/api/auth/login').send({ username: '' });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED', path: 'body.username' });
    });

    it('rejects a body that is not JSON with 400', async () => {
      const res = await t.http
        .post('/api/auth/login')
        .set('content-type', 'application/json')
        .send('{"username": ');
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
    });

    it('rate-limits repeated attempts for one user with 429 RATE_LIMITED', async () => {
      const limited = await createTestApp({ LOGIN_RATE_LIMIT: '5' });
      try {
        const statuses: number[] = [];
        for (let i = 0; i < 7; i++) {
          const res = await limited.http
            .post('/api/auth/login')
            .send({ username: 'admin', password: `x${i}` });
          statuses.push(res.status);
        }
        expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429]);
        // Even the right password waits out the window.
        const res = await limited.http
          .post('/api/auth/login')
          .send({ username: 'admin', password: 'demo' });
        expect(res.status).toBe(429);
        expect(res.body.code).toBe('RATE_LIMITED');
        // Another user from the same address is not locked out by it.
        const other = await limited.http
          .post('/api/auth/login')
          .send({ username: 'duty', password: 'demo' });
        expect(other.status).toBe(200);
      } finally {
        await limited.close();
      }
    });
  });

  describe('bearer tokens', () => {
    it('requires authentication: no token is 401 AUTH_TOKEN_MISSING', async () => {
      const res = await t.http.get('/api/shelters');
      expect(res.status).toBe(401);
      expect(res.body.code).toBe('AUTH_TOKEN_MISSING');
    });

    it('refuses a forged token with 401 AUTH_TOKEN_INVALID', async () => {
      const forged = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ sub: 'x', role: 'admin' })}.`;
      const sig = createHmac('sha256', 'not-the-key')
        .update(forged.slice(0, -1))
        .digest('base64url');
      const res = await t.http
        .get('/api/shelters')
        .set('authorization', `Bearer ${forged.slice(0, -1)}.${sig}`);
      expect(res.status).toBe(401);
      expect(res.body.code).toBe('AUTH_TOKEN_INVALID');
    });

    it('refuses an unsigned (alg none) token', async () => {
      const token = `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: 'x', role: 'admin' })}.`;
      const res = await t.http.get('/api/shelters').set('authorization', `Bearer ${token}`);
      expect(res.status).toBe(401);
    });

    it('refuses an expired token', async () => {
      const short = await createTestApp({ JWT_TTL_S: '1' });
      try {
        const token = await short.login('duty');
        const ok = await short.http.get('/api/auth/me').set('authorization', `Bearer ${token}`);
        expect(ok.status).toBe(200);
        // jsonwebtoken counts in whole seconds: wait past the next second boundary.
        await new Promise((r) => setTimeout(r, 2100));
        const res = await short.http.get('/api/auth/me').set('authorization', `Bearer ${token}`);
        expect(res.status).toBe(401);
        expect(res.body.code).toBe('AUTH_TOKEN_INVALID');
      } finally {
        await short.close();
      }
    });

    it('refuses the token of a user disabled after sign-in', async () => {
      const token = await t.login('commander');
      const ds = t.app.get(DataSource);
      await ds.query(`UPDATE users SET disabled = true WHERE username = 'commander'`);
      try {
        const res = await t.http.get('/api/auth/me').set('authorization', `Bearer ${token}`);
        expect(res.status).toBe(401);
      } finally {
        await ds.query(`UPDATE users SET disabled = false WHERE username = 'commander'`);
      }
    });
  });

  describe('roles', () => {
    it('forbids a contact from console reference data with 403 AUTH_FORBIDDEN', async () => {
      const ds = t.app.get(DataSource);
      const [contact] = await ds.query<{ username: string }[]>(
        `SELECT username FROM users WHERE role = 'contact' LIMIT 1`,
      );
      const token = await t.login(contact!.username);
      const res = await t.http
        .get('/api/waterlogging-points')
        .set('authorization', `Bearer ${token}`);
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('AUTH_FORBIDDEN');
      const me = await t.http.get('/api/auth/me').set('authorization', `Bearer ${token}`);
      expect(me.body.role).toBe('contact');
    });

    it.each(['duty', 'commander', 'admin'])('lets %s read the console data', async (u) => {
      const token = await t.login(u);
      const res = await t.http.get('/api/subdistricts').set('authorization', `Bearer ${token}`);
      expect(res.status).toBe(200);
    });
  });
});
