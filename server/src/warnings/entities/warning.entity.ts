import type { CapStatus, SignalColour, SignalLevel, WarningState } from '@sanfang/shared';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A warning chain: an Alert and every message that updates, cancels or retracts it. Its
 * fields are those of the newest message by `sent` (not by arrival).
 */
@Entity('warnings')
@Index(['state'])
@Index('ix_warnings_expiring', ['expires'], { where: "state = 'active'" })
export class Warning {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'current_message_id', type: 'uuid' })
  currentMessageId: string;

  @Column({ name: 'current_sent', type: 'timestamptz' })
  currentSent: Date;

  @Column({ type: 'text' })
  hazard: string;

  @Column({ type: 'varchar', length: 8, nullable: true })
  colour: SignalColour | null;

  @Column({ type: 'varchar', length: 4, nullable: true })
  level: SignalLevel | null;

  @Column({ type: 'varchar', length: 12 })
  severity: string;

  @Column({ type: 'varchar', length: 10 })
  status: CapStatus;

  /** Stored state; `active` past `expires` reads as expired even before the timer fires. */
  @Column({ type: 'varchar', length: 12 })
  state: WarningState;

  @Column({ type: 'text' })
  headline: string;

  @Column({ name: 'subdistrict_codes', type: 'text', array: true, default: () => `'{}'` })
  subdistrictCodes: string[];

  @Column({ name: 'district_wide', type: 'boolean' })
  districtWide: boolean;

  @Column({ name: 'in_district', type: 'boolean' })
  inDistrict: boolean;

  @Column({ type: 'timestamptz', nullable: true })
  expires: Date | null;

  /** `expires` is the configured default lifetime: the current message set none. */
  @Column({ name: 'expires_assumed', type: 'boolean', default: false })
  expiresAssumed: boolean;

  /** Started by an Update whose earlier messages (the Alert) were never received. */
  @Column({ name: 'missing_earlier', type: 'boolean', default: false })
  missingEarlier: boolean;

  @Column({ name: 'issued_at', type: 'timestamptz' })
  issuedAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  /** When chains were merged by an Update referencing several of them. */
  @Column({ name: 'superseded_by', type: 'uuid', nullable: true })
  supersededBy: string | null;
}
