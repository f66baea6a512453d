import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Per-dispatch ack tokens: the dispatch id and an HMAC-SHA256 over it, base64url. Nothing is
 * stored; whether the link still works is the dispatch's state (closed → refused).
 */
const MAC_BYTES = 16;

export class AckTokens {
  /**
   * `previous`: the key before a rotation, still accepted so links already sent work.
   * `label`: what the link is for; a link signed under one label never verifies under another
   * (a call-out link is never a duty-desk answer link).
   */
  constructor(
    private readonly secret: string,
    private readonly previous: string | null = null,
    private readonly label = 'sanfang-ack',
  ) {}

  sign(dispatchId: string): string {
    const id = Buffer.from(dispatchId.replace(/-/g, ''), 'hex');
    return Buffer.concat([id, this.mac(id, this.secret)]).toString('base64url');
  }

  /** The dispatch id, or null when the token is malformed or forged. */
  verify(token: string): string | null {
    if (!/^[A-Za-z0-9_-]{40,48}$/.test(token)) return null;
    const raw = Buffer.from(token, 'base64url');
    if (raw.length !== 16 + MAC_BYTES) return null;
    // One spelling per link: base64 decodes a last character's unused bits alike ('A' and
    // 'B' here), so an altered link could otherwise still verify.
    if (raw.toString('base64url') !== token) return null;
    const id = raw.subarray(0, 16);
    const mac = raw.subarray(16);
    const ok =
      timingSafeEqual(mac, this.mac(id, this.secret)) ||
      (this.previous !== null && timingSafeEqual(mac, this.mac(id, this.previous)));
    if (!ok) return null;
    const h = id.toString('hex');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  }

  private mac(id: Buffer, key: string): Buffer {
    return createHmac('sha256', key)
      .update(`${this.label}\u0000`)
      .update(id)
      .digest()
      .subarray(0, MAC_BYTES);
  }
}
