import type { InstructionStatus } from '@sanfang/shared';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A leader instruction (批示指示), from receipt to closure (办结). */
@Entity('instructions')
@Index('ix_instructions_concerns', ['concernsId'])
export class Instruction {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'from_name', type: 'text' })
  fromName: string;

  @Column({ name: 'from_title', type: 'text' })
  fromTitle: string;

  @Column({ name: 'from_level', type: 'varchar', length: 16 })
  fromLevel: 'city' | 'district';

  @Column({ name: 'received_at', type: 'timestamptz' })
  receivedAt: Date;

  @Column({ name: 'received_via', type: 'varchar', length: 16 })
  receivedVia: 'phone' | 'document' | 'system';

  @Column({ type: 'text' })
  text: string;

  @Column({ name: 'concerns_kind', type: 'varchar', length: 16, nullable: true })
  concernsKind: 'incident' | 'warning' | 'response' | null;

  @Column({ name: 'concerns_id', type: 'uuid', nullable: true })
  concernsId: string | null;

  @Column({ type: 'varchar', length: 16, default: 'received' })
  status: InstructionStatus;

  @Column({ name: 'registered_by', type: 'text' })
  registeredBy: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt: Date | null;

  @Column({ name: 'closed_by', type: 'text', nullable: true })
  closedBy: string | null;

  @Column({ name: 'closing_summary', type: 'text', nullable: true })
  closingSummary: string | null;
}
