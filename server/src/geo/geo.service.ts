import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { CLOCK, type Clock } from '../core/clock';
import { readResourceSettings } from '../core/settings/resource-settings';
import type {
  DistrictCollection,
  RescueTeamCollection,
  ShelterCollection,
  SubdistrictCollection,
  WarehouseCollection,
  WaterloggingPointCollection,
} from '@sanfang/shared';
import { GeoRepository } from './geo.repository';
import {
  districtsToGeoJson,
  pointsToGeoJson,
  sheltersToGeoJson,
  subdistrictsToGeoJson,
  teamsToGeoJson,
  warehousesToGeoJson,
} from './geo.mappers';

@Injectable()
export class GeoService {
  constructor(
    private readonly repo: GeoRepository,
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async district(): Promise<DistrictCollection> {
    return districtsToGeoJson(await this.repo.districts());
  }
  async subdistricts(): Promise<SubdistrictCollection> {
    return subdistrictsToGeoJson(await this.repo.subdistricts());
  }
  async waterloggingPoints(): Promise<WaterloggingPointCollection> {
    return pointsToGeoJson(await this.repo.points());
  }
  async shelters(): Promise<ShelterCollection> {
    return sheltersToGeoJson(await this.repo.shelters());
  }
  async rescueTeams(): Promise<RescueTeamCollection> {
    const { positionStaleAfterS } = await readResourceSettings(this.ds.manager);
    return teamsToGeoJson(await this.repo.rescueTeams(), {
      now: this.clock.now(),
      staleAfterS: positionStaleAfterS,
    });
  }
  async warehouses(): Promise<WarehouseCollection> {
    return warehousesToGeoJson(await this.repo.warehouses());
  }
}
