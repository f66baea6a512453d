import type { CircleLayerSpecification, ExpressionSpecification } from 'maplibre-gl';
import { CLUSTER_STEPS, PALETTE } from './palette';
import { SOURCE_IDS } from './sources';

export const POINT_LAYER_IDS = {
  waterloggingClusters: 'waterlogging-clusters',
  waterloggingPoints: 'waterlogging-points',
  shelters: 'shelters',
  rescueTeams: 'rescue-teams',
  warehouses: 'warehouses',
  incidentClusters: 'incident-clusters',
  incidents: 'incidents',
} as const;

// The selected feature (feature-state set by DistrictMap) gets a dark ring.
const selectedStroke = (base: string): ExpressionSpecification => [
  'case',
  ['boolean', ['feature-state', 'selected'], false],
  PALETTE.selectedStroke,
  base,
];
const selectedStrokeWidth = (base: number): ExpressionSpecification => [
  'case',
  ['boolean', ['feature-state', 'selected'], false],
  3,
  base,
];

const clusterRadius = [
  'step',
  ['get', 'point_count'],
  CLUSTER_STEPS[0].radius,
  ...CLUSTER_STEPS.slice(1).flatMap((step) => [step.minCount, step.radius]),
] as ExpressionSpecification;

// No count text: text needs glyphs, and the map must not fetch fonts from any host.
export const waterloggingClusterLayer: CircleLayerSpecification = {
  id: POINT_LAYER_IDS.waterloggingClusters,
  type: 'circle',
  source: SOURCE_IDS.waterloggingPoints,
  filter: ['has', 'point_count'],
  paint: {
    'circle-color': PALETTE.waterloggingCluster,
    'circle-opacity': 0.75,
    'circle-radius': clusterRadius,
    'circle-stroke-color': PALETTE.waterlogging,
    'circle-stroke-width': 2,
  },
};

export const waterloggingPointLayer: CircleLayerSpecification = {
  id: POINT_LAYER_IDS.waterloggingPoints,
  type: 'circle',
  source: SOURCE_IDS.waterloggingPoints,
  filter: ['!', ['has', 'point_count']],
  paint: {
    // Feature-state `state`, set per changed point by the console (applyPointStates): no tile
    // is rebuilt for a colour change. Absent means quiet.
    'circle-color': [
      'match',
      ['feature-state', 'state'],
      'dispatched',
      PALETTE.pointState.dispatched,
      'acknowledged',
      PALETTE.pointState.acknowledged,
      'on_site',
      PALETTE.pointState.on_site,
      'overdue',
      PALETTE.pointState.overdue,
      'ponding',
      PALETTE.pointState.ponding,
      PALETTE.pointState.quiet,
    ],
    'circle-radius': ['interpolate', ['linear'], ['zoom'], 9, 4, 15, 8],
    'circle-stroke-color': selectedStroke(PALETTE.pointStroke),
    'circle-stroke-width': selectedStrokeWidth(1.5),
  },
};

export const shelterLayer: CircleLayerSpecification = {
  id: POINT_LAYER_IDS.shelters,
  type: 'circle',
  source: SOURCE_IDS.shelters,
  paint: {
    'circle-color': [
      'match',
      ['get', 'status'],
      'open',
      PALETTE.shelter.open,
      PALETTE.shelter.closed,
    ],
    'circle-radius': ['interpolate', ['linear'], ['zoom'], 9, 5, 15, 9],
    'circle-stroke-color': selectedStroke(PALETTE.pointStroke),
    'circle-stroke-width': selectedStrokeWidth(2),
  },
};

export const rescueTeamLayer: CircleLayerSpecification = {
  id: POINT_LAYER_IDS.rescueTeams,
  type: 'circle',
  source: SOURCE_IDS.rescueTeams,
  paint: {
    'circle-color': [
      'match',
      ['get', 'kind'],
      'professional',
      PALETTE.team.professional,
      'comprehensive',
      PALETTE.team.comprehensive,
      'social',
      PALETTE.team.social,
      PALETTE.team.militia,
    ],
    'circle-radius': ['interpolate', ['linear'], ['zoom'], 9, 4, 15, 8],
    'circle-stroke-color': selectedStroke(PALETTE.pointStroke),
    'circle-stroke-width': selectedStrokeWidth(1.5),
  },
};

// A hollow-looking ring tells warehouses apart from the filled team circles.
export const warehouseLayer: CircleLayerSpecification = {
  id: POINT_LAYER_IDS.warehouses,
  type: 'circle',
  source: SOURCE_IDS.warehouses,
  paint: {
    'circle-color': PALETTE.pointStroke,
    'circle-radius': ['interpolate', ['linear'], ['zoom'], 9, 4, 15, 8],
    'circle-stroke-color': selectedStroke(PALETTE.warehouse),
    'circle-stroke-width': ['case', ['boolean', ['feature-state', 'selected'], false], 4, 3],
  },
};

export const incidentClusterLayer: CircleLayerSpecification = {
  id: POINT_LAYER_IDS.incidentClusters,
  type: 'circle',
  source: SOURCE_IDS.incidents,
  filter: ['has', 'point_count'],
  paint: {
    'circle-color': PALETTE.incidentCluster,
    'circle-opacity': 0.8,
    'circle-radius': clusterRadius,
    'circle-stroke-color': PALETTE.pointStroke,
    'circle-stroke-width': 2,
  },
};

// Squares would need a sprite; a thick dark ring sets incidents apart from the other dots.
export const incidentLayer: CircleLayerSpecification = {
  id: POINT_LAYER_IDS.incidents,
  type: 'circle',
  source: SOURCE_IDS.incidents,
  filter: ['!', ['has', 'point_count']],
  paint: {
    'circle-color': [
      'match',
      ['get', 'grade'],
      'especially_major',
      PALETTE.incident.especially_major,
      'major',
      PALETTE.incident.major,
      'larger',
      PALETTE.incident.larger,
      PALETTE.incident.general,
    ],
    'circle-radius': ['interpolate', ['linear'], ['zoom'], 9, 6, 15, 11],
    'circle-stroke-color': selectedStroke('#212529'),
    'circle-stroke-width': selectedStrokeWidth(2.5),
  },
};
