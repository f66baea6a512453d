import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  Map as MaplibreMap,
  Marker,
  type GeoJSONSource,
  type MapGeoJSONFeature,
  type MapMouseEvent,
} from 'maplibre-gl';
import { DISTRICT_BBOX } from '@sanfang/shared';
import { useLanguage } from '../../../i18n/useLanguage';
import type { ReferenceData } from '../api/referenceApi';
import {
  CLICKABLE_LAYERS,
  CLUSTER_LAYERS,
  FEATURE_KIND_SOURCE,
  GROUP_LAYER_IDS,
  LAYER_GROUPS,
  type LayerVisibility,
} from '../layers/layerGroups';
import { addBasemap, fetchBasemap } from '../layers/basemap';
import { buildMapStyle } from '../layers/mapStyle';
import { SOURCE_IDS, type SourceId } from '../layers/sources';
import type { PointState } from '../../../vocabulary/pointStates';
import type { KeyedFeature } from '../live/featureDiff';
import { applyPointStates, FeatureSourceSync, restorePointStates } from '../live/sourceSync';
import type { MapSelection } from '../state/selection';
import { boundsOf, withPaletteIndex, type Bounds } from '../utils/geometry';
import '../utils/setupMaplibre';

interface DistrictMapProps {
  data: ReferenceData | null;
  visibility: LayerVisibility;
  selection: MapSelection | null;
  onSelect: (selection: MapSelection | null) => void;
  /** Live overlays, diffed into their sources as they change. */
  warnings: readonly KeyedFeature[];
  incidents: readonly KeyedFeature[];
  pointStates: ReadonlyMap<string, PointState>;
}

const NO_STATES: ReadonlyMap<string, PointState> = new Map();

const FIT_PADDING = 32;
const INTERACTIVE_LAYERS = [...Object.keys(CLUSTER_LAYERS), ...Object.keys(CLICKABLE_LAYERS)];

type SourceData = Parameters<GeoJSONSource['setData']>[0];

