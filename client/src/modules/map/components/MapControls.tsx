import type { Map as MaplibreMap } from 'maplibre-gl';
import { useTranslation } from 'react-i18next';
import { FIT_PADDING } from '../hooks/useMapInstance';
import type { Bounds } from '../utils/geometry';

/** Zoom in, zoom out, back to the whole district. */
export function MapControls({ map, district }: { map: MaplibreMap | null; district: Bounds }) {
  const { t } = useTranslation();
  return (
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
        onClick={() => map?.fitBounds(district, { padding: FIT_PADDING })}
      >
        ⤢
      </button>
    </div>
  );
}
