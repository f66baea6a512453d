import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { IsNull, type DataSource, type EntityManager } from 'typeorm';
import { District } from './entities/district.entity';
import { Subdistrict } from './entities/subdistrict.entity';
import { WaterloggingPoint } from './entities/waterlogging-point.entity';

/** Reference-data queries; retired rows are left out of every read. */
@Injectable()
export class GeoRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  districts(): Promise<District[]> {
    return this.ds.getRepository(District).find({ order: { code: 'ASC' } });
  }

  subdistricts(): Promise<Subdistrict[]> {
    return this.ds.getRepository(Subdistrict).find({ order: { code: 'ASC' } });
  }

  points(): Promise<WaterloggingPoint[]> {
    return this.ds.getRepository(WaterloggingPoint).find({
      where: { retiredAt: IsNull() },
      relations: { contacts: true },
      order: { code: 'ASC', contacts: { role: 'ASC' } },
    });
  }

  /** Which of these codes name no subdistrict (in the caller's transaction when given). */
  async unknownSubdistricts(
    codes: string[],
    m: EntityManager = this.ds.manager,
  ): Promise<string[]> {
    if (codes.length === 0) return [];
    const rows = await m.query<{ code: string }[]>(
      `SELECT c AS code FROM unnest($1::text[]) c WHERE NOT EXISTS (SELECT 1 FROM subdistricts s WHERE s.code = c)`,
      [codes],
    );
    return rows.map((r) => r.code);
  }
}
