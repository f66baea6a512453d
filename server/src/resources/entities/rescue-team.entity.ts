import { Check, Column, Entity, UpdateDateColumn } from 'typeorm';
import type { TeamKind, TeamStatus } from '@sanfang/shared';
import { PointFeature } from '../../geo/entities/point-feature';

@Entity('rescue_teams')
@Check('ck_teams_lonlat', 'lon BETWEEN -180 AND 180 AND lat BETWEEN -90 AND 90')
@Check('ck_teams_members', 'members > 0')
@Check(
  'ck_teams_status',
  "status IN ('standby', 'assigned', 'en_route', 'on_scene', 'returning', 'off_duty')",
)
@Check('ck_teams_kind', "kind IN ('professional', 'comprehensive', 'social', 'militia')")
export class RescueTeam extends PointFeature {
  @Column({ type: 'varchar', length: 16 })
  kind: TeamKind;

  @Column({ type: 'integer' })
  members: number;

  /** Last live fix (WGS84) and when it was taken; null until a first fix arrives. */
  @Column({ name: 'pos_lon', type: 'double precision', nullable: true })
  posLon: number | null;

  @Column({ name: 'pos_lat', type: 'double precision', nullable: true })
  posLat: number | null;

  @Column({ name: 'last_seen_at', type: 'timestamptz', nullable: true })
  lastSeenAt: Date | null;

  /** The fix time a stale alarm was announced for (once per fix). */
  @Column({ name: 'stale_announced_for', type: 'timestamptz', nullable: true })
  staleAnnouncedFor: Date | null;

  @Column({ type: 'varchar', length: 16, default: 'standby' })
  status: TeamStatus;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  equipment: string[];

  @Column({ name: 'leader_name', type: 'text', default: '' })
  leaderName: string;

  @Column({ name: 'leader_phone', type: 'varchar', length: 32, default: '' })
  leaderPhone: string;

  @Column({ name: 'retired_at', type: 'timestamptz', nullable: true })
  retiredAt: Date | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
