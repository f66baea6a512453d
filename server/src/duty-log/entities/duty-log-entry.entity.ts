import type { DutyLogKind } from '@sanfang/shared';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

/**
 * 值班日志: append-only (a trigger refuses UPDATE, DELETE and TRUNCATE). Event lines are
 * copied in by a reactor; officers add entries, corrections (naming the old entry) and
 * handover notes.
 */
@Entity('duty_log')
@Index('ix_duty_log_at', ['at'])
@Index('ux_duty_log_event', ['eventSeq'], { unique: true })
export class DutyLogEntry {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'timestamptz' })
  at: Date;

  @Column({ type: 'varchar', length: 16 })
  kind: DutyLogKind;

  @Column({ type: 'text' })
  author: string;

  @Column({ type: 'text' })
  text: string;

  @Column({ name: 'event_seq', type: 'bigint', nullable: true })
  eventSeq: string | null;

  @Column({ name: 'corrects_id', type: 'bigint', nullable: true })
  correctsId: string | null;

  @ManyToOne(() => DutyLogEntry, { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'corrects_id', foreignKeyConstraintName: 'fk_duty_log_corrects' })
  corrects?: DutyLogEntry;

  @Column({ name: 'subdistrict_codes', type: 'text', array: true, default: () => "'{}'" })
  subdistrictCodes: string[];

  /** Structured extras (handover: toOfficer, openItems). */
  @Column({ type: 'jsonb', nullable: true })
  extra: unknown;
}
