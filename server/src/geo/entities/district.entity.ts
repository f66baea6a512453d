import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { AreaGeometry } from '@sanfang/shared';

@Entity('districts')
export class District {
  @PrimaryColumn({ type: 'varchar', length: 12 })
  code: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ name: 'name_en', type: 'text' })
  nameEn: string;

  @Column({ type: 'jsonb' })
  geometry: AreaGeometry;

  @Column({ type: 'text', default: '' })
  notes: string;
}
