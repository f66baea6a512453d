import { AREA_LAYER_IDS } from './areaLayers';
import { POINT_LAYER_IDS } from './pointLayers';
import { SOURCE_IDS, type SourceId } from './sources';
import type { FeatureKind, ReferenceKind } from '../../../vocabulary/featureKinds';

export type { FeatureKind, ReferenceKind };

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

export const isReferenceKind = (kind: FeatureKind): kind is ReferenceKind =>
  kind !== 'incident' && kind !== 'warning';

export const CLICKABLE_LAYERS: Readonly<Record<string, FeatureKind>> = {
  [POINT_LAYER_IDS.waterloggingPoints]: 'waterlogging',
  [POINT_LAYER_IDS.shelters]: 'shelter',
  [POINT_LAYER_IDS.rescueTeams]: 'team',
  [POINT_LAYER_IDS.warehouses]: 'warehouse',
  [POINT_LAYER_IDS.incidents]: 'incident',
  // Below every point layer, so a point drawn over a warning area still wins the click.
  [AREA_LAYER_IDS.warningFill]: 'warning',
};

/** Cluster layers: a click zooms in until the cluster comes apart. */
export const CLUSTER_LAYERS: Readonly<Record<string, SourceId>> = {
  [POINT_LAYER_IDS.waterloggingClusters]: SOURCE_IDS.waterloggingPoints,
  [POINT_LAYER_IDS.incidentClusters]: SOURCE_IDS.incidents,
};

export const FEATURE_KIND_SOURCE: Readonly<Record<FeatureKind, SourceId>> = {
  waterlogging: SOURCE_IDS.waterloggingPoints,
  shelter: SOURCE_IDS.shelters,
  team: SOURCE_IDS.rescueTeams,
  warehouse: SOURCE_IDS.warehouses,
  incident: SOURCE_IDS.incidents,
  warning: SOURCE_IDS.warnings,
};
