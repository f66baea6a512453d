import type { PersonDuty, SignalColour } from '@sanfang/shared';
import { Check, Column, Entity, PrimaryColumn } from 'typeorm';

/** One row of the 叫应 table: whom a warning of this hazard ('*': any) and colour calls. */
@Entity('call_rules')
@Check('call_rules_colour_check', "colour IN ('blue', 'yellow', 'orange', 'red')")
export class CallRule {
  @PrimaryColumn({ type: 'varchar', length: 40 })
  hazard: string;

  @PrimaryColumn({ type: 'varchar', length: 8 })
  colour: SignalColour;

  @Column({ type: 'text', array: true })
  duties: PersonDuty[];

  /** Also call the on-site contacts of the waterlogging points in scope. */
  @Column({ name: 'point_contacts', type: 'boolean', default: false })
  pointContacts: boolean;
}
