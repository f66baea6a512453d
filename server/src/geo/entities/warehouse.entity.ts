import {
  JoinColumn,
  ManyToOne,
  Check,
  Column,
  Entity,
  OneToMany,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { StockItem } from './stock-item.entity';
import { Subdistrict } from './subdistrict.entity';

@Entity('warehouses')
@Check('ck_warehouses_lonlat', 'lon BETWEEN -180 AND 180 AND lat BETWEEN -90 AND 90')
export class Warehouse {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 32, unique: true })
  code: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ name: 'subdistrict_code', type: 'varchar', length: 12 })
  subdistrictCode: string;

  @ManyToOne(() => Subdistrict, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'subdistrict_code' })
  subdistrict?: Subdistrict;

  @Column({ type: 'double precision' })
  lon: number;

  @Column({ type: 'double precision' })
  lat: number;

  @Column({ name: 'retired_at', type: 'timestamptz', nullable: true })
  retiredAt: Date | null;

  @OneToMany(() => StockItem, (i) => i.warehouse)
  items: StockItem[];
}
