import type {
  BackgroundLayerSpecification,
  ExpressionSpecification,
  FillLayerSpecification,
  LineLayerSpecification,
} from 'maplibre-gl';
import { PALETTE } from './palette';
import { SOURCE_IDS } from './sources';

export const AREA_LAYER_IDS = {
  background: 'background',
  districtFill: 'district-fill',
  districtOutline: 'district-outline',
  subdistrictFill: 'subdistrict-fill',
  subdistrictLine: 'subdistrict-line',
  warningFill: 'warning-fill',
  warningOutline: 'warning-outline',
} as const;

// `paletteIndex` is added client-side (see withPaletteIndex) so neighbours get different tints.
const subdistrictTint: ExpressionSpecification = [
  'to-color',
  [
    'at',
    ['%', ['to-number', ['get', 'paletteIndex'], 0], PALETTE.subdistrictFills.length],
    ['literal', [...PALETTE.subdistrictFills]],
  ],
];

export const backgroundLayer: BackgroundLayerSpecification = {
  id: AREA_LAYER_IDS.background,
  type: 'background',
  paint: { 'background-color': PALETTE.background },
};

export const districtFillLayer: FillLayerSpecification = {
  id: AREA_LAYER_IDS.districtFill,
  type: 'fill',
  source: SOURCE_IDS.district,
  paint: { 'fill-color': PALETTE.districtFill, 'fill-opacity': 1 },
};

export const subdistrictFillLayer: FillLayerSpecification = {
  id: AREA_LAYER_IDS.subdistrictFill,
  type: 'fill',
  source: SOURCE_IDS.subdistricts,
  paint: { 'fill-color': subdistrictTint, 'fill-opacity': 0.85 },
};

export const subdistrictLineLayer: LineLayerSpecification = {
  id: AREA_LAYER_IDS.subdistrictLine,
  type: 'line',
  source: SOURCE_IDS.subdistricts,
  layout: { 'line-join': 'round' },
  paint: { 'line-color': PALETTE.subdistrictLine, 'line-width': 1, 'line-dasharray': [3, 2] },
};

// Drawn above the subdistricts so the district edge stays crisp.
export const districtOutlineLayer: LineLayerSpecification = {
  id: AREA_LAYER_IDS.districtOutline,
  type: 'line',
  source: SOURCE_IDS.district,
  layout: { 'line-join': 'round' },
  paint: { 'line-color': PALETTE.districtOutline, 'line-width': 2.5 },
};

// Higher colours drawn last (on top) where warnings overlap; `colour` is the signal hex.
export const warningFillLayer: FillLayerSpecification = {
  id: AREA_LAYER_IDS.warningFill,
  type: 'fill',
  source: SOURCE_IDS.warnings,
  layout: { 'fill-sort-key': ['get', 'rank'] },
  paint: { 'fill-color': ['to-color', ['get', 'colour']], 'fill-opacity': 0.32 },
};

export const warningOutlineLayer: LineLayerSpecification = {
  id: AREA_LAYER_IDS.warningOutline,
  type: 'line',
  source: SOURCE_IDS.warnings,
  layout: { 'line-join': 'round', 'line-sort-key': ['get', 'rank'] },
  paint: {
    'line-color': ['to-color', ['get', 'colour']],
    // The warning open in the details panel (feature-state set by DistrictMap) is drawn bolder.
    'line-width': ['case', ['boolean', ['feature-state', 'selected'], false], 6, 3],
    // Drills are dashed so nobody mistakes them for the real thing.
    'line-dasharray': [
      'case',
      ['boolean', ['get', 'drill'], false],
      ['literal', [2, 2]],
      ['literal', [1, 0]],
    ],
  },
};
