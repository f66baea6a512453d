import {
  JoinColumn,
  ManyToOne,
  Check,
  Column,
  CreateDateColumn,
  Entity,
  OneToMany,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { Contact } from './contact.entity';
import { Subdistrict } from './subdistrict.entity';

@Entity('waterlogging_points')
@Check('ck_points_lonlat', 'lon BETWEEN -180 AND 180 AND lat BETWEEN -90 AND 90')
@Check('ck_points_alarm_depth', 'alarm_depth_m > 0')
export class WaterloggingPoint {
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

  @Column({ name: 'alarm_depth_m', type: 'double precision' })
  alarmDepthM: number;

  @Column({ name: 'has_sensor', type: 'boolean', default: false })
  hasSensor: boolean;

  @Column({ name: 'retired_at', type: 'timestamptz', nullable: true })
  retiredAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @OneToMany(() => Contact, (c) => c.point)
  contacts: Contact[];
}
