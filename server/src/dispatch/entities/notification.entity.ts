import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { NotificationKind, NotificationStatus, NotifyChannelName } from '@sanfang/shared';

/**
 * The outbox: every outbound message, recorded in the state transaction and delivered after
 * commit. Its id is the idempotency key the channel sees, so a retry never doubles a message.
 */
@Entity('notifications')
@Check('ck_notifications_status', "status IN ('pending', 'sending', 'delivered')")
@Index('ix_notifications_batch', ['batchId', 'status'])
@Index('ix_notifications_created', ['createdAt'])
@Index('ix_notifications_dispatch', ['dispatchId'])
export class NotificationRecord {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'batch_id', type: 'uuid' })
  batchId: string;

  @Column({ name: 'dispatch_id', type: 'uuid', nullable: true })
  dispatchId: string | null;

  @Column({ type: 'varchar', length: 16 })
  kind: NotificationKind;

  @Column({ type: 'varchar', length: 16 })
  channel: NotifyChannelName;

  @Column({ type: 'text' })
  recipient: string;

  @Column({ type: 'text' })
  address: string;

  @Column({ type: 'text' })
  text: string;

  @Column({ type: 'varchar', length: 12, default: 'pending' })
  status: NotificationStatus;

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @Column({ name: 'lease_until', type: 'timestamptz', nullable: true })
  leaseUntil: Date | null;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'delivered_at', type: 'timestamptz', nullable: true })
  deliveredAt: Date | null;
}
