import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { ResponseLevel, ShelterProposalStatus } from '@sanfang/shared';

/** A proposal to open the shelters a typhoon response's plan names. */
@Entity('shelter_proposals')
@Index('ix_shelter_proposals_response', ['responseId'])
@Check('ck_shelter_proposals_status', "status IN ('pending', 'accepted', 'dismissed')")
export class ShelterProposal {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'response_id', type: 'varchar', length: 64 })
  responseId: string;

  @Column({ type: 'varchar', length: 16 })
  level: ResponseLevel;

  @Column({ name: 'shelter_ids', type: 'uuid', array: true })
  shelterIds: string[];

  @Column({ type: 'varchar', length: 16, default: 'pending' })
  status: ShelterProposalStatus;

  @Column({ name: 'decided_by', type: 'text', nullable: true })
  decidedBy: string | null;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