function setSourceData(map: MaplibreMap, id: SourceId, data: SourceData): void {
  map
    .getSource<GeoJSONSource>(id)
    ?.setData(data)
    .catch(() => {
      // A failed worker update leaves the old data on screen; nothing more useful to do here.
    });
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

function subdistrictLabel(name: string, nameEn: string | null): HTMLElement {
  const element = document.createElement('div');
  element.className = 'subdistrict-label';
  element.textContent = name;
  if (nameEn) {
    const english = document.createElement('span');
    english.className = 'subdistrict-label__en';
    english.textContent = nameEn;
    element.append(english);
  }
  return element;
}

/** The one owner of the maplibre Map; everything else talks to it through props. */
export function DistrictMap({
  data,
  visibility,
  selection,
  onSelect,
  warnings,
  incidents,
  pointStates,
}: DistrictMapProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const containerRef = useRef<HTMLDivElement>(null);
  // Set once the style has loaded; effects below only touch a ready map.
  const [map, setMap] = useState<MaplibreMap | null>(null);
  const onSelectRef = useRef(onSelect);
  useEffect(() => {
    onSelectRef.current = onSelect;
  }, [onSelect]);

  // What the waterlogging source currently shows, so a state change sends only a diff.
  const shownStates = useRef<ReadonlyMap<string, PointState>>(NO_STATES);
  const latestStates = useRef(pointStates);
  latestStates.current = pointStates;
  const syncs = useRef<{ warnings: FeatureSourceSync; incidents: FeatureSourceSync } | null>(null);

  // Keyed on the collections, not on `data`: a live resource event replaces only the collection
  // it changed, and the others must not be pushed (or the view re-fitted) again for it.
  const subdistrictCollection = data?.subdistricts;
  const districtCollection = data?.district;
  const subdistricts = useMemo(
    () => subdistrictCollection && withPaletteIndex(subdistrictCollection),
    [subdistrictCollection],
  );
  const districtBounds = useMemo<Bounds>(
    () => (districtCollection && boundsOf(districtCollection)) ?? DISTRICT_BBOX,
    [districtCollection],
  );
  // What each source was last given, and whether this map has been fitted to the district yet.
  const pushed = useRef<Partial<Record<SourceId, unknown>>>({});
  const fitted = useRef(false);
  const waterloggingPushes = useRef(0);

  // Push changed collections into their sources, fit the district once, then flag readiness
  // for browser tests.
  useEffect(() => {
    if (!map || !data || !subdistricts) return;
    const collections: [SourceId, SourceData][] = [
      [SOURCE_IDS.district, data.district],
      [SOURCE_IDS.subdistricts, subdistricts],
      [SOURCE_IDS.waterloggingPoints, data.waterloggingPoints],
      [SOURCE_IDS.shelters, data.shelters],
      [SOURCE_IDS.rescueTeams, data.rescueTeams],
      [SOURCE_IDS.warehouses, data.warehouses],
    ];
    const changed = collections.filter(([id, collection]) => pushed.current[id] !== collection);
    if (changed.length === 0) return;
    delete document.body.dataset.mapReady;
    for (const [id, collection] of changed) {
      pushed.current[id] = collection;
      if (id !== SOURCE_IDS.waterloggingPoints) {
        setSourceData(map, id, collection);
        continue;
      }
      // Point states are feature-state, not data: put them back once the source has reloaded
      // (unless a newer push or the map's removal came first).
      const push = ++waterloggingPushes.current;
      map
        .getSource<GeoJSONSource>(id)
        ?.setData(collection)
        .then(
          () => {
            if (push !== waterloggingPushes.current) return;
            restorePointStates(map, id, shownStates.current, latestStates.current);
            shownStates.current = latestStates.current;
          },
          () => undefined,
        );
    }
    if (!fitted.current) {
      fitted.current = true;
      map.fitBounds(districtBounds, { padding: FIT_PADDING, duration: 0 });
    }

    // Not removed on cleanup: a later run that pushes nothing must not leave the flag unset.
    const sourceIds = Object.values(SOURCE_IDS);
    const markReady = () => {
      if (!sourceIds.every((id) => map.isSourceLoaded(id))) return;
      document.body.dataset.mapReady = '1';
      map.off('idle', markReady);
    };
    map.on('idle', markReady);
  }, [map, data, subdistricts, districtBounds]);

  useEffect(() => {
    if (!map || !data) return;
    applyPointStates(map, SOURCE_IDS.waterloggingPoints, shownStates.current, pointStates);
    shownStates.current = pointStates;
  }, [map, data, pointStates]);

  useEffect(() => {
    if (!map) return;
    syncs.current ??= {
      warnings: new FeatureSourceSync(map, SOURCE_IDS.warnings),
      incidents: new FeatureSourceSync(map, SOURCE_IDS.incidents),
    };
    syncs.current.warnings.sync(warnings);
  }, [map, warnings]);

  useEffect(() => {
    if (!map) return;
    syncs.current ??= {
      warnings: new FeatureSourceSync(map, SOURCE_IDS.warnings),
      incidents: new FeatureSourceSync(map, SOURCE_IDS.incidents),
    };
    syncs.current.incidents.sync(incidents);
  }, [map, incidents]);

  useEffect(() => {
    if (!map) return;
    for (const group of LAYER_GROUPS) {
      for (const layerId of GROUP_LAYER_IDS[group]) {
        map.setLayoutProperty(layerId, 'visibility', visibility[group] ? 'visible' : 'none');
      }
    }
  }, [map, visibility]);

  // Names as HTML markers: a symbol layer would need glyphs from a font server.
  useEffect(() => {
    if (!map || !data || !visibility.subdistricts) return;
    const markers = data.subdistricts.features.map(({ properties }) =>
      new Marker({
        element: subdistrictLabel(properties.name, language === 'en' ? properties.nameEn : null),
        anchor: 'center',
      })
        .setLngLat(properties.centre)
        .addTo(map),
    );
    return () => markers.forEach((marker) => marker.remove());
  }, [map, data, language, visibility.subdistricts]);

  useEffect(() => {
    if (!map || !data || !selection) return;
    const target = { source: FEATURE_KIND_SOURCE[selection.kind], id: selection.id };
    map.setFeatureState(target, { selected: true });
    return () => {
      map.removeFeatureState(target, 'selected');
    };
  }, [map, data, selection]);

  // The intranet basemap when the server has TILE_URL; without it nothing leaves the origin.
  useEffect(() => {
    if (!map) return;
    const controller = new AbortController();
    fetchBasemap(controller.signal).then(
      (basemap) => {
        if (basemap && !controller.signal.aborted) addBasemap(map, basemap);
      },
      () => undefined, // The built-in basemap stays: the console works without tiles.
    );
    return () => controller.abort();
  }, [map]);

  // Declared last so that on unmount its cleanup (map.remove) runs after the effects above.
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

    const handleClick = (event: MapMouseEvent) => {
      const [hit] = instance.queryRenderedFeatures(event.point, { layers: INTERACTIVE_LAYERS });
      if (!hit) {
        onSelectRef.current(null);
        return;
      }
      const clusterSource = CLUSTER_LAYERS[hit.layer.id];
      if (clusterSource) {
        zoomIntoCluster(instance, clusterSource, hit);
        return;
      }
      const kind = CLICKABLE_LAYERS[hit.layer.id];
      const id: unknown = hit.properties.id;
      if (kind && typeof id === 'string') onSelectRef.current({ kind, id });
    };
    const handleMove = (event: MapMouseEvent) => {
      const hits = instance.queryRenderedFeatures(event.point, { layers: INTERACTIVE_LAYERS });
      instance.getCanvas().style.cursor = hits.length > 0 ? 'pointer' : '';
    };

    instance.on('load', () => {
      instance.on('click', handleClick);
      instance.on('mousemove', handleMove);
      setMap(instance);
    });

    return () => {
      setMap(null);
      syncs.current = null;
      pushed.current = {};
      fitted.current = false;
      waterloggingPushes.current += 1;
      instance.remove();
      if (window.__sanfangMap === instance) delete window.__sanfangMap;
      delete document.body.dataset.mapReady;
    };
  }, []);

  return (
    <div className="district-map">
      <div
        ref={containerRef}
        className="district-map__canvas"
        role="region"
        aria-label={t('map.ariaLabel')}
        data-testid="district-map"
      />
      <div className="district-map__controls">
        <button
          type="button"
          title={t('map.zoomIn')}
          aria-label={t('map.zoomIn')}
          onClick={() => map?.zoomIn()}
        >
          +
        </button>
        <button
          type="button"
          title={t('map.zoomOut')}
          aria-label={t('map.zoomOut')}
          onClick={() => map?.zoomOut()}
        >
          −
        </button>
        <button
          type="button"
          title={t('map.fitDistrict')}
          aria-label={t('map.fitDistrict')}
          onClick={() => map?.fitBounds(districtBounds, { padding: FIT_PADDING })}
        >
          ⤢
        </button>
      </div>
    </div>
  );
}
