import { DISTRICT_BBOX, referenceRoutes } from '@sanfang/shared';
import { Map as MaplibreMap, Marker, type GeoJSONSource } from 'maplibre-gl';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../data/useApiQuery';
import '../../map/utils/setupMaplibre';

interface LocationPickerProps {
  lon: number | null;
  lat: number | null;
  onPick: (lon: number, lat: number) => void;
}

const round6 = (n: number) => Math.round(n * 1e6) / 1e6;

/**
 * A small map of the district's subdistricts: a click puts the incident there (the coordinate
 * fields beside it stay the keyboard's way, and show what was picked).
 */
export function LocationPicker({ lon, lat, onPick }: LocationPickerProps) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const [map, setMap] = useState<MaplibreMap | null>(null);
  const marker = useRef<Marker | null>(null);
  const pick = useRef(onPick);
  useEffect(() => {
    pick.current = onPick;
  }, [onPick]);
  const areas = useApiQuery(referenceRoutes.subdistricts);

  useEffect(() => {
    if (!ref.current) return;
    const instance = new MaplibreMap({
      container: ref.current,
      style: {
        version: 8,
        sources: {},
        layers: [{ id: 'bg', type: 'background', paint: { 'background-color': '#eef2f5' } }],
      },
      bounds: DISTRICT_BBOX,
      fitBoundsOptions: { padding: 8 },
      attributionControl: false,
      dragRotate: false,
      pitchWithRotate: false,
    });
    instance.on('click', (e) => pick.current(round6(e.lngLat.lng), round6(e.lngLat.lat)));
    instance.on('load', () => setMap(instance));
    return () => {
      setMap(null);
      instance.remove();
    };
  }, []);

  useEffect(() => {
    if (!map || !areas.data) return;
    const source = map.getSource<GeoJSONSource>('areas');
    if (source) void source.setData(areas.data);
    else {
      map.addSource('areas', { type: 'geojson', data: areas.data });
      map.addLayer({
        id: 'areas-fill',
        type: 'fill',
        source: 'areas',
        paint: { 'fill-color': '#d7e3ec', 'fill-opacity': 0.6 },
      });
      map.addLayer({
        id: 'areas-line',
        type: 'line',
        source: 'areas',
        paint: { 'line-color': '#5b7083', 'line-width': 1 },
      });
    }
  }, [map, areas.data]);

  useEffect(() => {
    if (!map) return;
    if (lon === null || lat === null || Number.isNaN(lon) || Number.isNaN(lat)) {
      marker.current?.remove();
      marker.current = null;
      return;
    }
    marker.current ??= new Marker({ color: '#c92a2a' }).setLngLat([lon, lat]).addTo(map);
    marker.current.setLngLat([lon, lat]);
  }, [map, lon, lat]);

  return (
    <div className="location-picker">
      <div
        ref={ref}
        className="location-picker__map"
        data-testid="location-picker"
        data-ready={map ? '1' : undefined}
      />
      <span className="desk-form__hint">{t('incidentForm.pickHint')}</span>
    </div>
  );
}
