import {
  Check,
  Column,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';
import { Warehouse } from './warehouse.entity';

@Entity('stock_items')
@Check('ck_stock_items_quantity', 'quantity >= 0 AND low_stock_threshold >= 0')
@Unique('uq_stock_items_warehouse_sku', ['warehouseId', 'sku'])
export class StockItem {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'warehouse_id', type: 'uuid' })
  warehouseId: string;

  @ManyToOne(() => Warehouse, (w) => w.items, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'warehouse_id' })
  warehouse: Warehouse;

  @Column({ type: 'varchar', length: 32 })
  sku: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'varchar', length: 16 })
  unit: string;

  @Column({ type: 'integer' })
  quantity: number;

  @Column({ name: 'low_stock_threshold', type: 'integer', default: 0 })
  lowStockThreshold: number;
}
