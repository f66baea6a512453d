import { Controller } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  CONSOLE_ROLES,
  type DistrictCollection,
  type RescueTeamCollection,
  type ShelterCollection,
  type SubdistrictCollection,
  type WarehouseCollection,
  type WaterloggingPointCollection,
  referenceRoutes,
  type RouteHandlers,
} from '@sanfang/shared';
import { Route } from '../common/route.decorator';
import { Roles } from '../auth/decorators';
import { GeoService } from './geo.service';

/** Reference data for the console's map; GeoJSON in WGS84 [lon, lat]. */
@ApiTags('reference data')
@ApiBearerAuth()
@Roles(...CONSOLE_ROLES)
@Controller()
export class GeoController implements RouteHandlers<typeof referenceRoutes> {
  constructor(private readonly geo: GeoService) {}

  @Route(referenceRoutes.district)
  district(): Promise<DistrictCollection> {
    return this.geo.district();
  }

  @Route(referenceRoutes.subdistricts)
  subdistricts(): Promise<SubdistrictCollection> {
    return this.geo.subdistricts();
  }

  @Route(referenceRoutes.waterloggingPoints)
  waterloggingPoints(): Promise<WaterloggingPointCollection> {
    return this.geo.waterloggingPoints();
  }

  @Route(referenceRoutes.shelters)
  shelters(): Promise<ShelterCollection> {
    return this.geo.shelters();
  }

  @Route(referenceRoutes.rescueTeams)
  rescueTeams(): Promise<RescueTeamCollection> {
    return this.geo.rescueTeams();
  }

  @Route(referenceRoutes.warehouses)
  warehouses(): Promise<WarehouseCollection> {
    return this.geo.warehouses();
  }
}
