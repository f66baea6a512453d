import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A rebuildable cache: the console state folded from the event log up to `seq`, for one viewer
 * scope ('district' or 'sd:<code>'). Deleting rows loses nothing; the repository reads and writes
 * them with plain SQL (the state is large JSON, never loaded as an entity graph).
 */
@Entity('replay_checkpoints')
export class ReplayCheckpoint {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'PK_replay_checkpoints' })
  scope: string;

  @PrimaryColumn({ type: 'bigint', primaryKeyConstraintName: 'PK_replay_checkpoints' })
  seq: string;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt: Date;

  @Column({ type: 'jsonb' })
  state: unknown;

  @Column({ name: 'built_at', type: 'timestamptz', default: () => 'now()' })
  builtAt: Date;
}
