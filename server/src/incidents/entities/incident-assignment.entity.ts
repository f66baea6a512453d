import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A rescue team assigned to an incident (one click in the console). */
@Entity('incident_assignments')
@Index('ix_incident_assignments_incident', ['incidentId'])
export class IncidentAssignment {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'incident_id', type: 'uuid' })
  incidentId: string;

  @Column({ name: 'team_id', type: 'uuid' })
  teamId: string;

  @Column({ name: 'assigned_at', type: 'timestamptz' })
  assignedAt: Date;

  @Column({ name: 'assigned_by', type: 'text' })
  assignedBy: string;

  @Column({ name: 'distance_m', type: 'double precision', nullable: true })
  distanceM: number | null;
}
