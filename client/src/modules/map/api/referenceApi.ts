import {
  referenceRoutes,
  type DistrictCollection,
  type RescueTeamCollection,
  type ShelterCollection,
  type SubdistrictCollection,
  type WarehouseCollection,
  type WaterloggingPointCollection,
} from '@sanfang/shared';
import { callApi } from '../../api/call';

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
  const options = { token, signal };
  const [district, subdistricts, waterloggingPoints, shelters, rescueTeams, warehouses] =
    await Promise.all([
      callApi(referenceRoutes.district, options),
      callApi(referenceRoutes.subdistricts, options),
      callApi(referenceRoutes.waterloggingPoints, options),
      callApi(referenceRoutes.shelters, options),
      callApi(referenceRoutes.rescueTeams, options),
      callApi(referenceRoutes.warehouses, options),
    ]);
  return { district, subdistricts, waterloggingPoints, shelters, rescueTeams, warehouses };
}
