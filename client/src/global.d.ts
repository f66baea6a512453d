import type { Map as MaplibreMap } from 'maplibre-gl';
import type { LiveStore } from './modules/live/state/liveStore';

declare global {
  interface Window {
    /** The live map, for browser tests (`queryRenderedFeatures`) and console debugging. */
    __sanfangMap?: MaplibreMap;
    /** The live store, for bench:replay (applies a storm's events live, as the socket would). */
    __sanfangLive?: LiveStore;
  }
}
