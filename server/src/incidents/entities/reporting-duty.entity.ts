import type { DutyStatus, DutyTarget, IncidentGrade } from '@sanfang/shared';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A reporting duty of one incident with its due time; never deleted. */
@Entity('reporting_duties')
@Index('ux_reporting_duties_step', ['incidentId', 'ruleCode', 'grade', 'seqNo'], { unique: true })
@Index('ix_reporting_duties_due', ['dueAt'])
export class ReportingDuty {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'incident_id', type: 'uuid' })
  incidentId: string;

  @Column({ name: 'rule_code', type: 'varchar', length: 32 })
  ruleCode: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'varchar', length: 16 })
  target: DutyTarget;

  /** The grade whose duties this belongs to. */
  @Column({ type: 'varchar', length: 24 })
  grade: IncidentGrade;

  /** 0 for grade duties; follow-up number; incident version for supplementary reports. */
  @Column({ name: 'seq_no', type: 'integer', default: 0 })
  seqNo: number;

  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt: Date;

  @Column({ name: 'due_at', type: 'timestamptz' })
  dueAt: Date;

  @Column({ name: 'escalate_after_seconds', type: 'integer' })
  escalateAfterSeconds: number;

  @Column({ type: 'varchar', length: 16, default: 'pending' })
  status: DutyStatus;

  @Column({ name: 'done_at', type: 'timestamptz', nullable: true })
  doneAt: Date | null;

  @Column({ name: 'done_by', type: 'text', nullable: true })
  doneBy: string | null;

  @Column({ type: 'text', default: '' })
  note: string;

  @Column({ name: 'on_time', type: 'boolean', nullable: true })
  onTime: boolean | null;

  @Column({ name: 'overdue_at', type: 'timestamptz', nullable: true })
  overdueAt: Date | null;

  @Column({ name: 'escalated_at', type: 'timestamptz', nullable: true })
  escalatedAt: Date | null;
}
