import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import type { AuthUser } from './auth.types';
import { FeedToken } from './entities/feed-token.entity';
import { User } from './entities/user.entity';

@Injectable()
export class UsersRepository {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    @InjectRepository(FeedToken) private readonly feedTokens: Repository<FeedToken>,
  ) {}

  findByUsername(username: string): Promise<User | null> {
    return this.users.findOne({ where: { username } });
  }

  findById(id: string): Promise<User | null> {
    return this.users.findOne({ where: { id } });
  }

  /**
   * What a bearer check needs, in one plain query: it runs on every authenticated request and
   * socket handshake, where TypeORM's find machinery cost more than the query itself.
   */
  async bearer(
    id: string,
    jti: string | null,
  ): Promise<(AuthUser & { disabled: boolean; sessionVersion: number; revoked: boolean }) | null> {
    const rows = await this.users.manager.query<
      {
        id: string;
        username: string;
        role: AuthUser['role'];
        subdistrict_code: string | null;
        contact_id: string | null;
        disabled: boolean;
        session_version: number;
        revoked: boolean;
      }[]
    >(
      // The revocation check rides in the same query: still one round trip per request.
      `SELECT id, username, role, subdistrict_code, contact_id,
              disabled OR deleted_at IS NOT NULL AS disabled, session_version,
              EXISTS (SELECT 1 FROM revoked_sessions WHERE jti = $2::uuid) AS revoked
         FROM users WHERE id = $1`,
      [id, jti],
    );
    const r = rows[0];
    return r
      ? {
          id: r.id,
          username: r.username,
          role: r.role,
          subdistrictCode: r.subdistrict_code,
          contactId: r.contact_id,
          disabled: r.disabled,
          sessionVersion: r.session_version,
          revoked: r.revoked,
        }
      : null;
  }

  /** Signs one token out; rows past their expiry are swept on the way. */
  async revokeSession(jti: string, userId: string, expiresAt: Date): Promise<void> {
    await this.users.manager.query(
      `WITH gone AS (DELETE FROM revoked_sessions WHERE expires_at < now())
       INSERT INTO revoked_sessions (jti, user_id, expires_at) VALUES ($1, $2, $3)
       ON CONFLICT (jti) DO NOTHING`,
      [jti, userId, expiresAt],
    );
  }

  async activeFeedToken(sha256: string): Promise<FeedToken | null> {
    const t = await this.feedTokens.findOne({ where: { tokenSha256: sha256 } });
    return t && t.revokedAt === null ? t : null;
  }
}
