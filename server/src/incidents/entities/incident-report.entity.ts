import type { IncidentType } from '@sanfang/shared';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Incident } from './incident.entity';

/** Every source report as received; several may belong to one incident (storm mode). */
@Entity('incident_reports')
@Index('ux_incident_reports_source', ['source', 'externalId'], { unique: true })
@Index('ix_incident_reports_incident', ['incidentId'])
export class IncidentReport {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'incident_id', type: 'uuid' })
  incidentId: string;

  @ManyToOne(() => Incident, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'incident_id' })
  incident?: Incident;

  @Column({ type: 'varchar', length: 64 })
  source: string;

  @Column({ name: 'external_id', type: 'varchar', length: 128 })
  externalId: string;

  @Column({ name: 'received_at', type: 'timestamptz', default: () => 'now()' })
  receivedAt: Date;

  @Column({ type: 'varchar', length: 24 })
  type: IncidentType;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt: Date;

  @Column({ type: 'text', default: '' })
  description: string;

  /** The report as received (validated), kept for the record. */
  @Column({ type: 'jsonb' })
  body: unknown;
}
