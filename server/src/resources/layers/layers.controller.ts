import { Controller } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  CONSOLE_ROLES,
  type RescueTeamCollection,
  type ShelterCollection,
  type WarehouseCollection,
  resourceLayerRoutes,
  type RouteHandlers,
} from '@sanfang/shared';
import { Roles } from '../../auth/decorators';
import { Route } from '../../common/route.decorator';
import { ResourceLayersService } from './layers.service';

/** The resource map layers; GeoJSON in WGS84 [lon, lat] (tagged with geo's reference data). */
@ApiTags('reference data')
@ApiBearerAuth()
@Roles(...CONSOLE_ROLES)
@Controller()
export class ResourceLayersController implements RouteHandlers<typeof resourceLayerRoutes> {
  constructor(private readonly layers: ResourceLayersService) {}

  @Route(resourceLayerRoutes.shelters)
  shelters(): Promise<ShelterCollection> {
    return this.layers.shelters();
  }

  @Route(resourceLayerRoutes.rescueTeams)
  rescueTeams(): Promise<RescueTeamCollection> {
    return this.layers.rescueTeams();
  }

  @Route(resourceLayerRoutes.warehouses)
  warehouses(): Promise<WarehouseCollection> {
    return this.layers.warehouses();
  }
}
