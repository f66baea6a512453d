import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { HistoryAction, ResponseLevel } from '@sanfang/shared';

/** Every change of a response: who, when, why, old/new. Append-only (trigger). */
@Entity('response_history')
@Index('ix_response_history_response', ['responseId', 'id'])
export class ResponseHistoryRecord {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @Column({ name: 'response_id', type: 'uuid' })
  responseId: string;

  @Column({ type: 'varchar', length: 8 })
  action: HistoryAction;

  @Column({ name: 'previous_level', type: 'varchar', length: 12, nullable: true })
  previousLevel: ResponseLevel | null;

  @Column({ type: 'varchar', length: 12 })
  level: ResponseLevel;

  @Column({ name: 'previous_subdistrict_codes', type: 'text', array: true, nullable: true })
  previousSubdistrictCodes: string[] | null;

  @Column({ name: 'subdistrict_codes', type: 'text', array: true })
  subdistrictCodes: string[];

  @Column({ type: 'text' })
  actor: string;

  @Column({ type: 'text' })
  reason: string;

  @Column({ name: 'warning_id', type: 'text', nullable: true })
  warningId: string | null;

  @Column({ name: 'suggestion_id', type: 'text', nullable: true })
  suggestionId: string | null;

  @Column({ type: 'timestamptz' })
  at: Date;
}
