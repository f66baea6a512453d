import type { Role } from '@sanfang/shared';

/** What a verified bearer token says about its holder. */
export interface AuthUser {
  id: string;
  username: string;
  role: Role;
  subdistrictCode: string | null;
  contactId: string | null;
  /** The token's id and expiry (sign-out revokes exactly this session). */
  session?: { jti: string; expiresAt: Date };
}

export interface JwtClaims {
  sub: string;
  usr: string;
  role: Role;
  sd: string | null;
  cid: string | null;
  /** The user's session version when signed; a raised version ends the token. */
  sv?: number;
  jti?: string;
  exp?: number;
}

export interface FeedCaller {
  tokenId: string;
  name: string;
  /** PEM certificates whose signature this feed's CAP messages must carry (none: unchecked). */
  trustedCertificates: string[];
}
