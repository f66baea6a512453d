import { useEffect, useRef, type RefObject } from 'react';
import {
  Map as MaplibreMap,
  type GeoJSONSource,
  type MapGeoJSONFeature,
  type MapMouseEvent,
} from 'maplibre-gl';
import { DISTRICT_BBOX } from '@sanfang/shared';
import { CLICKABLE_LAYERS, CLUSTER_LAYERS } from '../layers/layerGroups';
import { buildMapStyle } from '../layers/mapStyle';
import type { SourceId } from '../layers/sources';
import type { MapSelection } from '../state/selection';
import '../utils/setupMaplibre';

export const FIT_PADDING = 32;
const INTERACTIVE_LAYERS = [...Object.keys(CLUSTER_LAYERS), ...Object.keys(CLICKABLE_LAYERS)];

/**
 * The maplibre Map's lifecycle: created on mount, handed over once its style has loaded,
 * removed on unmount (with the browser tests' handle). Call it after the hooks that use the
 * map, so its cleanup (map.remove) runs after theirs.
 */
export function useMapInstance(
  containerRef: RefObject<HTMLDivElement | null>,
  setMap: (map: MaplibreMap | null) => void,
): void {
  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const instance = new MaplibreMap({
      container,
      style: buildMapStyle(),
      bounds: DISTRICT_BBOX,
      fitBoundsOptions: { padding: FIT_PADDING },
      attributionControl: false,
      dragRotate: false,
      pitchWithRotate: false,
      minZoom: 7,
      maxZoom: 18,
    });
    window.__sanfangMap = instance;
    instance.on('load', () => setMap(instance));
    return () => {
      setMap(null);
      instance.remove();
      if (window.__sanfangMap === instance) delete window.__sanfangMap;
      delete document.body.dataset.mapReady;
    };
  }, [containerRef, setMap]);
}

function zoomIntoCluster(map: MaplibreMap, sourceId: SourceId, cluster: MapGeoJSONFeature): void {
  const clusterId: unknown = cluster.properties.cluster_id;
  const source = map.getSource<GeoJSONSource>(sourceId);
  if (typeof clusterId !== 'number' || !source || cluster.geometry.type !== 'Point') return;
  const [lon, lat] = cluster.geometry.coordinates as [number, number];
  source.getClusterExpansionZoom(clusterId).then(
    (zoom) => map.easeTo({ center: [lon, lat], zoom }),
    () => undefined,
  );
}

/** Clicks select a feature (or zoom into a cluster, or clear on empty ground); hover shows a pointer. */
export function useMapPointer(
  map: MaplibreMap | null,
  onSelect: (selection: MapSelection | null) => void,
): void {
  const onSelectRef = useRef(onSelect);
  useEffect(() => {
    onSelectRef.current = onSelect;
  }, [onSelect]);

  useEffect(() => {
    if (!map) return;
    const handleClick = (event: MapMouseEvent) => {
      const [hit] = map.queryRenderedFeatures(event.point, { layers: INTERACTIVE_LAYERS });
      if (!hit) {
        onSelectRef.current(null);
        return;
      }
      const clusterSource = CLUSTER_LAYERS[hit.layer.id];
      if (clusterSource) {
        zoomIntoCluster(map, clusterSource, hit);
        return;
      }
      const kind = CLICKABLE_LAYERS[hit.layer.id];
      const id: unknown = hit.properties.id;
      if (kind && typeof id === 'string') onSelectRef.current({ kind, id });
    };
    const handleMove = (event: MapMouseEvent) => {
      const hits = map.queryRenderedFeatures(event.point, { layers: INTERACTIVE_LAYERS });
      map.getCanvas().style.cursor = hits.length > 0 ? 'pointer' : '';
    };
    map.on('click', handleClick);
    map.on('mousemove', handleMove);
    return () => {
      map.off('click', handleClick);
      map.off('mousemove', handleMove);
    };
  }, [map]);
}
