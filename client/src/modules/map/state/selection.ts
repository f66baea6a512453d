import type {
  Feature,
  PointGeometry,
  RescueTeamProps,
  ShelterProps,
  WarehouseProps,
  WaterloggingPointProps,
} from '@sanfang/shared';
import type { ReferenceData } from '../api/referenceApi';
import type { FeatureKind, ReferenceKind } from '../layers/layerGroups';

export interface MapSelection {
  kind: FeatureKind;
  id: string;
}

export type SelectedFeature =
  | { kind: 'waterlogging'; feature: Feature<PointGeometry, WaterloggingPointProps> }
  | { kind: 'shelter'; feature: Feature<PointGeometry, ShelterProps> }
  | { kind: 'team'; feature: Feature<PointGeometry, RescueTeamProps> }
  | { kind: 'warehouse'; feature: Feature<PointGeometry, WarehouseProps> };

function byId<P extends { id: string }>(
  features: Feature<PointGeometry, P>[],
  id: string,
): Feature<PointGeometry, P> | undefined {
  return features.find((feature) => feature.properties.id === id);
}

/**
 * Looks the clicked feature up in the loaded data: rendered features have nested values
 * (contacts, stock) flattened to JSON strings, so the API objects are the source of truth.
 */
export function resolveSelection(
  data: ReferenceData,
  selection: { kind: ReferenceKind; id: string },
): SelectedFeature | null {
  switch (selection.kind) {
    case 'waterlogging': {
      const feature = byId(data.waterloggingPoints.features, selection.id);
      return feature ? { kind: 'waterlogging', feature } : null;
    }
    case 'shelter': {
      const feature = byId(data.shelters.features, selection.id);
      return feature ? { kind: 'shelter', feature } : null;
    }
    case 'team': {
      const feature = byId(data.rescueTeams.features, selection.id);
      return feature ? { kind: 'team', feature } : null;
    }
    case 'warehouse': {
      const feature = byId(data.warehouses.features, selection.id);
      return feature ? { kind: 'warehouse', feature } : null;
    }
  }
}
