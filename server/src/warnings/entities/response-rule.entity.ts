import type { ResponseHazard, ResponseLevel, SignalColour } from '@sanfang/shared';
import { Column, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** Warning hazard + colour → the response to suggest (configuration per jurisdiction). */
@Entity('response_rules')
@Index(['hazard', 'colour'], { unique: true })
export class ResponseRule {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  hazard: string;

  @Column({ type: 'varchar', length: 8 })
  colour: SignalColour;

  @Column({ name: 'response_hazard', type: 'varchar', length: 10 })
  responseHazard: ResponseHazard;

  @Column({ type: 'varchar', length: 10 })
  level: ResponseLevel;

  /** Off by default: nothing activates by itself unless an admin turns this on. */
  @Column({ name: 'auto_apply', type: 'boolean', default: false })
  autoApply: boolean;

  @Column({ type: 'text', default: '' })
  note: string;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
