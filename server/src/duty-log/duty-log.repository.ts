import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DutyLogQuery } from '@sanfang/shared';
import type { DataSource, EntityManager } from 'typeorm';
import { DutyLogEntry } from './entities/duty-log-entry.entity';

/** The append-only duty log table: read in time order, insert; never update. */
@Injectable()
export class DutyLogRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** In time order; a subdistrict-bound reader sees district-wide lines and their own subdistrict's. */
  list(subdistrictCode: string | null, q: DutyLogQuery): Promise<DutyLogEntry[]> {
    const qb = this.ds
      .getRepository(DutyLogEntry)
      .createQueryBuilder('d')
      .orderBy('d.at', 'ASC')
      .addOrderBy('d.id', 'ASC')
      .limit(q.limit);
    if (q.from) qb.andWhere('d.at >= :from', { from: q.from });
    if (q.to) qb.andWhere('d.at < :to', { to: q.to });
    if (subdistrictCode)
      qb.andWhere(`(d.subdistrict_codes = '{}' OR :sd = ANY (d.subdistrict_codes))`, {
        sd: subdistrictCode,
      });
    return qb.getMany();
  }

  exists(id: number): Promise<boolean> {
    return this.ds.getRepository(DutyLogEntry).existsBy({ id: String(id) });
  }

  /** The officers of the next shift on the rota after `at` (the duty desk's table), if any. */
  async incomingOfficers(at: Date): Promise<string[] | null> {
    const rows: { officers: { name: string }[] }[] = await this.ds.query(
      `SELECT officers FROM rota_shifts WHERE starts_at > $1 ORDER BY starts_at LIMIT 1`,
      [at],
    );
    return rows[0] ? rows[0].officers.map((o) => o.name) : null;
  }

  insert(m: EntityManager, e: Omit<DutyLogEntry, 'id' | 'corrects'>): Promise<DutyLogEntry> {
    const repo = m.getRepository(DutyLogEntry);
    return repo.save(repo.create(e));
  }
}
