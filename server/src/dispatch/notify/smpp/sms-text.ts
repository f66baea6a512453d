import { createHash } from 'node:crypto';

/** UCS2 (data_coding 8): 140 octets = 70 UTF-16 units alone, 67 with a concatenation header. */
export const UCS2 = 0x08;
const SINGLE_UNITS = 70;
const PART_UNITS = 67;
/** esm_class bit: short_message starts with a user data header. */
export const UDHI = 0x40;

export interface SmsPart {
  /** The user data header (concatenation), empty for a message that fits in one SMS. */
  udh: Buffer;
  /** UTF-16BE text of this part. */
  body: Buffer;
}

/**
 * Splits `text` into UCS2 segments with 8-bit-reference concatenation headers
 * (05 00 03 ref total seq) when it does not fit in one SMS. A surrogate pair is never cut.
 * `ref` is derived from the message id, so a resend after a restart carries the same reference.
 */
export function splitUcs2(text: string, messageId: string): SmsPart[] {
  const units = [...text];
  const utf16 = (s: string): Buffer => Buffer.from(s, 'utf16le').swap16();
  if (text.length <= SINGLE_UNITS) return [{ udh: Buffer.alloc(0), body: utf16(text) }];
  const chunks: string[] = [];
  let cur = '';
  for (const ch of units) {
    if (cur.length + ch.length > PART_UNITS) {
      chunks.push(cur);
      cur = '';
    }
    cur += ch;
  }
  if (cur) chunks.push(cur);
  if (chunks.length > 255) throw new Error('message too long for concatenated SMS');
  const ref = createHash('sha1').update(messageId).digest()[0] ?? 0;
  return chunks.map((c, i) => ({
    udh: Buffer.from([0x05, 0x00, 0x03, ref, chunks.length, i + 1]),
    body: utf16(c),
  }));
}

/** The other way (tests, the bench's gateway): text and concatenation info of a short_message. */
export function decodeUcs2(
  shortMessage: Buffer,
  udhi: boolean,
): { text: string; ref: number | null; total: number; seq: number } {
  let body = shortMessage;
  let ref: number | null = null;
  let total = 1;
  let seq = 1;
  if (udhi && shortMessage.length > 0) {
    const len = shortMessage[0] ?? 0;
    const udh = shortMessage.subarray(1, 1 + len);
    if (udh[0] === 0x00 && udh[1] === 0x03) {
      ref = udh[2] ?? 0;
      total = udh[3] ?? 1;
      seq = udh[4] ?? 1;
    }
    body = shortMessage.subarray(1 + len);
  }
  return { text: Buffer.from(body).swap16().toString('utf16le'), ref, total, seq };
}
