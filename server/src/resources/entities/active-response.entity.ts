import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ResponseHazard, ResponseLevel } from '@sanfang/shared';

/** Resources' own projection of active responses, kept by a reactor on response.* events. */
@Entity('resource_active_responses')
export class ActiveResponse {
  @PrimaryColumn({ name: 'response_id', type: 'varchar', length: 64 })
  responseId: string;

  @Column({ type: 'varchar', length: 16 })
  hazard: ResponseHazard;

  @Column({ type: 'varchar', length: 16 })
  level: ResponseLevel;

  /** Empty = the whole district. */
  @Column({ name: 'subdistrict_codes', type: 'text', array: true, default: () => "'{}'" })
  subdistrictCodes: string[];
}
