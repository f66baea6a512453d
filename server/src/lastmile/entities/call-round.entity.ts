import type { CallReason, SignalColour } from '@sanfang/shared';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Drill } from './drill.entity';

/** One round of 叫应: for a warning (issued, upgraded, extended) or for a drill, never both. */
@Entity('call_rounds')
@Check('call_rounds_check', '(warning_id IS NULL) <> (drill_id IS NULL)')
@Index('ix_call_rounds_warning', ['warningId'])
export class CallRound {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'warning_id', type: 'uuid', nullable: true })
  warningId: string | null;

  @Column({ name: 'drill_id', type: 'uuid', nullable: true })
  drillId: string | null;

  @ManyToOne(() => Drill, { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'drill_id', foreignKeyConstraintName: 'call_rounds_drill_id_fkey' })
  drillRecord?: Drill | null;

  @Column({ type: 'boolean' })
  drill: boolean;

  @Column({ type: 'varchar', length: 12 })
  reason: CallReason;

  @Column({ type: 'varchar', length: 40, nullable: true })
  hazard: string | null;

  @Column({ type: 'varchar', length: 8, nullable: true })
  colour: SignalColour | null;

  @Column({ type: 'text' })
  headline: string;

  @Column({ type: 'timestamptz', nullable: true })
  expires: Date | null;

  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt: Date;

  @Column({ type: 'smallint', default: 0 })
  step: number;
}
