import {
  JoinColumn,
  ManyToOne,
  Check,
  Column,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import type { ShelterStatus } from '@sanfang/shared';
import { Subdistrict } from './subdistrict.entity';

@Entity('shelters')
@Check('ck_shelters_lonlat', 'lon BETWEEN -180 AND 180 AND lat BETWEEN -90 AND 90')
@Check('ck_shelters_counts', 'capacity >= 0 AND occupancy >= 0')
@Check('ck_shelters_status', "status IN ('open', 'closed')")
export class Shelter {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 32, unique: true })
  code: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ name: 'subdistrict_code', type: 'varchar', length: 12 })
  subdistrictCode: string;

  @ManyToOne(() => Subdistrict, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'subdistrict_code' })
  subdistrict?: Subdistrict;

  @Column({ type: 'double precision' })
  lon: number;

  @Column({ type: 'double precision' })
  lat: number;

  @Column({ type: 'text', default: '' })
  address: string;

  @Column({ type: 'integer' })
  capacity: number;

  @Column({ type: 'integer', default: 0 })
  occupancy: number;

  @Column({ type: 'varchar', length: 16, default: 'closed' })
  status: ShelterStatus;

  @Column({ name: 'manager_name', type: 'text', default: '' })
  managerName: string;

  @Column({ name: 'manager_phone', type: 'varchar', length: 32, default: '' })
  managerPhone: string;

  @Column({ name: 'plan_hazards', type: 'text', array: true, default: () => "'{}'" })
  planHazards: string[];

  @Column({ name: 'retired_at', type: 'timestamptz', nullable: true })
  retiredAt: Date | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
