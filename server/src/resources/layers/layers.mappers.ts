import type { RescueTeamCollection, ShelterCollection, WarehouseCollection } from '@sanfang/shared';
import { collection, point } from '../../geo/geo.mappers';
import type { RescueTeam } from '../entities/rescue-team.entity';
import type { Shelter } from '../entities/shelter.entity';
import type { Warehouse } from '../entities/warehouse.entity';

export const sheltersToGeoJson = (rows: Shelter[]): ShelterCollection =>
  collection(
    rows.map((s) => ({
      type: 'Feature' as const,
      id: s.id,
      geometry: point(s.lon, s.lat),
      properties: {
        id: s.id,
        code: s.code,
        name: s.name,
        subdistrictCode: s.subdistrictCode,
        address: s.address,
        capacity: s.capacity,
        occupancy: s.occupancy,
        status: s.status,
        managerName: s.managerName,
        managerPhone: s.managerPhone,
        occupancyDay: s.occupancyDay,
        occupancyNight: s.occupancyNight,
        planHazards: s.planHazards,
        alarmLevel: s.alarmLevel,
      },
    })),
  );

/** Live fields: a fix older than `staleAfterS` at `now` is shown as stale. */
export interface TeamLiveContext {
  now: Date;
  staleAfterS: number;
}

export const teamsToGeoJson = (rows: RescueTeam[], live: TeamLiveContext): RescueTeamCollection =>
  collection(
    rows.map((t) => ({
      type: 'Feature' as const,
      id: t.id,
      geometry: point(t.lon, t.lat),
      properties: {
        id: t.id,
        code: t.code,
        name: t.name,
        kind: t.kind,
        members: t.members,
        subdistrictCode: t.subdistrictCode,
        status: t.status,
        equipment: t.equipment,
        leaderName: t.leaderName,
        leaderPhone: t.leaderPhone,
        position: t.posLon !== null && t.posLat !== null ? [t.posLon, t.posLat] : null,
        lastSeenAt: t.lastSeenAt ? t.lastSeenAt.toISOString() : null,
        positionStale:
          t.lastSeenAt !== null &&
          live.now.getTime() - t.lastSeenAt.getTime() > live.staleAfterS * 1000,
      },
    })),
  );

export const warehousesToGeoJson = (rows: Warehouse[]): WarehouseCollection =>
  collection(
    rows.map((w) => ({
      type: 'Feature' as const,
      id: w.id,
      geometry: point(w.lon, w.lat),
      properties: {
        id: w.id,
        code: w.code,
        name: w.name,
        subdistrictCode: w.subdistrictCode,
        items: (w.items ?? []).map((i) => ({
          sku: i.sku,
          name: i.name,
          unit: i.unit,
          quantity: i.quantity,
          lowStockThreshold: i.lowStockThreshold,
        })),
      },
    })),
  );
