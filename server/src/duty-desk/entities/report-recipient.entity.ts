import type { DutyTarget } from '@sanfang/shared';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Who an upward report of a target goes to (the city duty rooms, the district leaders). */
@Entity('report_recipients')
export class ReportRecipient {
  @PrimaryColumn({ type: 'varchar', length: 32 })
  code: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'varchar', length: 16 })
  target: DutyTarget;

  @Column({ type: 'text', nullable: true })
  phone: string | null;

  /** Order within a target (as the duty room lists them). */
  @Column({ type: 'integer', default: 0 })
  position: number;

  @Column({ type: 'boolean', default: true })
  active: boolean;
}
