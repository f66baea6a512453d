import { Injectable } from '@nestjs/common';
import type { StockMovementDto, StockMovementKind, StockNearestRow } from '@sanfang/shared';
import type { EntityManager } from 'typeorm';
import { haversineSql } from '../../geo/distance';
import { StockMovement } from '../entities/stock-movement.entity';

export interface AppliedMovement {
  itemId: string;
  name: string;
  before: number;
  after: number;
  lowStockThreshold: number;
  subdistrictCode: string;
}

const toDto = (m: StockMovement): StockMovementDto => ({
  id: m.id,
  warehouseId: m.warehouseId,
  sku: m.sku,
  kind: m.kind,
  quantity: m.quantity,
  balanceAfter: m.balanceAfter,
  reason: m.reason,
  actor: m.actor,
  createdAt: m.createdAt.toISOString(),
});

@Injectable()
export class StockRepository {
  /**
   * One conditional UPDATE: the row lock orders parallel movements, `quantity + delta >= 0`
   * refuses an issue that would go negative (the CHECK is the backstop).
   */
  async apply(
    m: EntityManager,
    warehouseId: string,
    sku: string,
    delta: number,
  ): Promise<AppliedMovement | null> {
    const rows = await m.query<
      [
        {
          id: string;
          name: string;
          quantity: number;
          low_stock_threshold: number;
          subdistrict_code: string;
        }[],
        number,
      ]
    >(
      `UPDATE stock_items i SET quantity = i.quantity + $3
         FROM warehouses w
        WHERE i.warehouse_id = $1 AND i.sku = $2 AND w.id = i.warehouse_id
          AND w.retired_at IS NULL AND i.quantity + $3 >= 0
        RETURNING i.id, i.name, i.quantity, i.low_stock_threshold, w.subdistrict_code`,
      [warehouseId, sku, delta],
    );
    const r = rows[0][0];
    return r
      ? {
          itemId: r.id,
          name: r.name,
          before: r.quantity - delta,
          after: r.quantity,
          lowStockThreshold: r.low_stock_threshold,
          subdistrictCode: r.subdistrict_code,
        }
      : null;
  }

  async record(
    m: EntityManager,
    row: {
      stockItemId: string;
      warehouseId: string;
      sku: string;
      kind: StockMovementKind;
      quantity: number;
      balanceAfter: number;
      reason: string;
      actor: string;
    },
  ): Promise<StockMovementDto> {
    const saved = await m
      .getRepository(StockMovement)
      .save(m.getRepository(StockMovement).create(row));
    return toDto(saved);
  }

  async item(
    m: EntityManager,
    warehouseId: string,
    sku: string,
  ): Promise<{ quantity: number; retired: boolean } | null | 'no-warehouse'> {
    const w = await m.query<{ retired: boolean }[]>(
      `SELECT retired_at IS NOT NULL AS retired FROM warehouses WHERE id = $1`,
      [warehouseId],
    );
    if (!w[0] || w[0].retired) return 'no-warehouse';
    const i = await m.query<{ quantity: number }[]>(
      `SELECT quantity FROM stock_items WHERE warehouse_id = $1 AND sku = $2`,
      [warehouseId, sku],
    );
    return i[0] ? { quantity: i[0].quantity, retired: false } : null;
  }

  async movements(
    m: EntityManager,
    warehouseId: string,
    sku: string | undefined,
    limit: number,
  ): Promise<StockMovementDto[]> {
    const rows = await m.getRepository(StockMovement).find({
      where: sku ? { warehouseId, sku } : { warehouseId },
      order: { id: 'DESC' },
      take: limit,
    });
    return rows.map(toDto);
  }

  /** Warehouses holding the SKU, nearest first, with the running total. */
  async nearest(
    m: EntityManager,
    sku: string,
    lon: number,
    lat: number,
    need: number,
  ): Promise<StockNearestRow[]> {
    const rows = await m.query<
      {
        id: string;
        code: string;
        name: string;
        subdistrict_code: string;
        lon: number;
        lat: number;
        distance_m: number;
        quantity: number;
        unit: string;
        cumulative: string;
      }[]
    >(
      `WITH ranked AS (
         SELECT w.id, w.code, w.name, w.subdistrict_code, w.lon, w.lat, i.quantity, i.unit,
                ${haversineSql('$2::float8', '$3::float8', 'w.lon', 'w.lat')} AS distance_m
           FROM stock_items i JOIN warehouses w ON w.id = i.warehouse_id
          WHERE i.sku = $1 AND i.quantity > 0 AND w.retired_at IS NULL),
       running AS (
         SELECT *, sum(quantity) OVER (ORDER BY distance_m, code) AS cumulative
           FROM ranked)
       SELECT * FROM running
        WHERE cumulative - quantity < $4
        ORDER BY distance_m, code`,
      [sku, lon, lat, need],
    );
    return rows.map((r) => ({
      warehouseId: r.id,
      code: r.code,
      name: r.name,
      subdistrictCode: r.subdistrict_code,
      position: [r.lon, r.lat],
      distanceM: Math.round(r.distance_m),
      quantity: r.quantity,
      unit: r.unit,
      cumulative: Number(r.cumulative),
    }));
  }
}
