import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { ResponseHazard, ResponseLevel, ResponseStatus } from '@sanfang/shared';

/**
 * An emergency response (应急响应). At most one active per hazard and jurisdiction (the
 * partial unique index holds under concurrency); an ended row is frozen by a trigger.
 */
@Entity('responses')
@Check('ck_responses_status', "status IN ('active', 'ended')")
@Check('ck_responses_hazard', "hazard IN ('flood', 'typhoon', 'drought', 'freeze')")
@Check('ck_responses_level', "level IN ('attention', 'IV', 'III', 'II', 'I')")
@Index('uq_responses_active', ['hazard', 'jurisdiction'], {
  unique: true,
  where: "status = 'active'",
})
export class ResponseRecord {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 16 })
  hazard: ResponseHazard;

  /** The headquarters whose response this is (this console's district). */
  @Column({ type: 'varchar', length: 12 })
  jurisdiction: string;

  @Column({ type: 'varchar', length: 12 })
  level: ResponseLevel;

  @Column({ type: 'varchar', length: 8, default: 'active' })
  status: ResponseStatus;

  /** Sorted; empty = whole district. */
  @Column({ name: 'subdistrict_codes', type: 'text', array: true, default: () => "'{}'" })
  subdistrictCodes: string[];

  @Column({ type: 'boolean', default: false })
  preemptive: boolean;

  @Column({ name: 'warning_id', type: 'text', nullable: true })
  warningId: string | null;

  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt: Date;

  @Column({ name: 'started_by', type: 'text' })
  startedBy: string;

  @Column({ name: 'ended_at', type: 'timestamptz', nullable: true })
  endedAt: Date | null;
}
