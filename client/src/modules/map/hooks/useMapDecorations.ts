import { useEffect } from 'react';
import { Marker, type Map as MaplibreMap } from 'maplibre-gl';
import type { ReferenceData } from '../api/referenceApi';
import { addBasemap, fetchBasemap } from '../layers/basemap';
import {
  FEATURE_KIND_SOURCE,
  GROUP_LAYER_IDS,
  LAYER_GROUPS,
  type LayerVisibility,
} from '../layers/layerGroups';
import type { MapSelection } from '../state/selection';

/** Shows or hides each layer group as the toggle panel says. */
export function useLayerVisibility(map: MaplibreMap | null, visibility: LayerVisibility): void {
  useEffect(() => {
    if (!map) return;
    for (const group of LAYER_GROUPS) {
      for (const layerId of GROUP_LAYER_IDS[group]) {
        map.setLayoutProperty(layerId, 'visibility', visibility[group] ? 'visible' : 'none');
      }
    }
  }, [map, visibility]);
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

/** Subdistrict names as HTML markers: a symbol layer would need glyphs from a font server. */
export function useSubdistrictLabels(
  map: MaplibreMap | null,
  data: ReferenceData | null,
  language: string,
  visible: boolean,
): void {
  useEffect(() => {
    if (!map || !data || !visible) return;
    const markers = data.subdistricts.features.map(({ properties }) =>
      new Marker({
        element: subdistrictLabel(properties.name, language === 'en' ? properties.nameEn : null),
        anchor: 'center',
      })
        .setLngLat(properties.centre)
        .addTo(map),
    );
    return () => markers.forEach((marker) => marker.remove());
  }, [map, data, language, visible]);
}

/** Marks the selected feature (feature-state `selected`). */
export function useSelectionHighlight(
  map: MaplibreMap | null,
  data: ReferenceData | null,
  selection: MapSelection | null,
): void {
  useEffect(() => {
    if (!map || !data || !selection) return;
    const target = { source: FEATURE_KIND_SOURCE[selection.kind], id: selection.id };
    map.setFeatureState(target, { selected: true });
    return () => {
      map.removeFeatureState(target, 'selected');
    };
  }, [map, data, selection]);
}

/** The intranet basemap when the server has TILE_URL; without it nothing leaves the origin. */
export function useBasemap(map: MaplibreMap | null): void {
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
}
