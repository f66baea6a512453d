import { Check, Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { NoticeLevel } from '@sanfang/shared';

/** A message posted to the duty consoles (e.g. "leader on duty reachable at ext. 8001"). */
@Entity('notices')
@Check('ck_notices_level', "level IN ('info', 'warning', 'urgent')")
export class Notice {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  text: string;

  @Column({ type: 'varchar', length: 16 })
  level: NoticeLevel;

  @Column({ name: 'subdistrict_codes', type: 'text', array: true, default: () => "'{}'" })
  subdistrictCodes: string[];

  @Column({ type: 'text' })
  author: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
