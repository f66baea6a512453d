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
  async bearer(id: string): Promise<(AuthUser & { disabled: boolean }) | null> {
    const rows = await this.users.manager.query<
      {
        id: string;
        username: string;
        role: AuthUser['role'];
        subdistrict_code: string | null;
        contact_id: string | null;
        disabled: boolean;
      }[]
    >(
      `SELECT id, username, role, subdistrict_code, contact_id, disabled FROM users WHERE id = $1`,
      [id],
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
        }
      : null;
  }

  async activeFeedToken(sha256: string): Promise<FeedToken | null> {
    const t = await this.feedTokens.findOne({ where: { tokenSha256: sha256 } });
    return t && t.revokedAt === null ? t : null;
  }
}
