import { Check, Column, Entity, PrimaryColumn } from 'typeorm';

/** A single row; locking it serialises seq allocation (see DESIGN.md, gap-free sequence). */
@Entity('event_counter')
@Check('ck_event_counter_single', 'id = 1')
export class EventCounter {
  @PrimaryColumn({ type: 'integer' })
  id: number;

  @Column({ name: 'last_seq', type: 'bigint' })
  lastSeq: string;
}
