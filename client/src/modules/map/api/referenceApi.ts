import type {
  DistrictCollection,
  RescueTeamCollection,
  ShelterCollection,
  SubdistrictCollection,
  WarehouseCollection,
  WaterloggingPointCollection,
} from '@sanfang/shared';
import { apiRequest } from '../../api/http';

/** Everything the district map draws; reference data changes rarely, so one load per session. */
export interface ReferenceData {
  district: DistrictCollection;
  subdistricts: SubdistrictCollection;
  waterloggingPoints: WaterloggingPointCollection;
  shelters: ShelterCollection;
  rescueTeams: RescueTeamCollection;
  warehouses: WarehouseCollection;
}

export async function fetchReferenceData(
  token: string,
  signal?: AbortSignal,
): Promise<ReferenceData> {
  const get = <T>(url: string) => apiRequest<T>(url, { token, signal });
  const [district, subdistricts, waterloggingPoints, shelters, rescueTeams, warehouses] =
    await Promise.all([
      get<DistrictCollection>('/api/district'),
      get<SubdistrictCollection>('/api/subdistricts'),
      get<WaterloggingPointCollection>('/api/waterlogging-points'),
      get<ShelterCollection>('/api/shelters'),
      get<RescueTeamCollection>('/api/rescue-teams'),
      get<WarehouseCollection>('/api/warehouses'),
    ]);
  return { district, subdistricts, waterloggingPoints, shelters, rescueTeams, warehouses };
}
