import { createHash, createSecretKey, type KeyObject, randomUUID } from 'node:crypto';
import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { LoginRequest, LoginResponse, UserDto } from '@sanfang/shared';
import { ApiException } from '../common/api-exception';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { observe } from '../core/observe';
import type { AuthUser, FeedCaller, JwtClaims } from './auth.types';
import type { User } from './entities/user.entity';
import { LiveSessions } from './live-sessions';
import { DUMMY_HASH, verifyPassword } from './password';
import { UsersRepository } from './users.repository';

export function sha256Hex(s: string): string {
  return createHash('sha256').update(s).digest('hex');
}

const invalidToken = (message = 'The bearer token is malformed, forged or expired'): ApiException =>
  new ApiException(HttpStatus.UNAUTHORIZED, 'AUTH_TOKEN_INVALID', message);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** How long another instance may still accept a token revoked elsewhere. */
export const FEED_TOKEN_TTL_MS = 5_000;

@Injectable()
export class AuthService {
  private readonly feedTokens = new Map<string, { caller: FeedCaller; until: number }>();
  private readonly previousKey: KeyObject | null;

  constructor(
    private readonly users: UsersRepository,
    private readonly jwt: JwtService,
    private readonly live: LiveSessions,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.previousKey = config.jwtSecretPrevious
      ? createSecretKey(Buffer.from(config.jwtSecretPrevious))
      : null;
  }

  /** Signature and expiry; during a rotation a token signed with the previous key also counts. */
  private async claimsOf(token: string): Promise<JwtClaims> {
    try {
      return await this.jwt.verifyAsync<JwtClaims>(token);
    } catch (e) {
      if (!this.previousKey) throw e;
      // jsonwebtoken takes a KeyObject (as the module's own key is); the typings list only
      // string | Buffer here.
      return this.jwt.verifyAsync<JwtClaims>(token, {
        secret: this.previousKey as unknown as Buffer,
      });
    }
  }

  async login(req: LoginRequest): Promise<LoginResponse> {
    const user = await this.users.findByUsername(req.username);
    // Hash even for unknown users so timing does not reveal which usernames exist.
    const ok = await verifyPassword(req.password, user?.passwordHash ?? DUMMY_HASH);
    if (!user || !ok || user.disabled || user.deletedAt !== null) {
      observe('loginFailed');
      throw new ApiException(HttpStatus.UNAUTHORIZED, 'AUTH_INVALID_CREDENTIALS');
    }
    const claims: JwtClaims = {
      sub: user.id,
      usr: user.username,
      role: user.role,
      sd: user.subdistrictCode,
      cid: user.contactId,
      sv: user.sessionVersion,
    };
    const accessToken = await this.jwt.signAsync(claims, { jwtid: randomUUID() });
    return { accessToken, user: toUserDto(user) };
  }

  /** Verifies signature and expiry, then that the user still exists and is enabled. */
  async verifyBearer(token: string): Promise<AuthUser> {
    let claims: JwtClaims;
    try {
      claims = await this.claimsOf(token);
    } catch {
      throw invalidToken();
    }
    const jti = claims.jti && UUID.test(claims.jti) ? claims.jti : null;
    const user = await this.users.bearer(claims.sub, jti);
    if (!user || user.disabled) throw invalidToken('The account behind this token is disabled');
    if (user.revoked || (claims.sv ?? 0) !== user.sessionVersion) {
      throw invalidToken('This session has ended; sign in again');
    }
    return {
      id: user.id,
      username: user.username,
      role: user.role,
      subdistrictCode: user.subdistrictCode,
      contactId: user.contactId,
      ...(jti && claims.exp ? { session: { jti, expiresAt: new Date(claims.exp * 1000) } } : {}),
    };
  }

  /** Sign-out: this token stops working at once, and its live sockets close. */
  async signOut(user: AuthUser): Promise<void> {
    if (!user.session) return;
    await this.users.revokeSession(user.session.jti, user.id, user.session.expiresAt);
    this.live.endSession(user.session.jti);
  }

  /**
   * Feed tokens answer from a short cache: a busy feed posts many messages a second. A
   * revocation here clears it at once; another instance honours it within FEED_TOKEN_TTL_MS.
   * Unknown tokens are never cached, so a new token works at once.
   */
  async verifyFeedToken(token: string): Promise<FeedCaller> {
    const sha = sha256Hex(token);
    const hit = this.feedTokens.get(sha);
    if (hit && hit.until > Date.now()) return hit.caller;
    const row = await this.users.activeFeedToken(sha);
    if (!row) {
      this.feedTokens.delete(sha);
      throw invalidToken('Unknown or revoked feed token');
    }
    const caller = {
      tokenId: row.id,
      name: row.name,
      trustedCertificates: row.trustedCertificates,
    };
    this.feedTokens.set(sha, { caller, until: Date.now() + FEED_TOKEN_TTL_MS });
    return caller;
  }

  /** After a revocation: the next post with any token is checked against the database. */
  forgetFeedTokens(): void {
    this.feedTokens.clear();
  }

  async me(id: string): Promise<UserDto> {
    const user = await this.users.findById(id);
    if (!user) throw invalidToken();
    return toUserDto(user);
  }
}

export function toUserDto(u: User): UserDto {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    role: u.role,
    subdistrictCode: u.subdistrictCode,
  };
}
