import type { Map as MaplibreMap } from 'maplibre-gl';

declare global {
  interface Window {
    /** The live map, for browser tests (`queryRenderedFeatures`) and console debugging. */
    __sanfangMap?: MaplibreMap;
  }
}
