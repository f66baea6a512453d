import type {
  DistrictCollection,
  RescueTeamCollection,
  ShelterCollection,
  SubdistrictCollection,
  WarehouseCollection,
  WaterloggingPointCollection,
} from '../reference';
import { get, shape } from './route';

/** Reference geography (served by the server's geo/): the district, subdistricts, points. */
export const geoReferenceRoutes = {
  district: get('district', { response: shape<DistrictCollection>() }),
  subdistricts: get('subdistricts', { response: shape<SubdistrictCollection>() }),
  waterloggingPoints: get('waterlogging-points', {
    response: shape<WaterloggingPointCollection>(),
  }),
};

/** The resource layers (served by the server's resources/): shelters, teams, warehouses. */
export const resourceLayerRoutes = {
  shelters: get('shelters', { response: shape<ShelterCollection>() }),
  rescueTeams: get('rescue-teams', { response: shape<RescueTeamCollection>() }),
  warehouses: get('warehouses', { response: shape<WarehouseCollection>() }),
};

/** Reference data for the console's map; GeoJSON in WGS84 [lon, lat]. */
export const referenceRoutes = { ...geoReferenceRoutes, ...resourceLayerRoutes };
