import { readdirSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { DataSource } from 'typeorm';
import { createTestApp, type TestApp } from '../helpers/app';
import { capXml } from '../warnings/cap-factory';

/**
 * Every way a request body can be refused, against the app as `npm start` boots it (the built
 * client served beside the API). The client's static serving once turned every body-parser
 * error on /api into `404 Cannot POST …`.
 */
describe('request bodies refused before they reach a feature', () => {
  let t: TestApp;
  let base: string;
  const FEED = 'Bearer demo-feed';
  const stored = async (): Promise<number> => {
    const rows = await t.app
      .get(DataSource)
      .query<{ n: string }[]>(
        `SELECT (SELECT count(*) FROM events) + (SELECT count(*) FROM cap_messages) + (SELECT count(*) FROM incident_reports) AS n`,
      );
    return Number(rows[0]?.n);
  };
  let before: number;

  beforeAll(async () => {
    t = await createTestApp();
    base = await t.listen();
    before = await stored();
  });
  afterAll(() => t.close());

  const big = (n = 1_100_000) => capXml().replace('<headline>', `<headline>${'a'.repeat(n)}`);

  it.each(['application/cap+xml', 'application/xml', 'text/xml'])(
    'answers 413 PAYLOAD_TOO_LARGE for a %s body over 1 MiB',
    async (type) => {
      const res = await t.http
        .post('/api/feeds/cap')
        .set('Authorization', FEED)
        .set('Content-Type', type)
        .send(big());
      expect(res.status).toBe(413);
      expect(res.body).toEqual({
        code: 'PAYLOAD_TOO_LARGE',
        message: 'The request body is larger than allowed',
      });
    },
  );

  it('answers 413 for a JSON body over 1 MiB', async () => {
    const res = await t.http
      .post('/api/feeds/incidents')
      .set('Authorization', FEED)
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ title: 'x'.repeat(1_100_000) }));
    expect(res.status).toBe(413);
    expect(res.body.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('answers 413 for a gzip body that inflates to over 1 MiB', async () => {
    const res = await t.http
      .post('/api/feeds/cap')
      .set('Authorization', FEED)
      .set('Content-Type', 'application/cap+xml')
      .set('Content-Encoding', 'gzip')
      .send(gzipSync(big()));
    expect(res.status).toBe(413);
    expect(res.body.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('answers 400 VALIDATION_FAILED for malformed JSON', async () => {
    const res = await t.http
      .post('/api/feeds/incidents')
      .set('Authorization', FEED)
      .set('Content-Type', 'application/json')
      .send('{"title": ');
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      code: 'VALIDATION_FAILED',
      message: 'The body is not valid JSON (Unexpected end of JSON input)',
    });
  });

  it('answers 415 for a JSON body in a charset other than UTF-8', async () => {
    const res = await t.http
      .post('/api/feeds/incidents')
      .set('Authorization', FEED)
      .set('Content-Type', 'application/json; charset=latin1')
      .send('{}');
    expect(res.status).toBe(415);
    expect(res.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(res.body.message).toMatch(/charset/i);
  });

  it('answers 415 for an XML body in an unknown charset', async () => {
    const res = await t.http
      .post('/api/feeds/cap')
      .set('Authorization', FEED)
      .set('Content-Type', 'application/cap+xml; charset=klingon')
      .send(capXml());
    // CAP bodies arrive as bytes; the feed decodes them by charset, BOM or XML declaration.
    expect(res.status).toBe(415);
    expect(res.body.code).toBe('CAP_UNKNOWN_ENCODING');
    expect(res.body.message).toMatch(/klingon/i);
  });

  it('answers 415 for an unsupported content encoding', async () => {
    const res = await t.http
      .post('/api/feeds/cap')
      .set('Authorization', FEED)
      .set('Content-Type', 'application/cap+xml')
      .set('Content-Encoding', 'compress')
      .send(capXml());
    expect(res.status).toBe(415);
    expect(res.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('answers 400 for a gzip body that is not gzip', async () => {
    const res = await t.http
      .post('/api/feeds/cap')
      .set('Authorization', FEED)
      .set('Content-Type', 'application/cap+xml')
      .set('Content-Encoding', 'gzip')
      .send(capXml());
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
  });

  it('survives an upload aborted half-way and stores nothing from it', async () => {
    const closed = new Promise<void>((resolve) => {
      const req = httpRequest(`${base}/api/feeds/cap`, {
        method: 'POST',
        headers: {
          authorization: FEED,
          'content-type': 'application/cap+xml',
          'content-length': '100000',
        },
      });
      req.on('error', () => resolve());
      req.on('close', () => resolve());
      req.write(capXml().slice(0, 200), () => req.destroy());
    });
    await closed;
    const health = await fetch(`${base}/api/health`);
    expect(health.status).toBe(200);
  });

  it('stored nothing for any refused body', async () => {
    expect(await stored()).toBe(before);
  });

  it('answers an unknown API route with a JSON 404, not the client page', async () => {
    const get = await t.http.get('/api/no-such-thing');
    expect(get.status).toBe(404);
    expect(get.body.code).toBe('NOT_FOUND');
    const post = await t.http.post('/api/no-such-thing').send({});
    expect(post.status).toBe(404);
    expect(post.body.code).toBe('NOT_FOUND');
  });
});

describe('the built client, served by the same app', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('serves index.html at / and at client routes (ack and shelter links), never cached', async () => {
    for (const path of ['/', '/ack/abc_DEF-1', '/shelter/abc.1.2.x']) {
      const res = await t.http.get(path);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.text).toContain('<div id="root"></div>');
    }
  });

  it('serves hashed assets as immutable and answers a missing asset with 404', async () => {
    const dist = t.config.clientDist!;
    const js = readdirSync(join(dist, 'assets')).find((f) => f.endsWith('.js'))!;
    const res = await t.http.get(`/assets/${js}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/javascript/);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const missing = await t.http.get('/assets/no-such-file.js');
    expect(missing.status).toBe(404);
  });
});
