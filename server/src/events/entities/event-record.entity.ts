import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * The one event log: outbox, audit trail and replay source. `seq` comes from the locked
 * counter row in the writing transaction, so it is gap-free and commits in seq order.
 */
@Entity('events')
// Reactors look for the next event of their types without scanning the ones between.
@Index('ix_events_type_seq', ['type', 'seq'])
// Replay finds the last event at or before a moment.
@Index('ix_events_occurred_at', ['occurredAt', 'seq'])
export class EventRecord {
  @PrimaryColumn({ type: 'bigint' })
  seq: string;

  @Column({ type: 'varchar', length: 64 })
  type: string;

  @Column({ name: 'occurred_at', type: 'timestamptz', default: () => 'now()' })
  occurredAt: Date;

  @Column({ type: 'text' })
  actor: string;

  /** Visibility: empty = district-wide. */
  @Index('ix_events_subdistricts', { synchronize: false })
  @Column({ name: 'subdistrict_codes', type: 'text', array: true, default: () => "'{}'" })
  subdistrictCodes: string[];

  /** Contacts who may see this event (their own dispatches). */
  @Index('ix_events_contacts', { synchronize: false })
  @Column({ name: 'contact_ids', type: 'uuid', array: true, default: () => "'{}'" })
  contactIds: string[];

  @Column({ type: 'jsonb' })
  payload: unknown;
}
