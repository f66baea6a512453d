import { Inject, Injectable } from '@nestjs/common';
import { SubdistrictCheck } from '../../geo/subdistrict-check';
import type {
  CreateShelter,
  CreateStockItem,
  CreateTeam,
  CreateWarehouse,
  ResourceChangePayload,
  UpdateShelter,
  UpdateStockItem,
  UpdateTeam,
  UpdateWarehouse,
} from '@sanfang/shared';
import { QueryFailedError, type EntityManager } from 'typeorm';
import type { AuthUser } from '../../auth/auth.types';
import { notFound } from '../../common/api-exception';
import { CLOCK, type Clock } from '../../core/clock';
import type { EventTx } from '../../events/event-log';
import { EventLog } from '../../events/event-log.service';
import { RescueTeam } from '../../geo/entities/rescue-team.entity';
import { Shelter } from '../../geo/entities/shelter.entity';
import { StockItem } from '../../geo/entities/stock-item.entity';
import { Warehouse } from '../../geo/entities/warehouse.entity';
import { conflict } from '../common/resource-errors';
import { readResourceSettings } from '../../core/settings/resource-settings';
import { SheltersService } from '../shelters/shelters.service';
import { resourceChange } from './resource-snapshots';

const BUSY_TEAM = ['assigned', 'en_route', 'on_scene', 'returning'];

