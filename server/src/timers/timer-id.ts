import { createHash } from 'node:crypto';

/**
 * A job id derived from (queue, key): scheduling the same firing twice is a no-op, and it can
 * be cancelled without storing the id. Keys must name one intended firing (include the
 * deadline or step), since a cancelled id stays taken.
 */
export function timerId(queue: string, key: string): string {
  const h = createHash('sha256').update(`${queue}\u0000${key}`).digest();
  h[6] = (h[6]! & 0x0f) | 0x40; // version 4 layout
  h[8] = (h[8]! & 0x3f) | 0x80; // RFC 4122 variant
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20, 32)}`;
}
