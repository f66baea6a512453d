import type { LayerSpecification, StyleSpecification } from 'maplibre-gl';
import {
  backgroundLayer,
  districtFillLayer,
  districtOutlineLayer,
  subdistrictFillLayer,
  subdistrictLineLayer,
  warningFillLayer,
  warningOutlineLayer,
} from './areaLayers';
import {
  incidentClusterLayer,
  incidentLayer,
  rescueTeamLayer,
  shelterLayer,
  warehouseLayer,
  waterloggingClusterLayer,
  waterloggingPointLayer,
} from './pointLayers';
import { buildSources } from './sources';

/** Bottom to top. */
export const MAP_LAYERS: readonly LayerSpecification[] = [
  backgroundLayer,
  districtFillLayer,
  subdistrictFillLayer,
  subdistrictLineLayer,
  warningFillLayer,
  districtOutlineLayer,
  warningOutlineLayer,
  waterloggingClusterLayer,
  waterloggingPointLayer,
  shelterLayer,
  warehouseLayer,
  rescueTeamLayer,
  incidentClusterLayer,
  incidentLayer,
];

/**
 * The whole basemap, built in code. Deliberately no `glyphs`, `sprite` or tile URLs: the duty
 * room must work with no internet, so nothing here may point at any host. Labels are HTML
 * markers instead of symbol layers for the same reason.
 */
export function buildMapStyle(): StyleSpecification {
  return {
    version: 8,
    name: 'sanfang-offline',
    sources: buildSources(),
    layers: [...MAP_LAYERS],
  };
}
