import type { IncidentGrade, IncidentStatus, IncidentType } from '@sanfang/shared';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

/** The current state of an incident; every change also lands in incident_versions. */
@Entity('incidents')
@Index('ix_incidents_type_occurred', ['type', 'occurredAt'])
@Index('ix_incidents_status', ['status'])
@Index('ix_incidents_point', ['pointId'])
@Check(
  'ck_incidents_counts',
  'deaths >= 0 AND serious_injuries >= 0 AND missing >= 0 AND trapped >= 0',
)
@Check('ck_incidents_lonlat', '(lon IS NULL) = (lat IS NULL)')
export class Incident {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 24 })
  type: IncidentType;

  @Column({ type: 'varchar', length: 24 })
  grade: IncidentGrade;

  @Column({ type: 'varchar', length: 16, default: 'reported' })
  status: IncidentStatus;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text', default: '' })
  description: string;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt: Date;

  @Column({ type: 'double precision', nullable: true })
  lon: number | null;

  @Column({ type: 'double precision', nullable: true })
  lat: number | null;

  @Column({ type: 'text', nullable: true })
  address: string | null;

  @Column({ name: 'subdistrict_code', type: 'varchar', length: 12, nullable: true })
  subdistrictCode: string | null;

  @Column({ type: 'integer', default: 0 })
  deaths: number;

  @Column({ name: 'serious_injuries', type: 'integer', default: 0 })
  seriousInjuries: number;

  @Column({ type: 'integer', default: 0 })
  missing: number;

  @Column({ type: 'integer', default: 0 })
  trapped: number;

  @Column({ name: 'direct_loss_cny', type: 'double precision', default: 0 })
  directLossCny: number;

  @Column({ type: 'integer', default: 1 })
  version: number;

  @Column({ name: 'report_count', type: 'integer', default: 1 })
  reportCount: number;

  /** First source: a feed name, 'console' or 'sensor'. */
  @Column({ type: 'varchar', length: 64 })
  source: string;

  /** The waterlogging point whose sensor opened it, if any. */
  @Column({ name: 'point_id', type: 'uuid', nullable: true })
  pointId: string | null;

  @Column({ name: 'sensor_alarm', type: 'boolean', default: false })
  sensorAlarm: boolean;

  /** Who moved it into each status, and when ({status, at, by}[]). */
  @Column({ name: 'status_history', type: 'jsonb', default: () => "'[]'" })
  statusHistory: { status: IncidentStatus; at: string; by: string }[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
