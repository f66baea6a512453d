import {
  Check,
  Column,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';
import type { ContactRole } from '@sanfang/shared';
import { WaterloggingPoint } from './waterlogging-point.entity';

@Entity('contacts')
@Check(
  'ck_contacts_role',
  "role IN ('onsite_lead', 'onsite_lead_backup', 'drainage', 'traffic_police', 'fire_rescue')",
)
@Unique('uq_contacts_point_role', ['pointId', 'role'])
export class Contact {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'point_id', type: 'uuid' })
  pointId: string;

  @ManyToOne(() => WaterloggingPoint, (p) => p.contacts, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'point_id' })
  point: WaterloggingPoint;

  @Column({ type: 'varchar', length: 32 })
  role: ContactRole;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'varchar', length: 32 })
  phone: string;
}
