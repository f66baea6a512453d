import { Check, Column, Entity, PrimaryColumn } from 'typeorm';

/** A reachability drill (连通性测试): one call round marked as a drill. */
@Entity('drills')
@Check('drills_scope_check', "scope IN ('district', 'subdistrict', 'unit')")
export class Drill {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'varchar', length: 12 })
  scope: 'district' | 'subdistrict' | 'unit';

  /** The subdistrict or unit drilled; null for the whole district. */
  @Column({ type: 'varchar', length: 16, nullable: true })
  code: string | null;

  @Column({ type: 'text', default: '' })
  note: string;

  @Column({ name: 'started_by', type: 'text' })
  startedBy: string;

  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt: Date;
}
