import type { ResponseHazard, ResponseLevel, SuggestedAction } from '@sanfang/shared';
import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** Every response.suggested raised, for the decision log. */
@Entity('warning_suggestions')
export class ResponseSuggestionRow {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ name: 'warning_id', type: 'uuid' })
  warningId: string;

  @Column({ type: 'varchar', length: 10 })
  hazard: ResponseHazard;

  @Column({ type: 'varchar', length: 10, nullable: true })
  level: ResponseLevel | null;

  @Column({ type: 'varchar', length: 8 })
  action: SuggestedAction;

  @Column({ type: 'text' })
  reason: string;

  @Column({ name: 'auto_apply', type: 'boolean' })
  autoApply: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
