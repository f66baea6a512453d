import type { DutyTarget, DutyTrigger, IncidentGrade } from '@sanfang/shared';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One configured reporting duty (admin-editable). 'grade' duties start when an incident
 * reaches a grade in [minGrade, maxGrade]; 'followup' repeats every dueAfterSeconds while
 * open; 'casualty_change' starts a supplementary report when the figures change.
 */
@Entity('incident_duty_rules')
export class DutyRule {
  @PrimaryColumn({ type: 'varchar', length: 32 })
  code: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'varchar', length: 16 })
  trigger: DutyTrigger;

  @Column({ type: 'varchar', length: 16 })
  target: DutyTarget;

  @Column({ type: 'varchar', length: 8 })
  channel: 'phone' | 'written';

  @Column({ name: 'min_grade', type: 'varchar', length: 24 })
  minGrade: IncidentGrade;

  @Column({ name: 'max_grade', type: 'varchar', length: 24, nullable: true })
  maxGrade: IncidentGrade | null;

  @Column({ name: 'due_after_seconds', type: 'integer' })
  dueAfterSeconds: number;

  @Column({ name: 'escalate_after_seconds', type: 'integer' })
  escalateAfterSeconds: number;

  @Column({ type: 'boolean', default: true })
  active: boolean;
}
