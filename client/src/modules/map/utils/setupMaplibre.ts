import { setWorkerUrl } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?worker&url';

// maplibre-gl 6 finds its worker next to its own module; once bundled that sibling is gone,
// so hand it the URL Vite emitted (same origin, no CDN).
setWorkerUrl(workerUrl);
