import { Injectable } from '@nestjs/common';
import type {
  DistrictCollection,
  SubdistrictCollection,
  WaterloggingPointCollection,
} from '@sanfang/shared';
import { GeoRepository } from './geo.repository';
import { districtsToGeoJson, pointsToGeoJson, subdistrictsToGeoJson } from './geo.mappers';

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
}
