import type { DutyTarget, UpwardKind } from '@sanfang/shared';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** An upward report as sent: to whom, how, when, by whom, and the text of that moment. */
@Entity('upward_reports')
@Index('ux_upward_reports_duty', ['dutyId'], { unique: true })
@Index('ix_upward_reports_incident', ['incidentId'])
export class UpwardReport {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'incident_id', type: 'uuid' })
  incidentId: string;

  @Column({ name: 'duty_id', type: 'uuid' })
  dutyId: string;

  @Column({ type: 'varchar', length: 16 })
  kind: UpwardKind;

  @Column({ type: 'varchar', length: 16 })
  target: DutyTarget;

  @Column({ type: 'text', array: true })
  recipients: string[];

  @Column({ type: 'varchar', length: 16 })
  channel: string;

  @Column({ name: 'sent_at', type: 'timestamptz' })
  sentAt: Date;

  @Column({ name: 'sent_by', type: 'text' })
  sentBy: string;

  @Column({ type: 'boolean' })
  late: boolean;

  @Column({ type: 'text' })
  text: string;
}
