import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  CONSOLE_ROLES,
  type DistrictCollection,
  type RescueTeamCollection,
  type ShelterCollection,
  type SubdistrictCollection,
  type WarehouseCollection,
  type WaterloggingPointCollection,
} from '@sanfang/shared';
import { Roles } from '../auth/decorators';
import { GeoService } from './geo.service';

/** Reference data for the console's map; GeoJSON in WGS84 [lon, lat]. */
@ApiTags('reference data')
@ApiBearerAuth()
@Roles(...CONSOLE_ROLES)
@Controller()
export class GeoController {
  constructor(private readonly geo: GeoService) {}

  @Get('district')
  district(): Promise<DistrictCollection> {
    return this.geo.district();
  }

  @Get('subdistricts')
  subdistricts(): Promise<SubdistrictCollection> {
    return this.geo.subdistricts();
  }

  @Get('waterlogging-points')
  waterloggingPoints(): Promise<WaterloggingPointCollection> {
    return this.geo.waterloggingPoints();
  }

  @Get('shelters')
  shelters(): Promise<ShelterCollection> {
    return this.geo.shelters();
  }

  @Get('rescue-teams')
  rescueTeams(): Promise<RescueTeamCollection> {
    return this.geo.rescueTeams();
  }

  @Get('warehouses')
  warehouses(): Promise<WarehouseCollection> {
    return this.geo.warehouses();
  }
}
