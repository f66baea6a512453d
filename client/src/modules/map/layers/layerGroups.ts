import { AREA_LAYER_IDS } from './areaLayers';
import { POINT_LAYER_IDS } from './pointLayers';
import { SOURCE_IDS, type SourceId } from './sources';

/** What the toggle panel switches; each group names the layers it shows or hides. */
export const LAYER_GROUPS = [
  'district',
  'subdistricts',
  'warnings',
  'waterlogging',
  'incidents',
  'shelters',
  'rescueTeams',
  'warehouses',
] as const;
export type LayerGroupId = (typeof LAYER_GROUPS)[number];
export type LayerVisibility = Record<LayerGroupId, boolean>;

export const GROUP_LAYER_IDS: Readonly<Record<LayerGroupId, readonly string[]>> = {
  district: [AREA_LAYER_IDS.districtFill, AREA_LAYER_IDS.districtOutline],
  subdistricts: [AREA_LAYER_IDS.subdistrictFill, AREA_LAYER_IDS.subdistrictLine],
  warnings: [AREA_LAYER_IDS.warningFill, AREA_LAYER_IDS.warningOutline],
  waterlogging: [POINT_LAYER_IDS.waterloggingClusters, POINT_LAYER_IDS.waterloggingPoints],
  incidents: [POINT_LAYER_IDS.incidentClusters, POINT_LAYER_IDS.incidents],
  shelters: [POINT_LAYER_IDS.shelters],
  rescueTeams: [POINT_LAYER_IDS.rescueTeams],
  warehouses: [POINT_LAYER_IDS.warehouses],
};

export const ALL_VISIBLE: LayerVisibility = {
  district: true,
  subdistricts: true,
  warnings: true,
  waterlogging: true,
  incidents: true,
  shelters: true,
  rescueTeams: true,
  warehouses: true,
};

/** Point kinds a user can click for details. */
export type PointKind = 'waterlogging' | 'shelter' | 'team' | 'warehouse';

export const CLICKABLE_LAYERS: Readonly<Record<string, PointKind>> = {
  [POINT_LAYER_IDS.waterloggingPoints]: 'waterlogging',
  [POINT_LAYER_IDS.shelters]: 'shelter',
  [POINT_LAYER_IDS.rescueTeams]: 'team',
  [POINT_LAYER_IDS.warehouses]: 'warehouse',
};

export const POINT_KIND_SOURCE: Readonly<Record<PointKind, SourceId>> = {
  waterlogging: SOURCE_IDS.waterloggingPoints,
  shelter: SOURCE_IDS.shelters,
  team: SOURCE_IDS.rescueTeams,
  warehouse: SOURCE_IDS.warehouses,
};
