import { clientConfigRoutes, type ClientConfigDto } from '@sanfang/shared';
import { AttributionControl, type Map as MaplibreMap } from 'maplibre-gl';
import { callApi } from '../../api/call';
import { AREA_LAYER_IDS } from './areaLayers';

export type Basemap = NonNullable<ClientConfigDto['basemap']>;

export const BASEMAP_ID = 'basemap';

/** The server's TILE_URL (and its attribution), or null for the built-in offline basemap. */
export async function fetchBasemap(signal?: AbortSignal): Promise<Basemap | null> {
  const config = await callApi(clientConfigRoutes.get, { signal });
  return config.basemap;
}

/** Attribution is drawn as HTML by MapLibre; the operator's text is shown as text. */
function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Raster tiles from the district's tile server under every console layer; the district and
 * subdistrict tints become washes so the streets show through. Idempotent.
 */
export function addBasemap(map: MaplibreMap, basemap: Basemap): void {
  if (map.getSource(BASEMAP_ID)) return;
  map.addSource(BASEMAP_ID, {
    type: 'raster',
    tiles: [basemap.tileUrl],
    tileSize: 256,
    maxzoom: 18,
    ...(basemap.attribution ? { attribution: escapeHtml(basemap.attribution) } : {}),
  });
  map.addLayer({ id: BASEMAP_ID, type: 'raster', source: BASEMAP_ID }, AREA_LAYER_IDS.districtFill);
  map.setPaintProperty(AREA_LAYER_IDS.districtFill, 'fill-opacity', 0.08);
  map.setPaintProperty(AREA_LAYER_IDS.subdistrictFill, 'fill-opacity', 0.3);
  map.addControl(new AttributionControl({ compact: false }), 'bottom-right');
}
