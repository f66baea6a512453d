import { Inject, Injectable } from '@nestjs/common';
import type { RescueTeamCollection, ShelterCollection, WarehouseCollection } from '@sanfang/shared';
import { CLOCK, type Clock } from '../../core/clock';
import { ResourceLayersRepository } from './layers.repository';
import { sheltersToGeoJson, teamsToGeoJson, warehousesToGeoJson } from './layers.mappers';

/** The shelters, rescue teams and warehouses map layers (reference geography is in geo/). */
@Injectable()
export class ResourceLayersService {
  constructor(
    private readonly repo: ResourceLayersRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async shelters(): Promise<ShelterCollection> {
    return sheltersToGeoJson(await this.repo.shelters());
  }

  /** A team's fix older than the position-stale setting is shown as stale. */
  async rescueTeams(): Promise<RescueTeamCollection> {
    const staleAfterS = await this.repo.positionStaleAfterS();
    return teamsToGeoJson(await this.repo.rescueTeams(), { now: this.clock.now(), staleAfterS });
  }

  async warehouses(): Promise<WarehouseCollection> {
    return warehousesToGeoJson(await this.repo.warehouses());
  }
}
