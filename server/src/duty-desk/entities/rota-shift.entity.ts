import type { RotaPerson } from '@sanfang/shared';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One shift of the rota (值班表), keyed by its start; empty roles are null / []. */
@Entity('rota_shifts')
export class RotaShift {
  @PrimaryColumn({ name: 'starts_at', type: 'timestamptz' })
  startsAt: Date;

  @Column({ name: 'ends_at', type: 'timestamptz' })
  endsAt: Date;

  @Column({ type: 'jsonb', nullable: true })
  leader: RotaPerson | null;

  @Column({ type: 'jsonb', nullable: true })
  chief: RotaPerson | null;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  officers: RotaPerson[];

  @Column({ name: 'updated_by', type: 'text' })
  updatedBy: string;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
