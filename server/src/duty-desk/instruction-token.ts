import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * A unit's answer link: the assignment id and an HMAC-SHA256 over it, base64url, signed with
 * the ack-link key (dispatch/ack-token.ts's scheme) under its own label, so a call-out link is
 * never an answer link. Nothing is stored; whether it still works is the assignment's state.
 */
const MAC_BYTES = 16;
export const INSTRUCTION_TOKENS = Symbol('INSTRUCTION_TOKENS');

export class InstructionTokens {
  constructor(
    private readonly secret: string,
    private readonly previous: string | null = null,
  ) {}

  sign(assignmentId: string): string {
    const id = Buffer.from(assignmentId.replace(/-/g, ''), 'hex');
    return Buffer.concat([id, this.mac(id, this.secret)]).toString('base64url');
  }

  /** The assignment id, or null when the token is malformed or forged. */
  verify(token: string): string | null {
    if (!/^[A-Za-z0-9_-]{40,48}$/.test(token)) return null;
    const raw = Buffer.from(token, 'base64url');
    if (raw.length !== 16 + MAC_BYTES) return null;
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
      .update('sanfang-instruction\u0000')
      .update(id)
      .digest()
      .subarray(0, MAC_BYTES);
  }
}
