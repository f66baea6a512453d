import { Injectable } from '@nestjs/common';
import type { DeepPartial, EntityManager } from 'typeorm';
import { RescueTeam } from '../entities/rescue-team.entity';
import { Shelter } from '../entities/shelter.entity';
import { StockItem } from '../entities/stock-item.entity';
import { Warehouse } from '../entities/warehouse.entity';

export type ManagedResource = Shelter | RescueTeam | Warehouse;
type Kind<T> = new () => T;

/** The register writes behind resource management (always in the caller's transaction). */
@Injectable()
export class ManagementRepository {
  insert<T extends ManagedResource>(
    m: EntityManager,
    entity: Kind<T>,
    v: DeepPartial<T>,
  ): Promise<T> {
    return m.save(m.create(entity, v));
  }

  async update<T extends ManagedResource>(
    m: EntityManager,
    entity: Kind<T>,
    id: string,
    patch: object,
  ): Promise<void> {
    await m.update(entity, { id }, patch);
  }

  find<T extends ManagedResource>(
    m: EntityManager,
    entity: Kind<T>,
    id: string,
  ): Promise<T | null> {
    return m.getRepository(entity).findOne({ where: { id } as never });
  }

  get<T extends ManagedResource>(m: EntityManager, entity: Kind<T>, id: string): Promise<T> {
    return m.getRepository(entity).findOneOrFail({ where: { id } as never });
  }

  /** Retires a team unless it is busy; false when it was not retired. */
  async retireIdleTeam(
    m: EntityManager,
    id: string,
    at: Date,
    busy: readonly string[],
  ): Promise<boolean> {
    const rows = await m.query<[unknown[], number]>(
      `UPDATE rescue_teams SET retired_at = $2 WHERE id = $1 AND retired_at IS NULL
          AND status <> ALL ($3::text[]) RETURNING id`,
      [id, at, busy],
    );
    return rows[0].length > 0;
  }

  warehouseWithItems(m: EntityManager, id: string): Promise<Warehouse> {
    return m.getRepository(Warehouse).findOneOrFail({
      where: { id },
      relations: { items: true },
      order: { items: { sku: 'ASC' } },
    });
  }

  async addItem(m: EntityManager, item: DeepPartial<StockItem>): Promise<void> {
    await m.save(m.create(StockItem, item));
  }

  /** False when the warehouse has no such SKU. */
  async updateItem(
    m: EntityManager,
    warehouseId: string,
    sku: string,
    patch: object,
  ): Promise<boolean> {
    const r = await m.update(StockItem, { warehouseId, sku }, patch);
    return Boolean(r.affected);
  }
}
