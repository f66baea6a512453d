import { Check, Column, CreateDateColumn, Entity, OneToMany, UpdateDateColumn } from 'typeorm';
import { Contact } from './contact.entity';
import { PointFeature } from './point-feature';

@Entity('waterlogging_points')
@Check('ck_points_lonlat', 'lon BETWEEN -180 AND 180 AND lat BETWEEN -90 AND 90')
@Check('ck_points_alarm_depth', 'alarm_depth_m > 0')
export class WaterloggingPoint extends PointFeature {
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
