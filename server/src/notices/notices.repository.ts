import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { Notice } from './entities/notice.entity';

@Injectable()
export class NoticesRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  insert(
    m: EntityManager,
    n: Pick<Notice, 'text' | 'level' | 'subdistrictCodes' | 'author'>,
  ): Promise<Notice> {
    return m.getRepository(Notice).save(m.getRepository(Notice).create(n));
  }

  /** Newest first; a subdistrict-bound reader sees district-wide notices and their own. */
  recent(subdistrictCode: string | null, limit: number): Promise<Notice[]> {
    const qb = this.ds
      .getRepository(Notice)
      .createQueryBuilder('n')
      .orderBy('n.created_at', 'DESC')
      .limit(limit);
    if (subdistrictCode) {
      qb.where(`(n.subdistrict_codes = '{}' OR :sd = ANY (n.subdistrict_codes))`, {
        sd: subdistrictCode,
      });
    }
    return qb.getMany();
  }
}
