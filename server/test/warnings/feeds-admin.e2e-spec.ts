import { createServer, type Server } from 'node:http';
import type {
  CapIngestResult,
  CreatedFeedTokenDto,
  PullEntryDto,
  PullFeedDto,
  WarningDto,
} from '@sanfang/shared';
import * as iconv from 'iconv-lite';
import { DataSource } from 'typeorm';
import { createTestApp, type TestApp } from '../helpers/app';
import { capXml, scenario } from './cap-factory';

describe('feed administration, pull ingest and re-publication', () => {
  let t: TestApp;
  let admin: string;
  let duty: string;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.login('admin');
    duty = await t.login('duty');
  });
  afterAll(() => t.close());

  const post = (xml: string, token = 'demo-feed') =>
    t.http
      .post('/api/feeds/cap')
      .set('Authorization', `Bearer ${token}`)
      .set('Content-Type', 'application/xml')
      .send(xml);

  describe('/api/admin/feed-tokens', () => {
    it('requires authentication', () => t.http.get('/api/admin/feed-tokens').expect(401));
    it('refuses a duty officer (403)', () =>
      t.http
        .post('/api/admin/feed-tokens')
        .set('Authorization', `Bearer ${duty}`)
        .send({ name: 'x' })
        .expect(403));

    it('creates a token shown once, which then authenticates a feed until revoked', async () => {
      const res = await t.http
        .post('/api/admin/feed-tokens')
        .set('Authorization', `Bearer ${admin}`)
        .send({ name: 'observatory' })
        .expect(201);
      const created = res.body as CreatedFeedTokenDto;
      expect(created.token).toMatch(/^sft_/);
      const list = await t.http
        .get('/api/admin/feed-tokens')
        .set('Authorization', `Bearer ${admin}`)
        .expect(200);
      expect(JSON.stringify(list.body)).not.toContain(created.token);
      await post(capXml({ status: 'Test' }), created.token).expect(201);
      await t.http
        .delete(`/api/admin/feed-tokens/${created.id}`)
        .set('Authorization', `Bearer ${admin}`)
        .expect(200);
      await post(capXml({ status: 'Test' }), created.token).expect(401);
    });

    it('rejects a token without a name (400, nothing stored)', async () => {
      const res = await t.http
        .post('/api/admin/feed-tokens')
        .set('Authorization', `Bearer ${admin}`)
        .send({})
        .expect(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
    });
  });

  describe('/api/response-rules', () => {
    it('requires authentication', () => t.http.get('/api/response-rules').expect(401));
    it('lists the seeded table with auto-apply off', async () => {
      const res = await t.http
        .get('/api/response-rules')
        .set('Authorization', `Bearer ${duty}`)
        .expect(200);
      const rows = res.body as {
        hazard: string;
        colour: string;
        level: string;
        autoApply: boolean;
      }[];
      expect(rows.find((r) => r.hazard === 'typhoon' && r.colour === 'blue')).toEqual(
        expect.objectContaining({ level: 'IV', autoApply: false }),
      );
      expect(rows.every((r) => !r.autoApply)).toBe(true);
    });
    it('refuses a duty officer edit (403)', () =>
      t.http
        .put('/api/response-rules')
        .set('Authorization', `Bearer ${duty}`)
        .send({ hazard: 'typhoon', colour: 'white', responseHazard: 'typhoon', level: 'attention' })
        .expect(403));

    it('an admin turns auto-apply on for a row and the next suggestion carries it', async () => {
      await t.http
        .put('/api/response-rules')
        .set('Authorization', `Bearer ${admin}`)
        .send({
          hazard: 'typhoon',
          colour: 'white',
          responseHazard: 'typhoon',
          level: 'attention',
          autoApply: true,
        })
        .expect(200);
      const res = await post(scenario('typhoon-three-days').steps[0]!.xml).expect(201);
      const id = (res.body as CapIngestResult).warningId!;
      const rows = await t.app
        .get(DataSource)
        .query<
          { payload: { action: string; autoApply: boolean; hazard: string; level: string } }[]
        >(
          `SELECT payload FROM events WHERE type = 'response.suggested' AND payload->>'warningId' = $1`,
          [id],
        );
      expect(rows.map((r) => r.payload)).toEqual([
        expect.objectContaining({
          action: 'start',
          hazard: 'typhoon',
          level: 'attention',
          autoApply: true,
        }),
      ]);
    });
  });

  describe('GET /api/feeds/cap/active.atom', () => {
    it('is public and lists Actual Public active warnings linking to the stored CAP verbatim', async () => {
      const xml = capXml({ colour: '橙' });
      const res = await post(xml).expect(201);
      const msgId = (res.body as CapIngestResult).messageId;
      const drill = await post(capXml({ status: 'Exercise' })).expect(201);
      const atom = await t.http.get('/api/feeds/cap/active.atom').expect(200);
      expect(atom.headers['content-type']).toMatch(/application\/atom\+xml/);
      expect(atom.text).toContain(`/api/feeds/cap/messages/${msgId}/cap.xml`);
      expect(atom.text).not.toContain((drill.body as CapIngestResult).messageId);
      const cap = await t.http.get(`/api/feeds/cap/messages/${msgId}/cap.xml`).expect(200);
      expect(cap.text).toBe(xml);
      await t.http
        .get(`/api/feeds/cap/messages/${(drill.body as CapIngestResult).messageId}/cap.xml`)
        .expect(404);
    });
  });

  describe('/api/admin/pull-feeds', () => {
    let server: Server;
    let base: string;
    let indexHits = 0;
    let resourceHits = 0;
    const files = new Map<string, string>();
    beforeAll(async () => {
      const s = scenario('out-of-order', 10_000);
      files.set('/cap/a.xml', s.steps[1]!.xml);
      files.set('/cap/u.xml', s.steps[0]!.xml);
      files.set('/cap/bomb.xml', s.steps[3]!.xml);
      files.set('/never', 'x');
      server = createServer((req, res) => {
        if (req.url === '/never') resourceHits++;
        if (req.url === '/index.atom') {
          indexHits++;
          if (req.headers['if-none-match'] === '"v1"') {
            res.writeHead(304).end();
            return;
          }
          res.writeHead(200, { 'content-type': 'application/atom+xml', etag: '"v1"' })
            .end(`<?xml version="1.0"?>
<feed xmlns="http://www.w3.org/2005/Atom"><id>x</id><title>t</title><updated>2025-06-12T00:00:00Z</updated>
<entry><id>u</id><link type="application/cap+xml" href="/cap/u.xml"/></entry>
<entry><id>bomb</id><link type="application/cap+xml" href="/cap/bomb.xml"/></entry>
<entry><id>elsewhere</id><link type="application/cap+xml" href="http://localhost:1/cap/x.xml"/></entry>
<entry><id>a</id><link type="application/cap+xml" href="/cap/a.xml"/></entry>
</feed>`);
          return;
        }
        const body = files.get(req.url ?? '');
        if (body) res.writeHead(200, { 'content-type': 'application/cap+xml' }).end(body);
        else res.writeHead(404).end();
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    });
    afterAll(() => new Promise<void>((r) => server.close(() => r())));

    it('requires authentication', () => t.http.get('/api/admin/pull-feeds').expect(401));
    it('refuses a duty officer (403)', () =>
      t.http.get('/api/admin/pull-feeds').set('Authorization', `Bearer ${duty}`).expect(403));
    it('refuses a feed whose URL host is not on its allow-list', async () => {
      const res = await t.http
        .post('/api/admin/pull-feeds')
        .set('Authorization', `Bearer ${admin}`)
        .send({ name: 'bad', url: `${base}/index.atom`, allowedHosts: ['example.org'] })
        .expect(400);
      expect(res.body.path).toBe('body.url');
    });

    it('polls on its durable timer, quarantines bad entries, loads the rest, then polls conditionally', async () => {
      const host = new URL(base).host;
      const created = await t.http
        .post('/api/admin/pull-feeds')
        .set('Authorization', `Bearer ${admin}`)
        .send({ name: 'local', url: `${base}/index.atom`, allowedHosts: [host], intervalS: 3600 })
        .expect(201);
      const feed = created.body as PullFeedDto;
      // The first poll is scheduled at creation; wait for its effect (bounded).
      const deadline = Date.now() + 20_000;
      let health: PullFeedDto | undefined;
      while (Date.now() < deadline) {
        const list = await t.http
          .get('/api/admin/pull-feeds')
          .set('Authorization', `Bearer ${admin}`)
          .expect(200);
        health = (list.body as PullFeedDto[]).find((f) => f.id === feed.id);
        if (health?.health.lastPollAt) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(health?.health).toEqual(
        expect.objectContaining({ entriesIngested: 2, entriesQuarantined: 2, lastError: null }),
      );
      const entries = (
        await t.http
          .get(`/api/admin/pull-feeds/${feed.id}/entries`)
          .set('Authorization', `Bearer ${admin}`)
          .expect(200)
      ).body as PullEntryDto[];
      const byId = new Map(entries.map((e) => [e.entryId, e]));
      expect(byId.get('bomb')).toEqual(expect.objectContaining({ status: 'quarantined' }));
      expect(byId.get('bomb')!.reason).toMatch(/CAP_DTD_FORBIDDEN/);
      expect(byId.get('elsewhere')!.reason).toMatch(/allow-list/);
      expect(byId.get('u')!.status).toBe('ingested');
      expect(byId.get('a')!.status).toBe('ingested');
      // The Update came first in the index; the chain still resolved to one active warning.
      const ws = await t.http
        .get('/api/warnings?active=true')
        .set('Authorization', `Bearer ${duty}`)
        .expect(200);
      expect(
        (ws.body as { headline: string }[]).filter((w) => w.headline.includes('升级为橙色')),
      ).toHaveLength(1);

      const hitsBefore = indexHits;
      const again = await t.http
        .post(`/api/admin/pull-feeds/${feed.id}/poll`)
        .set('Authorization', `Bearer ${admin}`)
        .expect(201);
      expect(again.body).toEqual(expect.objectContaining({ notModified: true, ingested: 0 }));
      expect(indexHits).toBe(hitsBefore + 1);
      expect(resourceHits).toBe(0);
    });
  });

  describe('a pull feed that joins mid-event', () => {
    let server: Server;
    let base: string;
    beforeAll(async () => {
      // Index feeds list each warning's latest message only: here two Updates whose Alerts
      // this console never saw. One is served in GB18030 with its HTTP charset.
      const red = scenario('rainstorm-chain', 20_000).steps[2]!.xml;
      const orange = scenario('typhoon-three-days', 20_000).steps[3]!.xml;
      const files = new Map<string, [string, Buffer]>([
        ['/cap/red.xml', ['application/cap+xml; charset=GB18030', iconv.encode(red, 'gb18030')]],
        ['/cap/orange.xml', ['application/cap+xml', Buffer.from(orange, 'utf8')]],
      ]);
      server = createServer((req, res) => {
        if (req.url === '/updates.atom') {
          res.writeHead(200, { 'content-type': 'application/atom+xml' }).end(`<?xml version="1.0"?>
<feed xmlns="http://www.w3.org/2005/Atom"><id>y</id><title>t</title><updated>2025-06-12T00:00:00Z</updated>
<entry><id>red</id><link type="application/cap+xml" href="/cap/red.xml"/></entry>
<entry><id>orange</id><link type="application/cap+xml" href="/cap/orange.xml"/></entry>
</feed>`);
          return;
        }
        const f = files.get(req.url ?? '');
        if (f) res.writeHead(200, { 'content-type': f[0] }).end(f[1]);
        else res.writeHead(404).end();
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    });
    afterAll(() => new Promise<void>((r) => server.close(() => r())));

    it('shows the warnings of an index that lists only Updates, marked as missing earlier messages', async () => {
      const created = await t.http
        .post('/api/admin/pull-feeds')
        .set('Authorization', `Bearer ${admin}`)
        .send({
          name: 'updates only',
          url: `${base}/updates.atom`,
          allowedHosts: [new URL(base).host],
          enabled: false,
        })
        .expect(201);
      const polled = await t.http
        .post(`/api/admin/pull-feeds/${(created.body as PullFeedDto).id}/poll`)
        .set('Authorization', `Bearer ${admin}`)
        .expect(201);
      expect(polled.body).toEqual(expect.objectContaining({ ingested: 2, quarantined: 0 }));
      const active = (
        await t.http
          .get('/api/warnings?active=true')
          .set('Authorization', `Bearer ${duty}`)
          .expect(200)
      ).body as WarningDto[];
      const shown = active.filter((w) => w.missingEarlier);
      expect(shown.map((w) => [w.hazard, w.colour, w.headline]).sort()).toEqual([
        ['rainstorm', 'red', '宝安区暴雨橙色预警升级为红色'],
        ['typhoon', 'orange', '深圳市气象台台风黄色预警升级为橙色'],
      ]);
    });

    it('refuses trusted certificates that are not PEM certificates (400, nothing stored)', async () => {
      const res = await t.http
        .post('/api/admin/pull-feeds')
        .set('Authorization', `Bearer ${admin}`)
        .send({
          name: 'signed',
          url: `${base}/updates.atom`,
          allowedHosts: [new URL(base).host],
          trustedCertificates: ['not a certificate'],
        })
        .expect(400);
      expect(res.body).toEqual(
        expect.objectContaining({ code: 'VALIDATION_FAILED', path: 'body.trustedCertificates[0]' }),
      );
    });
  });
});
