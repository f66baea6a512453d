import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type {
  NotificationDeliveryState,
  NotificationKind,
  NotificationStatus,
  NotifyChannelName,
} from '@sanfang/shared';

/**
 * The outbox: every outbound message, recorded in the state transaction and delivered after
 * commit. Its id is the idempotency key the channel sees, so a retry never doubles a message.
 */
@Entity('notifications')
@Check('ck_notifications_status', "status IN ('pending', 'sending', 'delivered')")
@Index('ix_notifications_batch', ['batchId', 'status'])
@Index('ix_notifications_created', ['createdAt'])
@Index('ix_notifications_dispatch', ['dispatchId'], { where: 'dispatch_id IS NOT NULL' })
@Index('ix_notifications_call', ['callId'], { where: 'call_id IS NOT NULL' })
@Check(
  'ck_notifications_delivery_state',
  "delivery_state IN ('queued', 'submitting', 'submitted', 'delivered', 'failed', 'expired')",
)
@Index('uq_notifications_fallback_of', ['fallbackOf'], {
  unique: true,
  where: 'fallback_of IS NOT NULL',
})
@Index('ix_notifications_unsent', ['priority', 'createdAt'], { where: "status <> 'delivered'" })
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

  /** Higher goes first under the gateway's rate. */
  @Column({ type: 'smallint', default: 0 })
  priority: number;

  /** The recipient's role or duty (voice fallback is configured per duty). */
  @Column({ type: 'varchar', length: 40, nullable: true })
  duty: string | null;

  @Column({ name: 'delivery_state', type: 'varchar', length: 12, default: 'queued' })
  deliveryState: NotificationDeliveryState;

  /** The gateway's message id of each segment (GIN-indexed for receipts). */
  @Index('ix_notifications_gateway_ids', { synchronize: false })
  @Column({ name: 'gateway_ids', type: 'text', array: true, nullable: true })
  gatewayIds: string[] | null;

  @Column({ name: 'receipted_ids', type: 'text', array: true, nullable: true })
  receiptedIds: string[] | null;

  @Column({ name: 'delivery_error', type: 'text', nullable: true })
  deliveryError: string | null;

  @Column({ name: 'submitted_at', type: 'timestamptz', nullable: true })
  submittedAt: Date | null;

  @Column({ name: 'receipt_at', type: 'timestamptz', nullable: true })
  receiptAt: Date | null;

  /**
   * A 叫应 call's message (call, call escalation, call stand-down): the call. `dispatch_id` is
   * then null; the two never hold the same kind of id.
   */
  @Column({ name: 'call_id', type: 'uuid', nullable: true })
  callId: string | null;

  // By name: the lastmile feature (a higher floor) owns the calls table.
  @ManyToOne('Call', { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'call_id', foreignKeyConstraintName: 'notifications_call_id_fkey' })
  call?: unknown;

  /** A voice message sent because this SMS failed or went unanswered. */
  @Column({ name: 'fallback_of', type: 'uuid', nullable: true })
  fallbackOf: string | null;
}
