import { Check, Column, Entity, OneToMany } from 'typeorm';
import { StockItem } from './stock-item.entity';
import { PointFeature } from '../../geo/entities/point-feature';

@Entity('warehouses')
@Check('ck_warehouses_lonlat', 'lon BETWEEN -180 AND 180 AND lat BETWEEN -90 AND 90')
export class Warehouse extends PointFeature {
  @Column({ name: 'retired_at', type: 'timestamptz', nullable: true })
  retiredAt: Date | null;

  @OneToMany(() => StockItem, (i) => i.warehouse)
  items: StockItem[];
}
