import type { CallStatus } from '@sanfang/shared';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { CallRound } from './call-round.entity';
import { ResponsiblePerson } from './responsible-person.entity';

/**
 * One 叫应 call of one person (or point contact) in one round. The short code is looked up
 * among open calls (closed_at null) when an SMS reply "<code> 1" comes in.
 */
@Entity('calls')
@Check('calls_status_check', "status IN ('called', 'answered', 'escalated', 'stood_down')")
@Index('ix_calls_round', ['roundId', 'closedAt'])
@Index('ix_calls_drill', ['drillId'], { where: 'drill_id IS NOT NULL' })
@Index('ix_calls_code', ['code'], { where: 'closed_at IS NULL' })
@Index('ix_calls_person', ['personId'])
@Index('uq_calls_phone_code', ['phone', 'code'], { unique: true, where: 'closed_at IS NULL' })
export class Call {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'round_id', type: 'uuid' })
  roundId: string;

  @ManyToOne(() => CallRound, { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'round_id', foreignKeyConstraintName: 'calls_round_id_fkey' })
  round?: CallRound;

  @Column({ name: 'warning_id', type: 'uuid', nullable: true })
  warningId: string | null;

  @Column({ name: 'drill_id', type: 'uuid', nullable: true })
  drillId: string | null;

  @Column({ type: 'boolean' })
  drill: boolean;

  @Column({ name: 'person_id', type: 'uuid', nullable: true })
  personId: string | null;

  @ManyToOne(() => ResponsiblePerson, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'person_id', foreignKeyConstraintName: 'calls_person_id_fkey' })
  person?: ResponsiblePerson | null;

  /** A waterlogging point's contact, when the 叫应 table calls point contacts. */
  @Column({ name: 'contact_id', type: 'uuid', nullable: true })
  contactId: string | null;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'varchar', length: 32 })
  phone: string;

  @Column({ name: 'unit_code', type: 'varchar', length: 16, nullable: true })
  unitCode: string | null;

  @Column({ name: 'subdistrict_code', type: 'varchar', length: 12, nullable: true })
  subdistrictCode: string | null;

  @Column({ type: 'varchar', length: 32 })
  duty: string;

  @Column({ type: 'varchar', length: 8 })
  code: string;

  @Column({ name: 'called_at', type: 'timestamptz' })
  calledAt: Date;

  @Column({ type: 'timestamptz' })
  deadline: Date;

  @Column({ name: 'answered_at', type: 'timestamptz', nullable: true })
  answeredAt: Date | null;

  @Column({ name: 'answered_late', type: 'boolean', nullable: true })
  answeredLate: boolean | null;

  @Column({ name: 'answered_by', type: 'text', nullable: true })
  answeredBy: string | null;

  @Column({ type: 'smallint', default: 0 })
  step: number;

  /** Every phone the call and its escalations went to. */
  @Column({ name: 'notified_phones', type: 'text', array: true })
  notifiedPhones: string[];

  @Column({ type: 'varchar', length: 12 })
  status: CallStatus;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt: Date | null;
}
