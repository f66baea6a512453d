/**
 * Functions run inside the console page (serialised by playwright): they use only what the
 * page has, the MapLibre map the console exposes for tests as window.__sanfangMap.
 */
interface BenchSource {
  setData(data: unknown): Promise<void>;
}
interface FeatureId {
  source: string;
  id: string;
}
interface BenchMap {
  getSource(id: string): BenchSource | undefined;
  addSource(id: string, spec: unknown): void;
  addLayer(spec: unknown): void;
  getStyle(): { layers: { id: string }[] };
  getPaintProperty(layer: string, name: string): unknown;
  setLayoutProperty(layer: string, name: string, value: unknown): void;
  setFeatureState(feature: FeatureId, state: Record<string, unknown>): void;
  getFeatureState(feature: FeatureId): Record<string, unknown>;
  once(type: string, fn: () => void): void;
  queryRenderedFeatures(o: { layers: string[] }): { id?: unknown; state: { state?: unknown } }[];
}
interface BenchPoint {
  type: 'Feature';
  id: string;
  geometry: { type: 'Point'; coordinates: [number, number] };
  properties: { id: string };
}
interface BenchWindow {
  __sanfangMap?: BenchMap;
  __benchPoints?: BenchPoint[];
  __benchRound?: number;
  __benchSource?: string;
  __benchLast?: { ids: string[]; state: string };
}

/**
 * Adds a 5,000-point source (optionally clustered like the waterlogging points) and a layer
 * coloured with the console's own waterlogging paint: point state as feature-state.
 */
export function installPoints(args: { count: number; cluster: boolean }): Promise<number> {
  const { count, cluster } = args;
  const w = window as unknown as BenchWindow;
  const map = w.__sanfangMap;
  if (!map) throw new Error('no map');
  const colour = map.getPaintProperty('waterlogging-points', 'circle-color');
  if (!JSON.stringify(colour).includes('"feature-state","state"'))
    throw new Error(
      `the console does not colour points by feature-state: ${JSON.stringify(colour)}`,
    );
  const points: BenchPoint[] = [];
  for (let i = 0; i < count; i++) {
    const pid = `bench-${i}`;
    points.push({
      type: 'Feature',
      id: pid,
      // A deterministic scatter over Bao'an.
      geometry: {
        type: 'Point',
        coordinates: [113.75 + ((i * 7919) % 2300) / 10000, 22.53 + ((i * 104729) % 3300) / 10000],
      },
      properties: { id: pid },
    });
  }
  w.__benchPoints = points;
  w.__benchRound = 0;
  // Only the bench layer is drawn, so frame painting (software WebGL) does not swamp the
  // data path being compared; both modes paint the same frame anyway.
  for (const layer of map.getStyle().layers)
    if (layer.id !== 'background') map.setLayoutProperty(layer.id, 'visibility', 'none');
  const id = cluster ? 'bench-clustered' : 'bench-points';
  w.__benchSource = id;
  map.addSource(id, {
    type: 'geojson',
    data: { type: 'FeatureCollection', features: points },
    promoteId: 'id',
    cluster,
    clusterRadius: 40,
    clusterMaxZoom: 14,
  });
  map.addLayer({
    id,
    type: 'circle',
    source: id,
    filter: ['!', ['has', 'point_count']],
    paint: { 'circle-radius': 3, 'circle-color': colour },
  });
  return new Promise((resolve) => map.once('idle', () => resolve(points.length)));
}

/**
 * Changes the state of 50 points and resolves when the map is idle again; returns the ms spent
 * in the calls themselves. diff: what the console does (applyPointStates), one setFeatureState
 * per changed point. full: the whole collection replaced with setData (as a full reload of the
 * layer does), then the same 50 states set, so both modes end with the same picture.
 */
export function changeStates(args: { mode: 'diff' | 'full'; changes: number }): Promise<number> {
  const w = window as unknown as BenchWindow;
  const map = w.__sanfangMap;
  const sourceId = w.__benchSource ?? '';
  const source = map?.getSource(sourceId);
  const points = w.__benchPoints;
  if (!map || !source || !points) throw new Error('bench points not installed');
  const round = (w.__benchRound = (w.__benchRound ?? 0) + 1);
  const state = round % 2 === 0 ? 'overdue' : 'dispatched';
  const changed = new Set<number>();
  for (let k = 0; changed.size < args.changes; k++)
    changed.add((round * 1009 + k * 97) % points.length);
  const ids = [...changed].map((i) => `bench-${i}`);
  w.__benchLast = { ids, state };
  const idle = new Promise<void>((resolve) => map.once('idle', () => resolve()));
  const t0 = performance.now();
  if (args.mode === 'full') {
    // What a whole reload does: a new collection with the changed features replaced.
    const next = points.map((p, i) =>
      changed.has(i) ? { ...p, properties: { ...p.properties } } : p,
    );
    w.__benchPoints = next;
    void source.setData({ type: 'FeatureCollection', features: next });
  }
  for (const id of ids) map.setFeatureState({ source: sourceId, id }, { state });
  const callMs = performance.now() - t0;
  return idle.then(() => callMs);
}

/**
 * After a round: every changed point holds its new state, and the ones drawn on screen are
 * drawn with it. Returns how many changed points are drawn; throws when any is wrong.
 */
export function checkLastRound(): number {
  const w = window as unknown as BenchWindow;
  const map = w.__sanfangMap;
  const sourceId = w.__benchSource ?? '';
  const last = w.__benchLast;
  if (!map || !last) throw new Error('no round to check');
  for (const id of last.ids) {
    const held = map.getFeatureState({ source: sourceId, id }).state;
    if (held !== last.state) throw new Error(`${id} holds ${String(held)}, not ${last.state}`);
  }
  const wanted = new Set(last.ids);
  const drawn = map
    .queryRenderedFeatures({ layers: [sourceId] })
    .filter((f) => wanted.has(String(f.id)));
  for (const f of drawn)
    if (f.state.state !== last.state)
      throw new Error(`${String(f.id)} is drawn as ${String(f.state.state)}, not ${last.state}`);
  return drawn.length;
}

export function signedInAndReady(layers: string[]): boolean {
  const map = (window as unknown as BenchWindow).__sanfangMap;
  return (
    document.body.dataset.mapReady === '1' &&
    !!map &&
    layers.every((id) => map.queryRenderedFeatures({ layers: [id] }).length > 0)
  );
}
