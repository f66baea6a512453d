import { Injectable } from '@nestjs/common';
import type { ShelterPeriod, ShelterSuggestion, ShelterTotalsRow } from '@sanfang/shared';
import type { EntityManager } from 'typeorm';
import { Shelter } from '../entities/shelter.entity';
import { haversineSql } from '../../geo/distance';

export interface OccupancyChange {
  period: ShelterPeriod;
  /** Absolute headcount, or null when `delta` is given. */
  occupancy: number | null;
  delta: number | null;
  override: boolean;
}

const COLUMN: Record<ShelterPeriod, 'occupancy_day' | 'occupancy_night'> = {
  day: 'occupancy_day',
  night: 'occupancy_night',
};
const OTHER: Record<ShelterPeriod, 'occupancy_day' | 'occupancy_night'> = {
  day: 'occupancy_night',
  night: 'occupancy_day',
};

type ShelterRow = Record<string, unknown>;
const toShelter = (m: EntityManager, row: ShelterRow): Shelter =>
  m.getRepository(Shelter).create({
    id: row.id as string,
    code: row.code as string,
    name: row.name as string,
    subdistrictCode: row.subdistrict_code as string,
    lon: row.lon as number,
    lat: row.lat as number,
    address: row.address as string,
    capacity: row.capacity as number,
    occupancy: row.occupancy as number,
    occupancyDay: row.occupancy_day as number,
    occupancyNight: row.occupancy_night as number,
    alarmLevel: row.alarm_level as Shelter['alarmLevel'],
    managerLinkVersion: row.manager_link_version as number,
    status: row.status as Shelter['status'],
    managerName: row.manager_name as string,
    managerPhone: row.manager_phone as string,
    planHazards: row.plan_hazards as string[],
    retiredAt: row.retired_at as Date | null,
    updatedAt: row.updated_at as Date,
  });

/** Shelter queries; every state change is one conditional statement (no read-modify-write). */
@Injectable()
export class SheltersRepository {
  find(m: EntityManager, id: string): Promise<Shelter | null> {
    return m.getRepository(Shelter).findOne({ where: { id } });
  }

  /** Flips the status only from the other one; null when the shelter was not in `from`. */
  async setStatus(
    m: EntityManager,
    id: string,
    from: Shelter['status'],
    to: Shelter['status'],
  ): Promise<Shelter | null> {
    const rows = await m.query<[ShelterRow[], number]>(
      `UPDATE shelters SET status = $3, updated_at = now()
        WHERE id = $1 AND status = $2 AND retired_at IS NULL
          AND ($3 = 'open' OR occupancy = 0)
        RETURNING *`,
      [id, from, to],
    );
    const row = rows[0][0];
    return row ? toShelter(m, row) : null;
  }

  /**
   * Applies a headcount change in one UPDATE: the row lock serialises parallel requests and
   * the WHERE refuses a result below zero or above capacity (unless overridden).
   */
  async applyOccupancy(m: EntityManager, id: string, c: OccupancyChange): Promise<Shelter | null> {
    const col = COLUMN[c.period];
    const other = OTHER[c.period];
    const next = c.occupancy !== null ? `$2::int` : `(${col} + $2::int)`;
    const rows = await m.query<[ShelterRow[], number]>(
      `UPDATE shelters SET ${col} = ${next}, occupancy = GREATEST(${next}, ${other}),
              updated_at = now()
        WHERE id = $1 AND status = 'open' AND retired_at IS NULL
          AND ${next} >= 0 AND (${next} <= capacity OR $3::boolean)
        RETURNING *`,
      [id, c.occupancy ?? c.delta, c.override],
    );
    const row = rows[0][0];
    return row ? toShelter(m, row) : null;
  }

  async setAlarmLevel(m: EntityManager, id: string, level: Shelter['alarmLevel']): Promise<void> {
    await m.query(`UPDATE shelters SET alarm_level = $2 WHERE id = $1`, [id, level]);
  }

  /** Open shelters with room, nearest first (the shelter itself left out). */
  async nearestWithRoom(
    m: EntityManager,
    from: Shelter,
    limit: number,
  ): Promise<ShelterSuggestion[]> {
    if (limit === 0) return [];
    const rows = await m.query<
      {
        id: string;
        code: string;
        name: string;
        subdistrict_code: string;
        distance_m: number;
        free: number;
      }[]
    >(
      `SELECT id, code, name, subdistrict_code, capacity - occupancy AS free,
              ${haversineSql('$2::float8', '$3::float8', 'lon', 'lat')} AS distance_m
         FROM shelters
        WHERE status = 'open' AND retired_at IS NULL AND id <> $1 AND occupancy < capacity
        ORDER BY distance_m, code
        LIMIT $4`,
      [from.id, from.lon, from.lat, limit],
    );
    return rows.map((r) => ({
      shelterId: r.id,
      code: r.code,
      name: r.name,
      subdistrictCode: r.subdistrict_code,
      distanceM: Math.round(r.distance_m),
      free: r.free,
    }));
  }

  async bumpLinkVersion(m: EntityManager, id: string): Promise<Shelter | null> {
    const rows = await m.query<[ShelterRow[], number]>(
      `UPDATE shelters SET manager_link_version = manager_link_version + 1
        WHERE id = $1 AND retired_at IS NULL RETURNING *`,
      [id],
    );
    const row = rows[0][0];
    return row ? toShelter(m, row) : null;
  }

  async totals(
    m: EntityManager,
  ): Promise<(ShelterTotalsRow & { subdistrictCode: string; name: string })[]> {
    const rows = await m.query<
      {
        code: string;
        name: string;
        shelters: number;
        open_shelters: number;
        capacity: number;
        sheltered: number;
        sheltered_day: number;
        sheltered_night: number;
      }[]
    >(
      `SELECT sd.code, sd.name,
              count(s.id)::int AS shelters,
              count(s.id) FILTER (WHERE s.status = 'open')::int AS open_shelters,
              coalesce(sum(s.capacity) FILTER (WHERE s.status = 'open'), 0)::int AS capacity,
              coalesce(sum(s.occupancy), 0)::int AS sheltered,
              coalesce(sum(s.occupancy_day), 0)::int AS sheltered_day,
              coalesce(sum(s.occupancy_night), 0)::int AS sheltered_night
         FROM subdistricts sd
         LEFT JOIN shelters s ON s.subdistrict_code = sd.code AND s.retired_at IS NULL
        GROUP BY sd.code, sd.name
        ORDER BY sd.code`,
    );
    return rows.map((r) => ({
      subdistrictCode: r.code,
      name: r.name,
      shelters: r.shelters,
      openShelters: r.open_shelters,
      capacity: r.capacity,
      sheltered: r.sheltered,
      shelteredDay: r.sheltered_day,
      shelteredNight: r.sheltered_night,
    }));
  }
}
