import type {
  DistrictCollection,
  RescueTeamCollection,
  ShelterCollection,
  SubdistrictCollection,
  WarehouseCollection,
  WaterloggingPointCollection,
} from '../reference';
import { get, shape } from './route';

/** Reference data for the console's map; GeoJSON in WGS84 [lon, lat]. */
export const referenceRoutes = {
  district: get('district', { response: shape<DistrictCollection>() }),
  subdistricts: get('subdistricts', { response: shape<SubdistrictCollection>() }),
  waterloggingPoints: get('waterlogging-points', {
    response: shape<WaterloggingPointCollection>(),
  }),
  shelters: get('shelters', { response: shape<ShelterCollection>() }),
  rescueTeams: get('rescue-teams', { response: shape<RescueTeamCollection>() }),
  warehouses: get('warehouses', { response: shape<WarehouseCollection>() }),
};
