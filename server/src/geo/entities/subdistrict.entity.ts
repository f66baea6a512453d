import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { AreaGeometry } from '@sanfang/shared';

@Entity('subdistricts')
export class Subdistrict {
  @PrimaryColumn({ type: 'varchar', length: 12 })
  code: string;

  @Column({ name: 'district_code', type: 'varchar', length: 12 })
  districtCode: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ name: 'name_en', type: 'text' })
  nameEn: string;

  @Column({ name: 'centre_lon', type: 'double precision' })
  centreLon: number;

  @Column({ name: 'centre_lat', type: 'double precision' })
  centreLat: number;

  @Column({ type: 'jsonb' })
  geometry: AreaGeometry;

  /** True until a user imports official boundaries. */
  @Column({ type: 'boolean', default: true })
  approximate: boolean;
}
