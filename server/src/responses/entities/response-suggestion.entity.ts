import { Column, Entity, PrimaryColumn } from 'typeorm';
import type {
  ResponseHazard,
  ResponseLevel,
  SuggestedAction,
  SuggestionBasis,
  SuggestionStatus,
} from '@sanfang/shared';

/** A response.suggested from the warnings feature, waiting for (or past) a decision. */
@Entity('response_suggestions')
export class ResponseSuggestionRecord {
  @PrimaryColumn({ type: 'text' })
  id: string;

  @Column({ name: 'warning_id', type: 'text' })
  warningId: string;

  @Column({ type: 'varchar', length: 16 })
  hazard: ResponseHazard;

  @Column({ type: 'varchar', length: 12, nullable: true })
  level: ResponseLevel | null;

  @Column({ type: 'varchar', length: 8 })
  action: SuggestedAction;

  @Column({ name: 'subdistrict_codes', type: 'text', array: true })
  subdistrictCodes: string[];

  @Column({ type: 'text' })
  reason: string;

  /** Why it was suggested (jsonb); null on rows recorded before it was kept. */
  @Column({ type: 'jsonb', nullable: true })
  basis: SuggestionBasis | null;

  @Column({ name: 'auto_apply', type: 'boolean' })
  autoApply: boolean;

  @Column({ type: 'varchar', length: 12, default: 'pending' })
  status: SuggestionStatus;

  @Column({ name: 'response_id', type: 'uuid', nullable: true })
  responseId: string | null;

  @Column({ name: 'decided_by', type: 'text', nullable: true })
  decidedBy: string | null;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ name: 'received_at', type: 'timestamptz' })
  receivedAt: Date;
}
