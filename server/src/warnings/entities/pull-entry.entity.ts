import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** One index entry seen by a pull feed: fetched once, ingested or quarantined with a reason. */
@Entity('cap_pull_entries')
@Index(['feedId', 'url'], { unique: true })
export class PullEntry {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'feed_id', type: 'uuid' })
  feedId: string;

  @Column({ name: 'entry_id', type: 'text' })
  entryId: string;

  @Column({ type: 'text' })
  url: string;

  @Column({ type: 'varchar', length: 12 })
  status: 'ingested' | 'duplicate' | 'quarantined';

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Column({ name: 'message_id', type: 'uuid', nullable: true })
  messageId: string | null;

  @CreateDateColumn({ name: 'fetched_at', type: 'timestamptz' })
  fetchedAt: Date;
}
