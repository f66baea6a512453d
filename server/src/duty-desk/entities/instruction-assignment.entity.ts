import type { AssignmentStatus, InstructionUnitKind } from '@sanfang/shared';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** One unit's part of an instruction: its feedback deadline and its answer, kept as given. */
@Entity('instruction_assignments')
@Index('ix_instruction_assignments_instruction', ['instructionId'])
export class InstructionAssignment {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'instruction_id', type: 'uuid' })
  instructionId: string;

  @Column({ name: 'unit_name', type: 'text' })
  unitName: string;

  @Column({ name: 'unit_kind', type: 'varchar', length: 16 })
  unitKind: InstructionUnitKind;

  @Column({ name: 'unit_phone', type: 'text' })
  unitPhone: string;

  @Column({ type: 'timestamptz' })
  deadline: Date;

  @Column({ type: 'varchar', length: 16, default: 'pending' })
  status: AssignmentStatus;

  @Column({ name: 'answer_text', type: 'text', nullable: true })
  answerText: string | null;

  @Column({ name: 'answered_by', type: 'text', nullable: true })
  answeredBy: string | null;

  @Column({ name: 'answered_via', type: 'varchar', length: 8, nullable: true })
  answeredVia: 'link' | 'phone' | null;

  @Column({ name: 'answered_at', type: 'timestamptz', nullable: true })
  answeredAt: Date | null;

  /** The console user who recorded a phoned answer. */
  @Column({ name: 'recorded_by', type: 'text', nullable: true })
  recordedBy: string | null;

  @Column({ name: 'overdue_at', type: 'timestamptz', nullable: true })
  overdueAt: Date | null;

  @Column({ name: 'escalated_to', type: 'text', array: true, default: () => "'{}'" })
  escalatedTo: string[];
}
