import { Controller } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  CONSOLE_ROLES,
  type DistrictCollection,
  type SubdistrictCollection,
  type WaterloggingPointCollection,
  geoReferenceRoutes,
  type RouteHandlers,
} from '@sanfang/shared';
import { Route } from '../common/route.decorator';
import { Roles } from '../auth/decorators';
import { GeoService } from './geo.service';

/** Reference geography for the console's map; GeoJSON in WGS84 [lon, lat]. */
@ApiTags('reference data')
@ApiBearerAuth()
@Roles(...CONSOLE_ROLES)
@Controller()
export class GeoController implements RouteHandlers<typeof geoReferenceRoutes> {
  constructor(private readonly geo: GeoService) {}

  @Route(geoReferenceRoutes.district)
  district(): Promise<DistrictCollection> {
    return this.geo.district();
  }

  @Route(geoReferenceRoutes.subdistricts)
  subdistricts(): Promise<SubdistrictCollection> {
    return this.geo.subdistricts();
  }

  @Route(geoReferenceRoutes.waterloggingPoints)
  waterloggingPoints(): Promise<WaterloggingPointCollection> {
    return this.geo.waterloggingPoints();
  }
}
