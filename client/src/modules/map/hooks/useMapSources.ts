import { useEffect, useMemo, useRef } from 'react';
import type { GeoJSONSource, Map as MaplibreMap } from 'maplibre-gl';
import type { PointState } from '../../../vocabulary/pointStates';
import type { ReferenceData } from '../api/referenceApi';
import { SOURCE_IDS, type SourceId } from '../layers/sources';
import type { KeyedFeature } from '../live/featureDiff';
import { applyPointStates, FeatureSourceSync, restorePointStates } from '../live/sourceSync';
import { withPaletteIndex, type Bounds } from '../utils/geometry';
import { teamsAtLastFix } from '../utils/teamsAtLastFix';
import { FIT_PADDING } from './useMapInstance';

type SourceData = Parameters<GeoJSONSource['setData']>[0];

function setSourceData(map: MaplibreMap, id: SourceId, data: SourceData): void {
  map
    .getSource<GeoJSONSource>(id)
    ?.setData(data)
    .catch(() => {
      // A failed worker update leaves the old data on screen; nothing more useful to do here.
    });
}

const NO_STATES: ReadonlyMap<string, PointState> = new Map();

/** What the waterlogging source shows of the point states, and what it should show. */
export interface PointStateRefs {
  shown: { current: ReadonlyMap<string, PointState> };
  latest: { current: ReadonlyMap<string, PointState> };
}

/** Colours the waterlogging points by feature-state, sending only the diff. */
export function usePointStates(
  map: MaplibreMap | null,
  data: ReferenceData | null,
  pointStates: ReadonlyMap<string, PointState>,
): PointStateRefs {
  const shown = useRef<ReadonlyMap<string, PointState>>(NO_STATES);
  const latest = useRef(pointStates);
  latest.current = pointStates;
  useEffect(() => {
    if (!map || !data) return;
    applyPointStates(map, SOURCE_IDS.waterloggingPoints, shown.current, pointStates);
    shown.current = pointStates;
  }, [map, data, pointStates]);
  return useMemo(() => ({ shown, latest }), []);
}

/**
 * Pushes the reference collections that changed into their sources, fits the district once,
 * then flags readiness for browser tests. Keyed on the collections, not on `data`: a live
 * resource event replaces only the collection it changed.
 */
export function useReferenceSources(
  map: MaplibreMap | null,
  data: ReferenceData | null,
  districtBounds: Bounds,
  states: PointStateRefs,
): void {
  const subdistrictCollection = data?.subdistricts;
  const subdistricts = useMemo(
    () => subdistrictCollection && withPaletteIndex(subdistrictCollection),
    [subdistrictCollection],
  );
  // What each source was last given, and whether this map has been fitted to the district yet.
  const pushed = useRef<Partial<Record<SourceId, unknown>>>({});
  const fitted = useRef(false);
  const waterloggingPushes = useRef(0);

  useEffect(() => {
    if (!map) return;
    return () => {
      pushed.current = {};
      fitted.current = false;
      // A push still in flight must not restore states onto a removed map.
      waterloggingPushes.current += 1;
    };
  }, [map]);

  const rescueTeams = data?.rescueTeams;
  const teamsDrawn = useMemo(() => rescueTeams && teamsAtLastFix(rescueTeams), [rescueTeams]);

  useEffect(() => {
    if (!map || !data || !subdistricts || !teamsDrawn) return;
    const collections: [SourceId, SourceData][] = [
      [SOURCE_IDS.district, data.district],
      [SOURCE_IDS.subdistricts, subdistricts],
      [SOURCE_IDS.waterloggingPoints, data.waterloggingPoints],
      [SOURCE_IDS.shelters, data.shelters],
      [SOURCE_IDS.rescueTeams, teamsDrawn],
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
            restorePointStates(map, id, states.shown.current, states.latest.current);
            states.shown.current = states.latest.current;
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
  }, [map, data, subdistricts, teamsDrawn, districtBounds, states]);
}

/** A live overlay (warnings, incidents): diffed into its source as it changes. */
export function useLiveOverlay(
  map: MaplibreMap | null,
  sourceId: SourceId,
  features: readonly KeyedFeature[],
): void {
  const sync = useMemo(() => map && new FeatureSourceSync(map, sourceId), [map, sourceId]);
  useEffect(() => {
    sync?.sync(features);
  }, [sync, features]);
}
