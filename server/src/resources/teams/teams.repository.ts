import { Injectable } from '@nestjs/common';
import type { TeamStatus } from '@sanfang/shared';
import type { EntityManager } from 'typeorm';
import { RescueTeam } from '../entities/rescue-team.entity';

export interface StoredFix {
  teamId: string;
  subdistrictCode: string;
  lon: number;
  lat: number;
  at: Date;
}

@Injectable()
export class TeamsRepository {
  find(m: EntityManager, id: string): Promise<RescueTeam | null> {
    return m.getRepository(RescueTeam).findOne({ where: { id } });
  }

  /**
   * Moves a team to `to` only from a status that allows it (and, if given, only from
   * `expected`): the same kind of conditional update the incidents feature uses to assign.
   */
  async transition(
    m: EntityManager,
    id: string,
    allowedFrom: readonly TeamStatus[],
    to: TeamStatus,
    expected: TeamStatus | null,
  ): Promise<{ previous: TeamStatus; subdistrictCode: string } | null> {
    const rows = await m.query<[{ previous: TeamStatus; subdistrict_code: string }[], number]>(
      `UPDATE rescue_teams t SET status = $3, updated_at = now()
         FROM (SELECT id, status FROM rescue_teams WHERE id = $1 FOR UPDATE) p
        WHERE t.id = p.id AND t.retired_at IS NULL AND t.status = ANY ($2::text[])
          AND ($4::text IS NULL OR t.status = $4)
        RETURNING p.status AS previous, t.subdistrict_code`,
      [id, allowedFrom, to, expected],
    );
    const row = rows[0][0];
    return row ? { previous: row.previous, subdistrictCode: row.subdistrict_code } : null;
  }

  /**
   * Stores fixes newer than each team's last one (a late, older fix never moves a team back).
   * Returns the fixes that were stored.
   */
  async storeFixes(
    m: EntityManager,
    fixes: { teamId: string; lon: number; lat: number; at: Date }[],
  ): Promise<StoredFix[]> {
    if (fixes.length === 0) return [];
    const rows = await m.query<
      [
        {
          id: string;
          subdistrict_code: string;
          pos_lon: number;
          pos_lat: number;
          last_seen_at: Date;
        }[],
        number,
      ]
    >(
      `UPDATE rescue_teams t SET pos_lon = f.lon, pos_lat = f.lat, last_seen_at = f.at
         FROM (SELECT DISTINCT ON (id) id, lon, lat, at
                 FROM unnest($1::uuid[], $2::float8[], $3::float8[], $4::timestamptz[]) AS x(id, lon, lat, at)
                ORDER BY id, at DESC) f
        WHERE t.id = f.id AND t.retired_at IS NULL
          AND (t.last_seen_at IS NULL OR t.last_seen_at < f.at)
        RETURNING t.id, t.subdistrict_code, t.pos_lon, t.pos_lat, t.last_seen_at`,
      [
        fixes.map((f) => f.teamId),
        fixes.map((f) => f.lon),
        fixes.map((f) => f.lat),
        fixes.map((f) => f.at.toISOString()),
      ],
    );
    return rows[0].map((r) => ({
      teamId: r.id,
      subdistrictCode: r.subdistrict_code,
      lon: r.pos_lon,
      lat: r.pos_lat,
      at: r.last_seen_at,
    }));
  }

  async idsByCode(m: EntityManager, codes: string[]): Promise<Map<string, string>> {
    const rows = await m.query<{ id: string; code: string }[]>(
      `SELECT id, code FROM rescue_teams WHERE code = ANY ($1::text[]) AND retired_at IS NULL`,
      [codes],
    );
    return new Map(rows.map((r) => [r.code, r.id]));
  }

  /** Marks each fix stale once; returns those newly marked (a newer fix wins). */
  async markStale(
    m: EntityManager,
    fixes: { teamId: string; at: string }[],
  ): Promise<{ teamId: string; subdistrictCode: string; lastSeenAt: Date }[]> {
    if (fixes.length === 0) return [];
    const rows = await m.query<
      [{ id: string; subdistrict_code: string; last_seen_at: Date }[], number]
    >(
      `UPDATE rescue_teams t SET stale_announced_for = t.last_seen_at
         FROM unnest($1::uuid[], $2::timestamptz[]) AS f(id, at)
        WHERE t.id = f.id AND t.last_seen_at = f.at AND t.retired_at IS NULL
          AND t.stale_announced_for IS DISTINCT FROM t.last_seen_at
        RETURNING t.id, t.subdistrict_code, t.last_seen_at`,
      [fixes.map((f) => f.teamId), fixes.map((f) => f.at)],
    );
    return rows[0].map((r) => ({
      teamId: r.id,
      subdistrictCode: r.subdistrict_code,
      lastSeenAt: r.last_seen_at,
    }));
  }
}
