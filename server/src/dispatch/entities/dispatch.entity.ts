import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { ContactRole, DispatchStatus } from '@sanfang/shared';

/**
 * One call-out of one contact for one point under one response. At most one live dispatch
 * per (response, contact); a short code is unique per phone among live dispatches, so an
 * SMS reply "<code> A" names exactly one.
 */
@Entity('dispatches')
@Check(
  'ck_dispatches_status',
  "status IN ('notified', 'acknowledged', 'on_site', 'escalated', 'stood_down')",
)
@Index('uq_dispatches_live', ['responseId', 'contactId'], {
  unique: true,
  where: "status <> 'stood_down'",
})
@Index('uq_dispatches_phone_code', ['phone', 'code'], {
  unique: true,
  where: 'closed_at IS NULL',
})
@Index('ix_dispatches_response', ['responseId', 'status'])
@Index('ix_dispatches_contact', ['contactId'])
export class DispatchRecord {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'response_id', type: 'uuid' })
  responseId: string;

  @Column({ name: 'point_id', type: 'uuid' })
  pointId: string;

  @Column({ name: 'contact_id', type: 'uuid' })
  contactId: string;

  @Column({ name: 'subdistrict_code', type: 'varchar', length: 12 })
  subdistrictCode: string;

  @Column({ type: 'varchar', length: 32 })
  role: ContactRole;

  /** The phone the call-out went to (SMS replies are matched on it). */
  @Column({ type: 'varchar', length: 32 })
  phone: string;

  @Column({ type: 'varchar', length: 8 })
  code: string;

  @Column({ type: 'varchar', length: 16 })
  status: DispatchStatus;

  @Column({ name: 'notified_at', type: 'timestamptz' })
  notifiedAt: Date;

  @Column({ name: 'ack_deadline', type: 'timestamptz' })
  ackDeadline: Date;

  @Column({ name: 'arrive_deadline', type: 'timestamptz', nullable: true })
  arriveDeadline: Date | null;

  @Column({ name: 'acknowledged_at', type: 'timestamptz', nullable: true })
  acknowledgedAt: Date | null;

  @Column({ name: 'ack_late', type: 'boolean', nullable: true })
  ackLate: boolean | null;

  @Column({ name: 'arrived_at', type: 'timestamptz', nullable: true })
  arrivedAt: Date | null;

  @Column({ name: 'arrive_late', type: 'boolean', nullable: true })
  arriveLate: boolean | null;

  @Column({ name: 'arrival_lon', type: 'double precision', nullable: true })
  arrivalLon: number | null;

  @Column({ name: 'arrival_lat', type: 'double precision', nullable: true })
  arrivalLat: number | null;

  @Column({ name: 'arrival_distance_m', type: 'double precision', nullable: true })
  arrivalDistanceM: number | null;

  @Column({ name: 'arrival_far', type: 'boolean', nullable: true })
  arrivalFar: boolean | null;

  @Column({ name: 'depth_m', type: 'double precision', nullable: true })
  depthM: number | null;

  @Column({ name: 'ack_step', type: 'smallint', default: 0 })
  ackStep: number;

  @Column({ name: 'arrive_step', type: 'smallint', default: 0 })
  arriveStep: number;

  /** Set when on site or stood down: the ack link stops changing anything. */
  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt: Date | null;
}
