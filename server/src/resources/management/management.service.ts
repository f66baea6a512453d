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
import { RescueTeam } from '../entities/rescue-team.entity';
import { Shelter } from '../entities/shelter.entity';
import { Warehouse } from '../entities/warehouse.entity';
import { conflict } from '../common/resource-errors';
import { readResourceSettings } from '../../core/settings/resource-settings';
import { SheltersService } from '../shelters/shelters.service';
import { ManagementRepository, type ManagedResource } from './management.repository';
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
    private readonly repo: ManagementRepository,
  ) {}

  createShelter(user: AuthUser, b: CreateShelter): Promise<ResourceChangePayload> {
    return this.write(user, async (tx) => {
      await this.checkSubdistrict(tx.manager, b.subdistrictCode);
      const s = await this.repo.insert(tx.manager, Shelter, { ...b, status: 'closed' });
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
      await this.repo.update(tx.manager, Shelter, id, b);
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
      await this.repo.update(tx.manager, Shelter, id, { retiredAt: this.clock.now() });
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
      const t = await this.repo.insert(tx.manager, RescueTeam, { ...b, status: 'standby' });
      return this.emit(tx, 'resource.created', await this.teamChange(tx.manager, t.id));
    });
  }

  updateTeam(user: AuthUser, id: string, b: UpdateTeam): Promise<ResourceChangePayload> {
    return this.write(user, async (tx) => {
      await this.live(tx.manager, RescueTeam, id, 'Rescue team');
      if (b.subdistrictCode) await this.checkSubdistrict(tx.manager, b.subdistrictCode);
      await this.repo.update(tx.manager, RescueTeam, id, b);
      return this.emit(tx, 'resource.updated', await this.teamChange(tx.manager, id));
    });
  }

  retireTeam(user: AuthUser, id: string): Promise<ResourceChangePayload> {
    return this.write(user, async (tx) => {
      // Conditional: a team that is out on a job cannot be retired under it.
      if (!(await this.repo.retireIdleTeam(tx.manager, id, this.clock.now(), BUSY_TEAM))) {
        const t = await this.live(tx.manager, RescueTeam, id, 'Rescue team');
        throw conflict(`The team is ${t.status}; stand it down before retiring it`);
      }
      return this.emit(tx, 'resource.retired', await this.teamChange(tx.manager, id));
    });
  }

  createWarehouse(user: AuthUser, b: CreateWarehouse): Promise<ResourceChangePayload> {
    return this.write(user, async (tx) => {
      await this.checkSubdistrict(tx.manager, b.subdistrictCode);
      const w = await this.repo.insert(tx.manager, Warehouse, b);
      return this.emit(tx, 'resource.created', await this.warehouseChange(tx.manager, w.id));
    });
  }

  updateWarehouse(user: AuthUser, id: string, b: UpdateWarehouse): Promise<ResourceChangePayload> {
    return this.write(user, async (tx) => {
      await this.live(tx.manager, Warehouse, id, 'Warehouse');
      if (b.subdistrictCode) await this.checkSubdistrict(tx.manager, b.subdistrictCode);
      await this.repo.update(tx.manager, Warehouse, id, b);
      return this.emit(tx, 'resource.updated', await this.warehouseChange(tx.manager, id));
    });
  }

  retireWarehouse(user: AuthUser, id: string): Promise<ResourceChangePayload> {
    return this.write(user, async (tx) => {
      await this.live(tx.manager, Warehouse, id, 'Warehouse');
      await this.repo.update(tx.manager, Warehouse, id, { retiredAt: this.clock.now() });
      return this.emit(tx, 'resource.retired', await this.warehouseChange(tx.manager, id));
    });
  }

  /** A new stock line; its opening quantity enters the ledger (trigger). */
  addItem(user: AuthUser, warehouseId: string, b: CreateStockItem): Promise<ResourceChangePayload> {
    return this.write(user, async (tx) => {
      await this.live(tx.manager, Warehouse, warehouseId, 'Warehouse');
      await this.repo.addItem(tx.manager, { ...b, warehouseId });
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
      if (!(await this.repo.updateItem(tx.manager, warehouseId, sku, b)))
        throw notFound(`Stock item ${sku}`);
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

  private async live<T extends ManagedResource>(
    m: EntityManager,
    entity: new () => T,
    id: string,
    what: string,
  ): Promise<T> {
    const row = await this.repo.find(m, entity, id);
    if (!row || row.retiredAt) throw notFound(what);
    return row;
  }

  private async reload<T extends Shelter | RescueTeam>(
    m: EntityManager,
    entity: new () => T,
    id: string,
  ): Promise<T> {
    return this.repo.get(m, entity, id);
  }

  private async teamChange(m: EntityManager, id: string): Promise<ResourceChangePayload> {
    const t = await this.reload(m, RescueTeam, id);
    const { positionStaleAfterS } = await readResourceSettings(m);
    return resourceChange.team(t, { now: this.clock.now(), staleAfterS: positionStaleAfterS });
  }

  private async warehouseChange(m: EntityManager, id: string): Promise<ResourceChangePayload> {
    const w = await this.repo.warehouseWithItems(m, id);
    return resourceChange.warehouse(w);
  }
}
