import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A raised coverage-gap alarm: a subdistrict under an active response with no standby team. */
@Entity('resource_coverage_gaps')
export class CoverageGap {
  @PrimaryColumn({ name: 'subdistrict_code', type: 'varchar', length: 12 })
  subdistrictCode: string;

  @Column({ name: 'response_ids', type: 'text', array: true, default: () => "'{}'" })
  responseIds: string[];

  @Column({ name: 'raised_at', type: 'timestamptz' })
  raisedAt: Date;
}
