import type { UnitKind } from '@sanfang/shared';
import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Subdistrict } from '../../geo/entities/subdistrict.entity';

/** A 三防 member unit: a subdistrict, a department or an enterprise of the district. */
@Entity('member_units')
@Check('member_units_kind_check', "kind IN ('subdistrict', 'department', 'enterprise')")
export class MemberUnit {
  @PrimaryColumn({ type: 'varchar', length: 16 })
  code: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'varchar', length: 16 })
  kind: UnitKind;

  /** A subdistrict unit's own subdistrict; null for district-wide departments. */
  @Column({ name: 'subdistrict_code', type: 'varchar', length: 12, nullable: true })
  subdistrictCode: string | null;

  @ManyToOne(() => Subdistrict, { onDelete: 'NO ACTION' })
  @JoinColumn({
    name: 'subdistrict_code',
    foreignKeyConstraintName: 'member_units_subdistrict_code_fkey',
  })
  subdistrict?: Subdistrict | null;
}
