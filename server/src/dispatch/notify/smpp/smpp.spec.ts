import type * as smpp from 'smpp';
import { loadDispatchConfig } from '../../dispatch.config';
import { parseReceipt } from './smpp.channel';
import { parseSmppUrl } from './smpp-url';
import { decodeUcs2, splitUcs2 } from './sms-text';

describe('SMPP text, receipts and URL', () => {
  it('keeps a short message whole and splits a long one into concatenated UCS2 parts', () => {
    expect(splitUcs2('收到请回复', 'a')).toEqual([
      { udh: Buffer.alloc(0), body: Buffer.from('收到请回复', 'utf16le').swap16() },
    ]);
    const text = '暴雨红色预警'.repeat(25); // 150 characters
    const parts = splitUcs2(text, 'b');
    expect(parts).toHaveLength(3);
    expect(parts.every((p) => p.udh.length === 6 && p.body.length <= 134)).toBe(true);
    expect(parts.map((p) => p.udh[5])).toEqual([1, 2, 3]);
    expect(new Set(parts.map((p) => p.udh[3])).size).toBe(1);
    // Same id, same reference (a resend reassembles with the first copy's parts).
    expect(splitUcs2(text, 'b')[0]!.udh).toEqual(parts[0]!.udh);
    const back = parts.map((p) => decodeUcs2(Buffer.concat([p.udh, p.body]), true).text);
    expect(back.join('')).toBe(text);
  });

  it('never cuts a surrogate pair', () => {
    const text = `${'a'.repeat(66)}😀${'b'.repeat(10)}`;
    const parts = splitUcs2(text, 'c');
    expect(parts.map((p) => decodeUcs2(Buffer.concat([p.udh, p.body]), true).text)).toEqual([
      'a'.repeat(66),
      `😀${'b'.repeat(10)}`,
    ]);
  });

  it('reads receipts from TLVs, else from the customary text', () => {
    const pdu = (o: Record<string, unknown>) => o as unknown as smpp.Pdu;
    expect(parseReceipt('', pdu({ receipted_message_id: 'x1', message_state: 2 }))).toEqual({
      gatewayId: 'x1',
      state: 'delivered',
      error: null,
    });
    expect(parseReceipt('id:77 sub:001 dlvrd:000 stat:UNDELIV err:012 text:', pdu({}))).toEqual({
      gatewayId: '77',
      state: 'failed',
      error: 'UNDELIV err:012',
    });
    expect(parseReceipt('id:78 stat:EXPIRED err:000', pdu({}))?.state).toBe('expired');
    expect(parseReceipt('id:79 stat:ENROUTE', pdu({}))).toBeNull();
  });

  it('parses SMPP_URL and refuses one without a sender', () => {
    expect(parseSmppUrl('smpp://sf:p%40ss@gw:2776?source=12110&rate=200&window=5')).toMatchObject({
      host: 'gw',
      port: 2776,
      systemId: 'sf',
      password: 'p@ss',
      source: '12110',
      rate: 200,
      window: 5,
      tls: false,
    });
    expect(parseSmppUrl('smpps://a:b@gw?source=x').port).toBe(2775);
    expect(() => parseSmppUrl('smpp://a:b@gw')).toThrow(/source/);
    expect(() => parseSmppUrl('smpp://a:b@gw?source=1&rate=0')).toThrow(/rate/);
  });
});

describe('SMPP settings', () => {
  it('needs SMPP_URL with smpp, and a webhook for voice fallback', () => {
    expect(() => loadDispatchConfig({ NOTIFY_CHANNEL: 'smpp' })).toThrow(/SMPP_URL: required/);
    expect(() => loadDispatchConfig({ NOTIFY_CHANNEL: 'smpp', SMPP_URL: 'smpp://a:b@gw' })).toThrow(
      /source/,
    );
    expect(() =>
      loadDispatchConfig({
        NOTIFY_CHANNEL: 'smpp',
        SMPP_URL: 'smpp://a:b@gw?source=1',
        SMS_VOICE_FALLBACK: 'onsite_lead=300',
      }),
    ).toThrow(/NOTIFY_WEBHOOK_URL/);
    const c = loadDispatchConfig({
      NOTIFY_CHANNEL: 'smpp',
      SMPP_URL: 'smpp://a:b@gw?source=1',
      NOTIFY_WEBHOOK_URL: 'http://voice.example/call',
      SMS_VOICE_FALLBACK: 'onsite_lead=300,*=failed',
    });
    expect([...c.voiceFallback]).toEqual([
      ['onsite_lead', 300],
      ['*', null],
    ]);
    expect(() => loadDispatchConfig({ SMS_VOICE_FALLBACK: 'onsite_lead=soon' })).toThrow(
      /SMS_VOICE_FALLBACK/,
    );
  });
});
