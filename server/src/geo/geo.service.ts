import { Injectable } from '@nestjs/common';
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
  constructor(private readonly repo: GeoRepository) {}

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
    return teamsToGeoJson(await this.repo.rescueTeams());
  }
  async warehouses(): Promise<WarehouseCollection> {
    return warehousesToGeoJson(await this.repo.warehouses());
  }
}