/** Admins keep the reference data true: every create, edit and retirement is an event. */
@Injectable()
export class ManagementService {
  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly events: EventLog,
    private readonly shelters: SheltersService,
    private readonly subdistricts: SubdistrictCheck,
  ) {}

  createShelter(user: AuthUser, b: CreateShelter): Promise<ResourceChangePayload> {
    return this.write(user, async (tx) => {
      await this.checkSubdistrict(tx.manager, b.subdistrictCode);
      const s = await tx.manager.save(tx.manager.create(Shelter, { ...b, status: 'closed' }));
      return this.emit(
        tx,
        'resource.created',
        resourceChange.shelter(await this.reload(tx.manager, Shelter, s.id)),
      );
    });
  }

  updateShelter(user: AuthUser, id: string, b: UpdateShelter): Promise<ResourceChangePayload> {
    return this.write(user, async (tx) => {
      const s = await this.live(tx.manager, Shelter, id, 'Shelter');
      if (b.subdistrictCode) await this.checkSubdistrict(tx.manager, b.subdistrictCode);
      await tx.manager.update(Shelter, { id }, b);
      const next = await this.reload(tx.manager, Shelter, s.id);
      // A new capacity can raise or clear the fill alarm.
      await this.shelters.evaluateAlarm(tx, next);
      return this.emit(tx, 'resource.updated', resourceChange.shelter(next));
    });
  }

  retireShelter(user: AuthUser, id: string): Promise<ResourceChangePayload> {
    return this.write(user, async (tx) => {
      const s = await this.live(tx.manager, Shelter, id, 'Shelter');
      if (s.status === 'open') throw conflict('Close the shelter before retiring it');
      await tx.manager.update(Shelter, { id }, { retiredAt: this.clock.now() });
      return this.emit(
        tx,
        'resource.retired',
        resourceChange.shelter(await this.reload(tx.manager, Shelter, id)),
      );
    });
  }

  createTeam(user: AuthUser, b: CreateTeam): Promise<ResourceChangePayload> {
    return this.write(user, async (tx) => {
      await this.checkSubdistrict(tx.manager, b.subdistrictCode);
      const t = await tx.manager.save(tx.manager.create(RescueTeam, { ...b, status: 'standby' }));
      return this.emit(tx, 'resource.created', await this.teamChange(tx.manager, t.id));
    });
  }

  updateTeam(user: AuthUser, id: string, b: UpdateTeam): Promise<ResourceChangePayload> {
    return this.write(user, async (tx) => {
      await this.live(tx.manager, RescueTeam, id, 'Rescue team');
      if (b.subdistrictCode) await this.checkSubdistrict(tx.manager, b.subdistrictCode);
      await tx.manager.update(RescueTeam, { id }, b);
      return this.emit(tx, 'resource.updated', await this.teamChange(tx.manager, id));
    });
  }

  retireTeam(user: AuthUser, id: string): Promise<ResourceChangePayload> {
    return this.write(user, async (tx) => {
      // Conditional: a team that is out on a job cannot be retired under it.
      const rows = await tx.manager.query<[unknown[], number]>(
        `UPDATE rescue_teams SET retired_at = $2 WHERE id = $1 AND retired_at IS NULL
            AND status <> ALL ($3::text[]) RETURNING id`,
        [id, this.clock.now(), BUSY_TEAM],
      );
      if (rows[0].length === 0) {
        const t = await this.live(tx.manager, RescueTeam, id, 'Rescue team');
        throw conflict(`The team is ${t.status}; stand it down before retiring it`);
      }
      return this.emit(tx, 'resource.retired', await this.teamChange(tx.manager, id));
    });
  }

  createWarehouse(user: AuthUser, b: CreateWarehouse): Promise<ResourceChangePayload> {
    return this.write(user, async (tx) => {
      await this.checkSubdistrict(tx.manager, b.subdistrictCode);
      const w = await tx.manager.save(tx.manager.create(Warehouse, b));
      return this.emit(tx, 'resource.created', await this.warehouseChange(tx.manager, w.id));
    });
  }

  updateWarehouse(user: AuthUser, id: string, b: UpdateWarehouse): Promise<ResourceChangePayload> {
    return this.write(user, async (tx) => {
      await this.live(tx.manager, Warehouse, id, 'Warehouse');
      if (b.subdistrictCode) await this.checkSubdistrict(tx.manager, b.subdistrictCode);
      await tx.manager.update(Warehouse, { id }, b);
      return this.emit(tx, 'resource.updated', await this.warehouseChange(tx.manager, id));
    });
  }

  retireWarehouse(user: AuthUser, id: string): Promise<ResourceChangePayload> {
    return this.write(user, async (tx) => {
      await this.live(tx.manager, Warehouse, id, 'Warehouse');
      await tx.manager.update(Warehouse, { id }, { retiredAt: this.clock.now() });
      return this.emit(tx, 'resource.retired', await this.warehouseChange(tx.manager, id));
    });
  }

  /** A new stock line; its opening quantity enters the ledger (trigger). */
  addItem(user: AuthUser, warehouseId: string, b: CreateStockItem): Promise<ResourceChangePayload> {
    return this.write(user, async (tx) => {
      await this.live(tx.manager, Warehouse, warehouseId, 'Warehouse');
      await tx.manager.save(tx.manager.create(StockItem, { ...b, warehouseId }));
      return this.emit(tx, 'resource.updated', await this.warehouseChange(tx.manager, warehouseId));
    });
  }

  /** Name, unit, threshold; quantities change only through movements. */
  updateItem(
    user: AuthUser,
    warehouseId: string,
    sku: string,
    b: UpdateStockItem,
  ): Promise<ResourceChangePayload> {
    return this.write(user, async (tx) => {
      await this.live(tx.manager, Warehouse, warehouseId, 'Warehouse');
      const r = await tx.manager.update(StockItem, { warehouseId, sku }, b);
      if (!r.affected) throw notFound(`Stock item ${sku}`);
      return this.emit(tx, 'resource.updated', await this.warehouseChange(tx.manager, warehouseId));
    });
  }

  private async write(
    user: AuthUser,
    fn: (tx: EventTx) => Promise<ResourceChangePayload>,
  ): Promise<ResourceChangePayload> {
    try {
      return await this.events.write(user.username, fn);
    } catch (e) {
      // The unique code/sku constraints answer races a pre-check would lose.
      if (e instanceof QueryFailedError && (e.driverError as { code?: string }).code === '23505') {
        throw conflict('A resource with that code (or SKU) already exists', 'body.code');
      }
      throw e;
    }
  }

  private emit(
    tx: EventTx,
    type: 'resource.created' | 'resource.updated' | 'resource.retired',
    p: ResourceChangePayload,
  ): ResourceChangePayload {
    tx.emit(type, p, { subdistrictCodes: [p.subdistrictCode] });
    return p;
  }

  private checkSubdistrict(m: EntityManager, code: string): Promise<void> {
    return this.subdistricts.assertKnown([code], 'body.subdistrictCode', m);
  }

  private async live<T extends Shelter | RescueTeam | Warehouse>(
    m: EntityManager,
    entity: new () => T,
    id: string,
    what: string,
  ): Promise<T> {
    const row = await m.getRepository(entity).findOne({ where: { id } as never });
    if (!row || row.retiredAt) throw notFound(what);
    return row;
  }

  private async reload<T extends Shelter | RescueTeam>(
    m: EntityManager,
    entity: new () => T,
    id: string,
  ): Promise<T> {
    return m.getRepository(entity).findOneOrFail({ where: { id } as never });
  }

  private async teamChange(m: EntityManager, id: string): Promise<ResourceChangePayload> {
    const t = await this.reload(m, RescueTeam, id);
    const { positionStaleAfterS } = await readResourceSettings(m);
    return resourceChange.team(t, { now: this.clock.now(), staleAfterS: positionStaleAfterS });
  }

  private async warehouseChange(m: EntityManager, id: string): Promise<ResourceChangePayload> {
    const w = await m.getRepository(Warehouse).findOneOrFail({
      where: { id },
      relations: { items: true },
      order: { items: { sku: 'ASC' } },
    });
    return resourceChange.warehouse(w);
  }
}
