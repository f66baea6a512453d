import { DISTRICT_BBOX, referenceRoutes } from '@sanfang/shared';
import { Map as MaplibreMap, Marker, type GeoJSONSource } from 'maplibre-gl';
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useApiQuery } from '../../data/useApiQuery';
import '../utils/setupMaplibre';

interface LocationPickerProps {
  lon: number | null;
  lat: number | null;
  onPick: (lon: number, lat: number) => void;
  /** Shown under the map: what a click does, and where to type instead. */
  hint: string;
  testId?: string;
}

const round6 = (n: number) => Math.round(n * 1e6) / 1e6;

/**
 * A small map of the district's subdistricts to pick a place on: a click puts the marker there
 * (the new incident's location, a team's position). The coordinate fields beside it stay the
 * way to type one; from the keyboard, the focused map pans with the arrow keys and Enter picks
 * its centre (the crosshair).
 */
export function LocationPicker({
  lon,
  lat,
  onPick,
  hint,
  testId = 'location-picker',
}: LocationPickerProps) {
  const ref = useRef<HTMLDivElement>(null);
  const hintId = useId();
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
    instance.getCanvas().setAttribute('aria-describedby', hintId);
    instance.on('load', () => setMap(instance));
    return () => {
      setMap(null);
      instance.remove();
    };
  }, [hintId]);

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

  // Enter on the focused map picks its centre (arrow keys pan it: MapLibre's keyboard handler).
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key !== 'Enter' || !map) return;
    e.preventDefault();
    const c = map.getCenter();
    pick.current(round6(c.lng), round6(c.lat));
  };

  return (
    <div className="location-picker">
      {/* The key handler is for the map canvas inside, which MapLibre makes focusable. */}
      {/* eslint-disable-next-line jsx-a11y/no-static-element-interactions */}
      <div
        ref={ref}
        className="location-picker__map"
        data-testid={testId}
        data-ready={map ? '1' : undefined}
        onKeyDown={onKeyDown}
      />
      <span className="desk-form__hint" id={hintId}>
        {hint}
      </span>
    </div>
  );
}
