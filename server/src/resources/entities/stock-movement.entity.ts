import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { StockMovementKind } from '@sanfang/shared';

/**
 * The warehouse ledger: append-only (a trigger refuses UPDATE and DELETE). Each row carries the
 * balance after it, so the ledger replays to the item's quantity.
 */
@Entity('stock_movements')
@Index('ix_stock_movements_item', ['stockItemId', 'id'])
@Check('ck_stock_movements_kind', "kind IN ('opening', 'issue', 'receive')")
@Check('ck_stock_movements_quantity', 'quantity >= 0 AND balance_after >= 0')
export class StockMovement {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'stock_item_id', type: 'uuid' })
  stockItemId: string;

  @Column({ name: 'warehouse_id', type: 'uuid' })
  warehouseId: string;

  @Column({ type: 'varchar', length: 32 })
  sku: string;

  @Column({ type: 'varchar', length: 16 })
  kind: StockMovementKind;

  @Column({ type: 'integer' })
  quantity: number;

  @Column({ name: 'balance_after', type: 'integer' })
  balanceAfter: number;

  @Column({ type: 'text', default: '' })
  reason: string;

  @Column({ type: 'text', default: '' })
  actor: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
