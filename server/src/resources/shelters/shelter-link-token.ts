import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * A shelter manager's phone link: `<shelterId>.<version>.<expiresMs>.<mac>` signed with the
 * server key. Issuing a new link bumps the version, so the old one stops working.
 */
export interface ShelterLinkClaims {
  shelterId: string;
  version: number;
  expiresAt: Date;
}

const mac = (key: string, body: string): string =>
  createHmac('sha256', `shelter-link:${key}`).update(body).digest('base64url');

export function signShelterLink(key: string, c: ShelterLinkClaims): string {
  const body = `${c.shelterId}.${c.version}.${c.expiresAt.getTime()}`;
  return `${body}.${mac(key, body)}`;
}

/** The claims, or null for anything forged, malformed or expired. */
export function verifyShelterLink(key: string, token: string, now: Date): ShelterLinkClaims | null {
  const m = /^([0-9a-f-]{36})\.(\d{1,9})\.(\d{1,15})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!m) return null;
  const [, shelterId, version, expires, sig] = m;
  if (!shelterId || !version || !expires || !sig) return null;
  const expected = Buffer.from(mac(key, `${shelterId}.${version}.${expires}`));
  const given = Buffer.from(sig);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  const expiresAt = new Date(Number(expires));
  if (expiresAt.getTime() <= now.getTime()) return null;
  return { shelterId, version: Number(version), expiresAt };
}
