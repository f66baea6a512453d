import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { DataSource } from 'typeorm';

/**
 * Per-dispatch ack tokens: the dispatch id and an HMAC-SHA256 over it, base64url. Nothing is
 * stored; whether the link still works is the dispatch's state (closed → refused).
 */
const MAC_BYTES = 16;

export class AckTokens {
  constructor(private readonly secret: string) {}

  sign(dispatchId: string): string {
    const id = Buffer.from(dispatchId.replace(/-/g, ''), 'hex');
    return Buffer.concat([id, this.mac(id)]).toString('base64url');
  }

  /** The dispatch id, or null when the token is malformed or forged. */
  verify(token: string): string | null {
    if (!/^[A-Za-z0-9_-]{40,48}$/.test(token)) return null;
    const raw = Buffer.from(token, 'base64url');
    if (raw.length !== 16 + MAC_BYTES) return null;
    const id = raw.subarray(0, 16);
    if (!timingSafeEqual(raw.subarray(16), this.mac(id))) return null;
    const h = id.toString('hex');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  }

  private mac(id: Buffer): Buffer {
    return createHmac('sha256', this.secret)
      .update('sanfang-ack\u0000')
      .update(id)
      .digest()
      .subarray(0, MAC_BYTES);
  }
}

/** ACK_TOKEN_SECRET when given, else one generated once and shared via app_settings. */
export async function resolveAckSecret(ds: DataSource, configured: string | null): Promise<string> {
  if (configured) return configured;
  await ds.query(
    `INSERT INTO app_settings (key, value) VALUES ('ack_token_secret', $1) ON CONFLICT (key) DO NOTHING`,
    [randomBytes(48).toString('base64url')],
  );
  const rows: { value: string }[] = await ds.query(
    `SELECT value FROM app_settings WHERE key = 'ack_token_secret'`,
  );
  const value = rows[0]?.value;
  if (!value) throw new Error('ack_token_secret could not be stored');
  return value;
}
