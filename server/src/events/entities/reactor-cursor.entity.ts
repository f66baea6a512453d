import { Column, Entity, PrimaryColumn } from 'typeorm';

/** How far each event reactor has read the log; locked while it works, so one instance runs it. */
@Entity('reactor_cursors')
export class ReactorCursor {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  name: string;

  @Column({ type: 'bigint' })
  position: string;
}
