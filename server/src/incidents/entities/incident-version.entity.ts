import type { IncidentDto } from '@sanfang/shared';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Append-only history: one row per version of an incident (a trigger refuses UPDATE/DELETE). */
@Entity('incident_versions')
export class IncidentVersion {
  @PrimaryColumn({ name: 'incident_id', type: 'uuid' })
  incidentId: string;

  @PrimaryColumn({ type: 'integer' })
  version: number;

  @Column({ name: 'changed_at', type: 'timestamptz' })
  changedAt: Date;

  @Column({ name: 'changed_by', type: 'text' })
  changedBy: string;

  @Column({ type: 'text' })
  reason: string;

  @Column({ type: 'jsonb' })
  snapshot: IncidentDto;
}
