import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CapIngestResult, CapOutcome, WarningDto } from '@sanfang/shared';
import { DataSource } from 'typeorm';
import { createTestApp, type TestApp } from '../helpers/app';

/**
 * Every message of the real-publisher corpus (test/fixtures/cap-corpus, see its SOURCES.md),
 * posted as published and time-shifted to now, against one table of what must happen.
 */
const DIR = join(__dirname, '../fixtures/cap-corpus');

type Kind = 'alert' | 'update' | 'cancel' | 'test';
interface Row {
  file: string;
  /** Refused with this code (both as published and shifted), or what it is. */
  refused?: { status: number; code: string; path: string };
  kind?: Kind;
  signed?: boolean;
  /** No <expires>: the default lifetime is assumed. */
  noExpiry?: boolean;
  /** Languages of its info blocks. */
  languages?: string[];
  /** Its expires equals its sent: over as soon as it is received. */
  lapsed?: boolean;
  /** A text the shown headline contains (checks the decoding). */
  headline?: string;
}

const TABLE: Row[] = [
  { file: 'airnow-2020-air-quality-circle.xml', kind: 'alert', languages: ['en-US'] },
  { file: 'athoc-ipaws-cancel-no-info-signed.xml', kind: 'cancel', signed: true },
  { file: 'australia-bom-thunderstorm-prefixed-geocodes.xml', kind: 'alert' },
  { file: 'australia-nsw-rfs-bushfire-prefixed-circles.xml', kind: 'alert' },
  {
    file: 'canada-ec-2013-signed-update-en-fr.xml',
    kind: 'update',
    signed: true,
    languages: ['en-CA', 'fr-CA'],
  },
  { file: 'canada-ec-2020-large-update-26-polygons.xml', kind: 'update' },
  {
    file: 'canada-naad-2019-signed-en-fr.xml',
    kind: 'alert',
    signed: true,
    languages: ['en-CA', 'fr-CA'],
  },
  { file: 'dwd-2017-windboeen-empty-instruction.xml', kind: 'alert', headline: 'WINDBÖEN' },
  { file: 'iceland-imo-wind-is-en-polygons.xml', kind: 'alert', languages: ['is-IS', 'en-US'] },
  { file: 'ipaws-2019-signed-geocodes-embedded-audio.xml', kind: 'alert', signed: true },
  { file: 'ipaws-2019-signed-polygon-resource.xml', kind: 'alert', signed: true },
  { file: 'ipaws-2020-signed-large-embedded-audio.xml', kind: 'alert', signed: true },
  { file: 'ipaws-nevada-dps-cancel.xml', kind: 'cancel', signed: true },
  { file: 'mexico-smn-tropical-cyclone-update-es.xml', kind: 'update', headline: 'VICENTE' },
  { file: 'noaa-wcatwc-2011-tsunami-update-resources.xml', kind: 'update' },
  // "The tsunami Warning is canceled": an Update that expires the second it is sent.
  {
    file: 'noaa-wcatwc-tsunami-update-signed-circle.xml',
    kind: 'update',
    signed: true,
    lapsed: true,
  },
  { file: 'nws-ipaws-2020-update-multiple-polygons.xml', kind: 'update' },
  { file: 'oasis-cap12-a1-homeland-security-advisory.xml', kind: 'alert', noExpiry: true },
  { file: 'oasis-cap12-a2-nws-severe-thunderstorm-polygon.xml', kind: 'alert' },
  { file: 'oasis-cap12-a3-caltech-earthquake-update-circle.xml', kind: 'update', noExpiry: true },
  {
    file: 'oasis-cap12-a4-amber-alert-en-es.xml',
    kind: 'alert',
    noExpiry: true,
    languages: ['en-US', 'es-US'],
  },
  {
    file: 'old-cap10-oasis-earthquake.xml',
    refused: { status: 422, code: 'CAP_NAMESPACE', path: 'alert' },
  },
  {
    file: 'old-cap11-nws-2021-blizzard-warning.xml',
    refused: { status: 422, code: 'CAP_NAMESPACE', path: 'alert' },
  },
  { file: 'philippines-pagasa-typhoon-test-signed.xml', kind: 'test', signed: true },
  {
    file: 'sweden-krisinformation-vma.xml',
    refused: { status: 422, code: 'CAP_ELEMENT_ORDER', path: 'alert.info[0].senderName[0]' },
  },
  {
    file: 'taiwan-wra-reservoir-zh-tw-bom.xml',
    kind: 'alert',
    headline: '明德水庫',
    languages: ['zh-tw'],
  },
  {
    file: 'usgs-earthquake-iso8859-1-signed.xml',
    kind: 'alert',
    signed: true,
    headline: 'Usulután',
  },
];

