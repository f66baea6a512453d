import { createHash } from 'node:crypto';
import type { CapIngestResult, CreatedFeedTokenDto, WarningDetailDto } from '@sanfang/shared';
import * as iconv from 'iconv-lite';
import { DataSource } from 'typeorm';
import { createTestApp, type TestApp } from '../helpers/app';
import { capXml, refOf } from './cap-factory';
import { newSigner, signCap, type Signer } from './cap-signed';

describe('POST /api/feeds/cap: encodings and signatures', () => {
  let t: TestApp;
  let ds: DataSource;
  let duty: string;
  let admin: string;
  beforeAll(async () => {
    t = await createTestApp();
    ds = t.app.get(DataSource);
    duty = await t.login('duty');
    admin = await t.login('admin');
  });
  afterAll(() => t.close());

  const post = (body: Buffer | string, type = 'application/cap+xml', token = 'demo-feed') =>
    t.http
      .post('/api/feeds/cap')
      .set('Authorization', `Bearer ${token}`)
      .set('Content-Type', type)
      .send(typeof body === 'string' ? Buffer.from(body, 'utf8') : body);
  const stored = async (): Promise<number> =>
    (await ds.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM cap_messages`))[0]!.n;
  const detail = async (id: string): Promise<WarningDetailDto> =>
    (await t.http.get(`/api/warnings/${id}`).set('Authorization', `Bearer ${duty}`).expect(200))
      .body as WarningDetailDto;
  /** A Test message (stored, never acted on) with this headline, declared in `label`. */
  const xmlIn = (label: string | null, headline: string): string => {
    const x = capXml({ status: 'Test', headline });
    return label === null
      ? x.replace(/^<\?xml[^>]*\?>\n/, '')
      : x.replace('encoding="UTF-8"', `encoding="${label}"`);
  };
  const rawRow = async (messageId: string) =>
    (
      await ds.query<
        {
          headline: string;
          raw_xml: string;
          raw_bytes: Buffer | null;
          sha256: string;
          encoding: string;
        }[]
      >(`SELECT headline, raw_xml, raw_bytes, sha256, encoding FROM cap_messages WHERE id = $1`, [
        messageId,
      ])
    )[0]!;

  describe('encodings', () => {
    const SIMPLIFIED = '深圳市气象台发布宝安区暴雨橙色预警，𠀀号';
    const TRADITIONAL = '深圳市氣象台發布寶安區暴雨橙色預警';
    const matrix: [string, string, string, string][] = [
      // [declared label, iconv encoding, headline, WHATWG name it is read with]
      ['UTF-8', 'utf8', SIMPLIFIED, 'utf-8'],
      ['GB18030', 'gb18030', SIMPLIFIED, 'gb18030'],
      ['GBK', 'gbk', '深圳市气象台发布宝安区暴雨橙色预警', 'gbk'],
      ['GB2312', 'gb2312', '深圳市气象台发布宝安区暴雨橙色预警', 'gbk'],
      ['Big5', 'big5', TRADITIONAL, 'big5'],
      ['ISO-8859-1', 'latin1', 'Sismo en Usulután, El Salvador', 'windows-1252'],
      ['ISO-8859-5', 'iso-8859-5', 'Штормовое предупреждение', 'iso-8859-5'],
    ];

    it.each(matrix)(
      'reads %s from its XML declaration and keeps the bytes as received',
      async (label, enc, headline, whatwg) => {
        const bytes = iconv.encode(xmlIn(label, headline), enc);
        const res = await post(bytes).expect(201);
        const row = await rawRow((res.body as CapIngestResult).messageId);
        expect(row.headline).toBe(headline);
        expect(row.encoding).toBe(whatwg);
        expect(row.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
        // UTF-8 is its own bytes; any other encoding keeps them beside the text.
        expect(Buffer.compare(row.raw_bytes ?? Buffer.from(row.raw_xml, 'utf8'), bytes)).toBe(0);
      },
    );

    it.each([
      ['UTF-16LE', 'utf16le', Buffer.from([0xff, 0xfe])],
      ['UTF-16BE', 'utf16be', Buffer.from([0xfe, 0xff])],
      ['UTF-8', 'utf8', Buffer.from([0xef, 0xbb, 0xbf])],
    ])('reads %s from its byte-order mark', async (_l, enc, bom) => {
      const bytes = Buffer.concat([bom, iconv.encode(xmlIn(null, SIMPLIFIED), enc)]);
      const res = await post(bytes).expect(201);
      const row = await rawRow((res.body as CapIngestResult).messageId);
      expect(row.headline).toBe(SIMPLIFIED);
      expect(Buffer.compare(row.raw_bytes!, bytes)).toBe(0);
    });

    it('re-publishes a message in the bytes and charset it was received in', async () => {
      const xml = capXml({ expires: new Date(Date.now() + 60_000) }).replace(
        'encoding="UTF-8"',
        'encoding="GB18030"',
      );
      const bytes = iconv.encode(xml, 'gb18030');
      const { messageId } = (await post(bytes).expect(201)).body as CapIngestResult;
      const res = await t.http
        .get(`/api/feeds/cap/messages/${messageId}/cap.xml`)
        .buffer(true)
        .parse((r, done) => {
          const chunks: Buffer[] = [];
          r.on('data', (c: Buffer) => chunks.push(c));
          r.on('end', () => done(null, Buffer.concat(chunks)));
        })
        .expect(200);
      expect(res.headers['content-type']).toBe('application/cap+xml; charset=gb18030');
      expect(Buffer.compare(res.body as Buffer, bytes)).toBe(0);
      await post(capXml({ msgType: 'Cancel', references: refOf(xml), sent: new Date() })).expect(
        201,
      );
    });

    it('takes the HTTP charset over the XML declaration (RFC 7303)', async () => {
      const bytes = iconv.encode(xmlIn('UTF-8', SIMPLIFIED), 'gb18030');
      const res = await post(bytes, 'application/cap+xml; charset=GB18030').expect(201);
      expect((await rawRow((res.body as CapIngestResult).messageId)).headline).toBe(SIMPLIFIED);
    });

    it.each([
      [
        'GB18030 bytes declared UTF-8',
        () => iconv.encode(xmlIn('UTF-8', SIMPLIFIED), 'gb18030'),
        'application/cap+xml',
        400,
        'CAP_INVALID_ENCODING',
        'body',
      ],
      [
        'bytes Big5 does not define, declared Big5',
        () => Buffer.concat([Buffer.from(xmlIn('Big5', 'x')), Buffer.from([0x81, 0x20])]),
        'application/cap+xml',
        400,
        'CAP_INVALID_ENCODING',
        'body',
      ],
      [
        'an unknown declared encoding',
        () => Buffer.from(xmlIn('x-klingon', 'x')),
        'application/cap+xml',
        415,
        'CAP_UNKNOWN_ENCODING',
        'body',
      ],
      [
        'an unknown HTTP charset',
        () => Buffer.from(xmlIn(null, 'x')),
        'application/cap+xml; charset=ebcdic-x',
        415,
        'CAP_UNKNOWN_ENCODING',
        'headers.content-type',
      ],
      [
        'a charset contradicting the byte-order mark',
        () => Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(xmlIn(null, 'x'), 'utf16le')]),
        'application/cap+xml; charset=utf-8',
        400,
        'CAP_INVALID_ENCODING',
        'headers.content-type',
      ],
    ])(
      'refuses %s with a clear error and stores nothing',
      async (_n, body, type, status, code, path) => {
        const before = await stored();
        const res = await post(body(), type);
        expect([res.status, res.body]).toEqual([status, expect.objectContaining({ code, path })]);
        expect(await stored()).toBe(before);
      },
    );
  });

  describe('signatures', () => {
    let signer: Signer;
    let stranger: Signer;
    let token: string;
    let tokenId: string;
    beforeAll(async () => {
      [signer, stranger] = await Promise.all([newSigner('Shenzhen MO'), newSigner('Stranger')]);
      const created = (
        await t.http
          .post('/api/admin/feed-tokens')
          .set('Authorization', `Bearer ${admin}`)
          .send({ name: 'signed feed' })
          .expect(201)
      ).body as CreatedFeedTokenDto;
      token = created.token;
      tokenId = created.id;
    });

    it('accepts a signed message on a feed without trusted certificates, shown as not checked', async () => {
      const xml = capXml();
      const res = await post(signCap(xml, signer)).expect(201);
      const id = (res.body as CapIngestResult).warningId!;
      expect((await detail(id)).signature).toEqual({ state: 'unchecked', by: null });
      await post(capXml({ msgType: 'Cancel', references: refOf(xml), sent: new Date() })).expect(
        201,
      );
    });

    it('only an admin sets trusted certificates, and a bad one is refused', async () => {
      await t.http
        .put(`/api/admin/feed-tokens/${tokenId}/certificates`)
        .set('Authorization', `Bearer ${duty}`)
        .send({ certificates: [signer.certPem] })
        .expect(403);
      const bad = await t.http
        .put(`/api/admin/feed-tokens/${tokenId}/certificates`)
        .set('Authorization', `Bearer ${admin}`)
        .send({ certificates: ['-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----'] })
        .expect(400);
      expect(bad.body).toEqual(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
      const ok = await t.http
        .put(`/api/admin/feed-tokens/${tokenId}/certificates`)
        .set('Authorization', `Bearer ${admin}`)
        .send({ certificates: [signer.certPem] })
        .expect(200);
      expect(ok.body.trustedCertificates).toEqual([expect.stringContaining('CN=Shenzhen MO')]);
    });

    it('verifies a valid signature and shows by which certificate', async () => {
      const res = await post(signCap(capXml({ status: 'Test' }), signer), undefined, token);
      expect(res.status).toBe(201);
      const [row] = await ds.query<{ signature: string; signed_by: string }[]>(
        `SELECT signature, signed_by FROM cap_messages WHERE id = $1`,
        [(res.body as CapIngestResult).messageId],
      );
      expect(row).toEqual({
        signature: 'verified',
        signed_by: expect.stringContaining('CN=Shenzhen MO'),
      });
      const live = await post(
        signCap(capXml({ expires: new Date(Date.now() + 60_000) }), signer),
        undefined,
        token,
      ).expect(201);
      const w = await detail((live.body as CapIngestResult).warningId!);
      expect(w.signature.state).toBe('verified');
      expect(w.signature.by).toMatch(/CN=Shenzhen MO \(SHA-256 [0-9A-F:]+\)/);
      expect(w.chain[0]!.signature.state).toBe('verified');
    });

    it.each([
      [
        'tampered content',
        () => signCap(capXml(), signer).replace('黄色', '红色'),
        'CAP_SIGNATURE_INVALID',
        /changed after signing/,
      ],
      [
        'a certificate the feed does not trust',
        () => signCap(capXml(), stranger),
        'CAP_SIGNATURE_INVALID',
        /trusted certificate/,
      ],
      ['an unsigned message', () => capXml(), 'CAP_SIGNATURE_MISSING', /requires a signed alert/],
    ])(
      'refuses %s on a feed that requires signatures, storing nothing',
      async (_n, xml, code, message) => {
        const before = await stored();
        const res = await post(xml(), undefined, token);
        expect(res.status).toBe(422);
        expect(res.body).toEqual(expect.objectContaining({ code, path: 'alert.Signature' }));
        expect(res.body.message).toMatch(message);
        expect(await stored()).toBe(before);
      },
    );

    it.each([
      ['a DOCTYPE', '<!DOCTYPE ds [<!ENTITY x "y">]>', 400, 'CAP_DTD_FORBIDDEN'],
      ['an undeclared entity', '<ds:Object>&x;</ds:Object>', 400, 'CAP_INVALID_XML'],
      [
        '100,000 character references',
        `<ds:Object>${'&#65;'.repeat(100_000)}</ds:Object>`,
        400,
        'CAP_XML_LIMIT',
      ],
      [
        'deep nesting',
        `${'<ds:Object>'.repeat(20)}${'</ds:Object>'.repeat(20)}`,
        400,
        'CAP_XML_LIMIT',
      ],
    ])('a signature block cannot smuggle in %s', async (_n, inject, status, code) => {
      const signed = signCap(capXml(), signer).replace(
        '</SignatureValue>',
        `</SignatureValue>${inject.replace(/ds:/g, '')}`,
      );
      const before = await stored();
      for (const tok of ['demo-feed', token]) {
        const res = await post(signed, undefined, tok);
        expect([res.status, res.body.code]).toEqual([status, code]);
      }
      expect(await stored()).toBe(before);
    });

    it('refuses CAP after the signature (it ends the alert)', async () => {
      const xml = signCap(capXml(), signer);
      const moved = xml.replace(
        /(<info>[\s\S]*<\/info>)\s*(<Signature[\s\S]*<\/Signature>)/,
        '$2$1',
      );
      const res = await post(moved).expect(422);
      expect(res.body).toEqual(
        expect.objectContaining({ code: 'CAP_ELEMENT_ORDER', path: 'alert.info[0]' }),
      );
    });
  });
});
