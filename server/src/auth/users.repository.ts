import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
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

  async activeFeedToken(sha256: string): Promise<FeedToken | null> {
    const t = await this.feedTokens.findOne({ where: { tokenSha256: sha256 } });
    return t && t.revokedAt === null ? t : null;
  }
}