const DATE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})([-+]\d{2}:\d{2})$/;
const toMs = (v: string): number => {
  const m = DATE.exec(v)!;
  const sign = m[7]!.startsWith('-') ? -1 : 1;
  const [oh, om] = m[7]!.slice(1).split(':').map(Number) as [number, number];
  return (
    Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!) - sign * (oh * 60 + om) * 60_000
  );
};
const fromMs = (ms: number, offset: string): string => {
  const sign = offset.startsWith('-') ? -1 : 1;
  const [oh, om] = offset.slice(1).split(':').map(Number) as [number, number];
  return `${new Date(ms + sign * (oh * 60 + om) * 60_000).toISOString().slice(0, 19)}${offset}`;
};

/**
 * As SOURCES.md says: sent/effective/onset/expires moved so `sent` is now, identifier made
 * unique, nothing else changed. Worked on the bytes read as latin1, so every byte that is not
 * in those elements (any encoding, the BOM) stays as published.
 */
function timeShift(bytes: Buffer, suffix: string): Buffer {
  let s = bytes.toString('latin1');
  const sent = /<(?:\w+:)?sent>([^<]+)</.exec(s)![1]!.trim();
  const delta = Date.now() - 60_000 - toMs(sent);
  s = s.replace(
    /(<(?:\w+:)?(?:sent|effective|onset|expires)>)\s*([^<\s]+)\s*(<)/g,
    (_, open: string, v: string, close: string) =>
      `${open}${fromMs(toMs(v) + delta, DATE.exec(v)![7]!)}${close}`,
  );
  s = s.replace(/(<(?:\w+:)?identifier>)\s*([^<\s]+)\s*(<)/, `$1$2-${suffix}$3`);
  return Buffer.from(s, 'latin1');
}

