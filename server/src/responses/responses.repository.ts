import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ResponseHazard, ResponseStatus } from '@sanfang/shared';
import type { DataSource, EntityManager } from 'typeorm';
import { ResponseHistoryRecord } from './entities/response-history.entity';
import { ResponseRecord } from './entities/response.entity';
import { ResponseSuggestionRecord } from './entities/response-suggestion.entity';

@Injectable()
export class ResponsesRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  insert(m: EntityManager, r: Omit<ResponseRecord, 'id'>): Promise<ResponseRecord> {
    return m.getRepository(ResponseRecord).save(m.getRepository(ResponseRecord).create(r));
  }

  async save(m: EntityManager, r: ResponseRecord): Promise<void> {
    await m.getRepository(ResponseRecord).save(r);
  }

  lock(m: EntityManager, id: string): Promise<ResponseRecord | null> {
    return m
      .getRepository(ResponseRecord)
      .createQueryBuilder('r')
      .setLock('pessimistic_write')
      .where('r.id = :id', { id })
      .getOne();
  }

  active(
    m: EntityManager,
    hazard: ResponseHazard,
    jurisdiction: string,
  ): Promise<ResponseRecord | null> {
    return m
      .getRepository(ResponseRecord)
      .createQueryBuilder('r')
      .setLock('pessimistic_write')
      .where('r.hazard = :hazard AND r.jurisdiction = :jurisdiction AND r.status = :s', {
        hazard,
        jurisdiction,
        s: 'active',
      })
      .getOne();
  }

  async addHistory(m: EntityManager, h: Omit<ResponseHistoryRecord, 'id'>): Promise<void> {
    await m.getRepository(ResponseHistoryRecord).insert(h);
  }

  list(status: ResponseStatus | 'all'): Promise<ResponseRecord[]> {
    const qb = this.ds
      .getRepository(ResponseRecord)
      .createQueryBuilder('r')
      .orderBy('r.started_at', 'DESC')
      .limit(200);
    if (status !== 'all') qb.where('r.status = :status', { status });
    return qb.getMany();
  }

  history(ids: string[]): Promise<ResponseHistoryRecord[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.ds
      .getRepository(ResponseHistoryRecord)
      .createQueryBuilder('h')
      .where('h.response_id = ANY(:ids)', { ids })
      .orderBy('h.id', 'ASC')
      .getMany();
  }

  async districtCode(): Promise<string> {
    const rows: { code: string }[] = await this.ds.query(`SELECT code FROM districts LIMIT 1`);
    return rows[0]?.code ?? '440306';
  }

  // Suggestions.
  async insertSuggestion(m: EntityManager, s: ResponseSuggestionRecord): Promise<boolean> {
    const res = await m
      .getRepository(ResponseSuggestionRecord)
      .createQueryBuilder()
      .insert()
      .values(s)
      .orIgnore()
      .returning('id')
      .execute();
    return (res.raw as unknown[]).length > 0;
  }

  lockSuggestion(m: EntityManager, id: string): Promise<ResponseSuggestionRecord | null> {
    return m
      .getRepository(ResponseSuggestionRecord)
      .createQueryBuilder('s')
      .setLock('pessimistic_write')
      .where('s.id = :id', { id })
      .getOne();
  }

  async saveSuggestion(m: EntityManager, s: ResponseSuggestionRecord): Promise<void> {
    await m.getRepository(ResponseSuggestionRecord).save(s);
  }

  suggestions(status: string): Promise<ResponseSuggestionRecord[]> {
    const qb = this.ds
      .getRepository(ResponseSuggestionRecord)
      .createQueryBuilder('s')
      .orderBy('s.received_at', 'DESC')
      .limit(200);
    if (status !== 'all') qb.where('s.status = :status', { status });
    return qb.getMany();
  }
}
