import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestApp, type TestApp } from '../helpers/app';

/** The ack link opens the client (SPA fallback) without a sign-in; the API stays JSON. */
describe('GET /ack/<token>', () => {
  let t: TestApp;
  const dist = mkdtempSync(join(tmpdir(), 'sanfang-client-'));

  beforeAll(async () => {
    // A stand-in for the built client: the same index.html fallback applies to the real one.
    writeFileSync(join(dist, 'index.html'), '<!doctype html><div id="root"></div>');
    t = await createTestApp({ CLIENT_DIST: dist });
  });
  afterAll(async () => {
    await t.close();
    rmSync(dist, { recursive: true, force: true });
  });

  it('serves the client page for an ack link', async () => {
    const res = await t.http.get('/ack/SOMETOKEN_abc').expect(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.text).toContain('id="root"');
  });

  it('keeps /api/ack JSON (a bad token is a clear 401, not the page)', async () => {
    const res = await t.http.get('/api/ack/SOMETOKEN_abc').expect(401);
    expect(res.body.code).toBe('ACK_TOKEN_INVALID');
  });
});