describe('the real-publisher CAP corpus', () => {
  let t: TestApp;
  let ds: DataSource;
  let duty: string;
  beforeAll(async () => {
    t = await createTestApp();
    ds = t.app.get(DataSource);
    duty = await t.login('duty');
  });
  afterAll(() => t.close());

  const post = (body: Buffer) =>
    t.http
      .post('/api/feeds/cap')
      .set('Authorization', 'Bearer demo-feed')
      .set('Content-Type', 'application/cap+xml')
      .send(body);
  const warnings = async (): Promise<WarningDto[]> =>
    (await t.http.get('/api/warnings?limit=500').set('Authorization', `Bearer ${duty}`).expect(200))
      .body as WarningDto[];
  const stored = async (): Promise<number> =>
    (await ds.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM cap_messages`))[0]!.n;

  it('holds every file of the corpus in its table', () => {
    const listed = readFileSync(join(DIR, 'SOURCES.md'), 'utf8').match(/^\| [a-z0-9-]+\.xml /gm)!;
    expect(TABLE.map((r) => r.file).sort()).toEqual(listed.map((l) => l.slice(2).trim()).sort());
  });

  const published: Record<Kind, CapOutcome> = {
    alert: 'issued',
    update: 'issued',
    cancel: 'orphan',
    test: 'not_acted_on',
  };

  it.each(TABLE.map((r) => [r.file, r] as const))('%s', async (_f, row) => {
    const bytes = readFileSync(join(DIR, row.file));
    const before = await stored();
    for (const [variant, body] of [
      ['as published', bytes],
      ['time-shifted', timeShift(bytes, `T${Date.now()}`)],
    ] as const) {
      const res = await post(body);
      if (row.refused) {
        expect([variant, res.status, res.body]).toEqual([
          variant,
          row.refused.status,
          expect.objectContaining({ code: row.refused.code, path: row.refused.path }),
        ]);
        expect(res.body.message).toEqual(expect.any(String));
        expect(await stored()).toBe(before);
        continue;
      }
      expect([variant, res.status]).toEqual([variant, 201]);
      const r = res.body as CapIngestResult;
      expect([variant, r.outcome]).toEqual([variant, published[row.kind!]]);
      const shown = (await warnings()).find((w) => w.id === r.warningId);
      if (row.kind === 'cancel' || row.kind === 'test') {
        // A Cancel of an unseen warning, or a Test, is recorded and leaves nothing shown.
        expect(r.warningId).toBeNull();
        continue;
      }
      expect(shown).toBeDefined();
      const w = shown!;
      // Published years ago: over by now (its own expiry or the assumed lifetime); shifted: live.
      const live = variant === 'time-shifted' && !row.lapsed;
      expect([variant, w.state]).toEqual([variant, live ? 'active' : 'expired']);
      expect(w.missingEarlier).toBe(row.kind === 'update');
      expect(w.expiresAssumed).toBe(row.noExpiry === true);
      expect(w.signature).toEqual({ state: row.signed ? 'unchecked' : 'absent', by: null });
      // Its CAP identity, as sent.
      const raw = body.toString('latin1');
      expect(w.current.identifier).toBe(/<(?:\w+:)?identifier>\s*([^<\s]+)/.exec(raw)![1]);
      expect(w.current.sender).toBe(/<(?:\w+:)?sender>\s*([^<\s]+)/.exec(raw)![1]);
      expect(w.chainIdentities.map((c) => c.identifier)).toEqual([w.current.identifier]);
      if (row.headline)
        expect(w.headline + w.texts.map((x) => x.headline).join()).toContain(row.headline);
      if (row.languages) expect(w.texts.map((x) => x.language)).toEqual(row.languages);
      // A bilingual message's areas once: as many as the blocks of the shown language have.
      const shownLanguage = (
        w.texts.find((x) => /^zh/i.test(x.language)) ??
        w.texts.find((x) => /^en/i.test(x.language)) ??
        w.texts[0]
      )?.language;
      const inShown = w.texts.filter((x) => x.language === shownLanguage);
      expect(w.areas.length).toBe(new Set(inShown.flatMap((x) => x.areaDescs)).size);
      expect(
        new Set(w.areas.map((a) => JSON.stringify([a.polygons, a.circles, a.geocodes]))).size,
      ).toBe(w.areas.length);
    }
  });

  it('keeps the bytes as received for a message that is not UTF-8, and hashes them', async () => {
    const [row] = await ds.query<
      { encoding: string; raw_bytes: Buffer; raw_xml: string; sha256: string }[]
    >(
      `SELECT encoding, raw_bytes, raw_xml, sha256 FROM cap_messages
        WHERE headline LIKE 'EQ 4.6 Usulut%' ORDER BY received_at LIMIT 1`,
    );
    const bytes = readFileSync(join(DIR, 'usgs-earthquake-iso8859-1-signed.xml'));
    expect(row!.encoding).toBe('windows-1252');
    expect(Buffer.compare(row!.raw_bytes, bytes)).toBe(0);
    expect(row!.raw_xml).toContain('Usulután');
    expect(row!.raw_xml).not.toContain('\uFFFD');
    expect(row!.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
  });
});
