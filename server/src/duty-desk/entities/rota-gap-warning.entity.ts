import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A rota gap already warned about: the key makes the warning once per shift, across instances. */
@Entity('rota_gap_warnings')
export class RotaGapWarning {
  @PrimaryColumn({ name: 'starts_at', type: 'timestamptz' })
  startsAt: Date;

  @Column({ name: 'warned_at', type: 'timestamptz' })
  warnedAt: Date;

  @Column({ type: 'text', array: true })
  missing: string[];
}
