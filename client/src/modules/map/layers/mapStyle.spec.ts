import {
  CLICKABLE_LAYERS,
  CLUSTER_LAYERS,
  FEATURE_KIND_SOURCE,
  GROUP_LAYER_IDS,
  LAYER_GROUPS,
} from './layerGroups';
import { POINT_STATES } from '../../../vocabulary/pointStates';
import { buildMapStyle, MAP_LAYERS } from './mapStyle';
import { waterloggingPointLayer } from './pointLayers';
import { SOURCE_IDS } from './sources';

describe(buildMapStyle.name, () => {
  const style = buildMapStyle();
  const layerIds = style.layers.map((layer) => layer.id);

  describe('offline', () => {
    it('has no glyphs or sprite', () => {
      expect(style).not.toHaveProperty('glyphs');
      expect(style).not.toHaveProperty('sprite');
    });

    it('contains no URL to any host', () => {
      const json = JSON.stringify(style);
      expect(json).not.toMatch(/https?:\/\//i);
      expect(json).not.toMatch(/mapbox:\/\//i);
      expect(json).not.toMatch(/"(url|tiles)"\s*:/);
    });

    it('draws no text (text needs glyphs from a font server)', () => {
      for (const layer of style.layers) {
        expect(layer.type).not.toBe('symbol');
      }
    });

    it('uses only inline GeoJSON sources', () => {
      for (const source of Object.values(style.sources)) {
        expect(source.type).toBe('geojson');
        if (source.type === 'geojson') expect(typeof source.data).toBe('object');
      }
    });
  });

  describe('layers', () => {
    it('reference only sources that exist', () => {
      const sourceIds = Object.keys(style.sources);
      for (const layer of style.layers) {
        if (layer.type === 'background') continue;
        expect(sourceIds).toContain(layer.source);
      }
    });

    it('have unique ids', () => {
      expect(new Set(layerIds).size).toBe(layerIds.length);
    });

    it('draw points above areas', () => {
      const lastArea = Math.max(
        ...MAP_LAYERS.map((layer, i) => (layer.type === 'fill' || layer.type === 'line' ? i : -1)),
      );
      const firstPoint = MAP_LAYERS.findIndex((layer) => layer.type === 'circle');
      expect(firstPoint).toBeGreaterThan(lastArea);
    });

    it('colour waterlogging points by feature-state, so a state change rebuilds no tile', () => {
      const paint = waterloggingPointLayer.paint ?? {};
      expect(paint['circle-color']).toEqual(
        expect.arrayContaining(['match', ['feature-state', 'state']]),
      );
      // Every state the console sets has its own colour; anything else falls back to quiet.
      for (const state of POINT_STATES.filter((s) => s !== 'quiet'))
        expect(paint['circle-color']).toContain(state);
      expect(JSON.stringify(paint)).not.toContain('["get","state"]');
    });

    it('cluster the waterlogging points', () => {
      const source = style.sources[SOURCE_IDS.waterloggingPoints];
      expect(source).toMatchObject({ type: 'geojson', cluster: true });
    });
  });

  describe('layer groups', () => {
    it('toggle only layers that exist', () => {
      for (const group of LAYER_GROUPS) {
        for (const id of GROUP_LAYER_IDS[group]) expect(layerIds).toContain(id);
      }
    });

    it('cover every layer except the background', () => {
      const grouped = LAYER_GROUPS.flatMap((group) => GROUP_LAYER_IDS[group]);
      expect([...grouped].sort()).toEqual(layerIds.filter((id) => id !== 'background').sort());
    });

    it('make clickable layers and their kinds point at real layers and sources', () => {
      for (const [layerId, kind] of Object.entries(CLICKABLE_LAYERS)) {
        expect(layerIds).toContain(layerId);
        const layer = style.layers.find((l) => l.id === layerId);
        expect(layer && 'source' in layer && layer.source).toBe(FEATURE_KIND_SOURCE[kind]);
      }
    });

    it('make incidents and warning areas clickable, and both cluster layers zoom in', () => {
      expect(Object.values(CLICKABLE_LAYERS)).toEqual(
        expect.arrayContaining(['incident', 'warning']),
      );
      for (const [layerId, sourceId] of Object.entries(CLUSTER_LAYERS)) {
        const layer = style.layers.find((l) => l.id === layerId);
        expect(layer && 'source' in layer && layer.source).toBe(sourceId);
        expect(style.sources[sourceId]).toMatchObject({ cluster: true });
      }
      expect(Object.keys(CLUSTER_LAYERS).sort()).toEqual([
        'incident-clusters',
        'waterlogging-clusters',
      ]);
    });
  });
});
