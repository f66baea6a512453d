import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { PullEntry } from '../entities/pull-entry.entity';
import { PullFeed } from '../entities/pull-feed.entity';

/** Pull feeds and the entries seen in them. */
@Injectable()
export class PullRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  feeds(): Promise<PullFeed[]> {
    return this.ds.getRepository(PullFeed).find({ order: { name: 'ASC' } });
  }

  feed(id: string, m: EntityManager = this.ds.manager): Promise<PullFeed | null> {
    return m.getRepository(PullFeed).findOne({ where: { id } });
  }

  /** The feed locked for update, in the caller's transaction. */
  feedForUpdate(m: EntityManager, id: string): Promise<PullFeed | null> {
    return m
      .getRepository(PullFeed)
      .createQueryBuilder('f')
      .setLock('pessimistic_write')
      .where('f.id = :id', { id })
      .getOne();
  }

  createFeed(m: EntityManager, f: Partial<PullFeed>): Promise<PullFeed> {
    const repo = m.getRepository(PullFeed);
    return repo.save(repo.create(f));
  }

  saveFeed(m: EntityManager, f: PullFeed): Promise<PullFeed> {
    return m.getRepository(PullFeed).save(f);
  }

  async deleteFeed(m: EntityManager, id: string): Promise<void> {
    await m.getRepository(PullEntry).delete({ feedId: id });
    await m.getRepository(PullFeed).delete({ id });
  }

  /** Poll bookkeeping on the feed row (outside any domain transaction). */
  async updateFeed(id: string, patch: Partial<PullFeed>): Promise<void> {
    await this.ds.getRepository(PullFeed).update({ id }, patch);
  }

  async countOn(
    id: string,
    column: 'notModified' | 'entriesIngested' | 'entriesQuarantined',
  ): Promise<void> {
    await this.ds.getRepository(PullFeed).increment({ id }, column, 1);
  }

  entries(feedId: string): Promise<PullEntry[]> {
    return this.ds
      .getRepository(PullEntry)
      .find({ where: { feedId }, order: { fetchedAt: 'DESC' }, take: 500 });
  }

  entrySeen(feedId: string, url: string): Promise<boolean> {
    return this.ds.getRepository(PullEntry).exist({ where: { feedId, url } });
  }

  /** Records an entry once: a URL already recorded for the feed is left as it is. */
  async recordEntry(e: Partial<PullEntry>): Promise<void> {
    await this.ds
      .getRepository(PullEntry)
      .createQueryBuilder()
      .insert()
      .values(e)
      .orIgnore()
      .execute();
  }

  transaction<T>(fn: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.ds.transaction(fn);
  }
}
