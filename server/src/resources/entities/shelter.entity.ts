import { Check, Column, Entity, UpdateDateColumn } from 'typeorm';
import type { ShelterStatus } from '@sanfang/shared';
import { PointFeature } from '../../geo/entities/point-feature';

@Entity('shelters')
@Check('ck_shelters_lonlat', 'lon BETWEEN -180 AND 180 AND lat BETWEEN -90 AND 90')
@Check('ck_shelters_counts', 'capacity >= 0 AND occupancy >= 0')
@Check('ck_shelters_period_counts', 'occupancy_day >= 0 AND occupancy_night >= 0')
@Check('ck_shelters_alarm', "alarm_level IN ('none', 'near_full', 'full')")
@Check('ck_shelters_status', "status IN ('open', 'closed')")
export class Shelter extends PointFeature {
  @Column({ type: 'text', default: '' })
  address: string;

  @Column({ type: 'integer' })
  capacity: number;

  @Column({ type: 'integer', default: 0 })
  occupancy: number;

  /** Day and night headcounts (日间/夜间); `occupancy` is the larger, the people sheltered. */
  @Column({ name: 'occupancy_day', type: 'integer', default: 0 })
  occupancyDay: number;

  @Column({ name: 'occupancy_night', type: 'integer', default: 0 })
  occupancyNight: number;

  /** The raised near-full/full alarm, so each crossing is announced once. */
  @Column({ name: 'alarm_level', type: 'varchar', length: 16, default: 'none' })
  alarmLevel: 'none' | 'near_full' | 'full';

  /** Bumped when a new manager link is issued: older links stop working. */
  @Column({ name: 'manager_link_version', type: 'integer', default: 0 })
  managerLinkVersion: number;

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
