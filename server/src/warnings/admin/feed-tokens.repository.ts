import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { FeedToken } from '../../auth/entities/feed-token.entity';

/** Machine feed tokens, as the admin pages manage them (auth reads them to authenticate). */
@Injectable()
export class FeedTokensRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  list(): Promise<FeedToken[]> {
    return this.ds.getRepository(FeedToken).find({ order: { createdAt: 'ASC' } });
  }

  find(m: EntityManager, id: string): Promise<FeedToken | null> {
    return m.getRepository(FeedToken).findOne({ where: { id } });
  }

  create(m: EntityManager, t: Pick<FeedToken, 'name' | 'tokenSha256'>): Promise<FeedToken> {
    const repo = m.getRepository(FeedToken);
    return repo.save(repo.create(t));
  }

  save(m: EntityManager, t: FeedToken): Promise<FeedToken> {
    return m.getRepository(FeedToken).save(t);
  }
}
