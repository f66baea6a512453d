import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Map as MaplibreMap } from 'maplibre-gl';
import { DISTRICT_BBOX } from '@sanfang/shared';
import { useLanguage } from '../../../i18n/useLanguage';
import type { PointState } from '../../../vocabulary/pointStates';
import type { ReferenceData } from '../api/referenceApi';
import {
  useBasemap,
  useLayerVisibility,
  useSelectionHighlight,
  useSubdistrictLabels,
} from '../hooks/useMapDecorations';
import { useMapInstance, useMapPointer } from '../hooks/useMapInstance';
import { useLiveOverlay, usePointStates, useReferenceSources } from '../hooks/useMapSources';
import type { LayerVisibility } from '../layers/layerGroups';
import { SOURCE_IDS } from '../layers/sources';
import type { KeyedFeature } from '../live/featureDiff';
import type { MapSelection } from '../state/selection';
import { boundsOf, type Bounds } from '../utils/geometry';
import { MapControls } from './MapControls';

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

/** The one owner of the maplibre Map; each behaviour is one hook, fed from props. */
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
  // Set once the style has loaded; the hooks below only touch a ready map.
  const [map, setMap] = useState<MaplibreMap | null>(null);
  const districtCollection = data?.district;
  const districtBounds = useMemo<Bounds>(
    () => (districtCollection && boundsOf(districtCollection)) ?? DISTRICT_BBOX,
    [districtCollection],
  );

  const states = usePointStates(map, data, pointStates);
  useReferenceSources(map, data, districtBounds, states);
  useLiveOverlay(map, SOURCE_IDS.warnings, warnings);
  useLiveOverlay(map, SOURCE_IDS.incidents, incidents);
  useLayerVisibility(map, visibility);
  useSubdistrictLabels(map, data, language, visibility.subdistricts);
  useSelectionHighlight(map, data, selection);
  useBasemap(map);
  useMapPointer(map, onSelect);
  // Last, so that on unmount its cleanup (map.remove) runs after the hooks above.
  useMapInstance(containerRef, setMap);

  return (
    <div className="district-map">
      <div
        ref={containerRef}
        className="district-map__canvas"
        role="region"
        aria-label={t('map.ariaLabel')}
        data-testid="district-map"
      />
      <MapControls map={map} district={districtBounds} />
    </div>
  );
}
