import type { GeoJSONSourceSpecification } from 'maplibre-gl';

export const SOURCE_IDS = {
  district: 'district',
  subdistricts: 'subdistricts',
  waterloggingPoints: 'waterlogging-points',
  shelters: 'shelters',
  rescueTeams: 'rescue-teams',
  warehouses: 'warehouses',
  // Console overlays (issue 6): kept live with updateData diffs, so features need ids.
  warnings: 'warnings',
  incidents: 'incidents',
} as const;
export type SourceKey = keyof typeof SOURCE_IDS;
export type SourceId = (typeof SOURCE_IDS)[SourceKey];

const EMPTY: GeoJSONSourceSpecification['data'] = { type: 'FeatureCollection', features: [] };

// Sources start empty and are filled with setData once the API answers, so the map
// (background, controls) appears immediately and live updates later reuse the same sources.
export function buildSources(): Record<SourceId, GeoJSONSourceSpecification> {
  return {
    [SOURCE_IDS.district]: { type: 'geojson', data: EMPTY },
    [SOURCE_IDS.subdistricts]: { type: 'geojson', data: EMPTY, promoteId: 'code' },
    [SOURCE_IDS.waterloggingPoints]: {
      type: 'geojson',
      data: EMPTY,
      promoteId: 'id',
      cluster: true,
      clusterRadius: 40,
      // Past this zoom every point is drawn on its own, so each one can be clicked.
      clusterMaxZoom: 14,
    },
    [SOURCE_IDS.shelters]: { type: 'geojson', data: EMPTY, promoteId: 'id' },
    [SOURCE_IDS.rescueTeams]: { type: 'geojson', data: EMPTY, promoteId: 'id' },
    [SOURCE_IDS.warehouses]: { type: 'geojson', data: EMPTY, promoteId: 'id' },
    [SOURCE_IDS.warnings]: { type: 'geojson', data: EMPTY, promoteId: 'id' },
    [SOURCE_IDS.incidents]: {
      type: 'geojson',
      data: EMPTY,
      promoteId: 'id',
      cluster: true,
      clusterRadius: 30,
      clusterMaxZoom: 13,
    },
  };
}
