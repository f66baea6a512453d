import type { PersonDuty } from '@sanfang/shared';
import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { Subdistrict } from '../../geo/entities/subdistrict.entity';
import { MemberUnit } from './member-unit.entity';

/** A 三防 responsible person of a member unit, with an optional backup (the second rung). */
@Entity('responsible_persons')
@Check(
  'responsible_persons_duty_check',
  "duty IN ('subdistrict_head', 'unit_head', 'community', 'reservoir', 'river', 'slope', 'liaison')",
)
@Index('ix_persons_unit', ['unitCode'])
@Index('ix_persons_subdistrict', ['subdistrictCode'])
@Index('ix_persons_phone', ['phone'])
export class ResponsiblePerson {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'varchar', length: 32 })
  phone: string;

  @Column({ type: 'varchar', length: 32, nullable: true })
  phone2: string | null;

  @Column({ name: 'unit_code', type: 'varchar', length: 16 })
  unitCode: string;

  @ManyToOne(() => MemberUnit, { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'unit_code', foreignKeyConstraintName: 'responsible_persons_unit_code_fkey' })
  unit?: MemberUnit;

  @Column({ name: 'subdistrict_code', type: 'varchar', length: 12 })
  subdistrictCode: string;

  @ManyToOne(() => Subdistrict, { onDelete: 'NO ACTION' })
  @JoinColumn({
    name: 'subdistrict_code',
    foreignKeyConstraintName: 'responsible_persons_subdistrict_code_fkey',
  })
  subdistrict?: Subdistrict;

  @Column({ type: 'varchar', length: 24 })
  duty: PersonDuty;

  @Column({ name: 'backup_id', type: 'uuid', nullable: true })
  backupId: string | null;

  @ManyToOne(() => ResponsiblePerson, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'backup_id', foreignKeyConstraintName: 'responsible_persons_backup_id_fkey' })
  backup?: ResponsiblePerson | null;

  /** The unit's leader, the third rung of escalation. */
  @Column({ type: 'boolean', default: false })
  leader: boolean;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}
