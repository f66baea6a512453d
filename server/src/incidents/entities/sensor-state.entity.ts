import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The last reading and alarm state of one waterlogging point's depth sensor. */
@Entity('sensor_states')
export class SensorState {
  @PrimaryColumn({ name: 'point_id', type: 'uuid' })
  pointId: string;

  @Column({ name: 'depth_m', type: 'double precision' })
  depthM: number;

  @Column({ name: 'measured_at', type: 'timestamptz' })
  measuredAt: Date;

  @Column({ type: 'boolean', default: false })
  alarm: boolean;

  @Column({ name: 'incident_id', type: 'uuid', nullable: true })
  incidentId: string | null;
}
