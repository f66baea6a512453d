/**
 * Functions run inside the console page (serialised by playwright): they use only what the
 * page has, the MapLibre map the console exposes for tests as window.__sanfangMap.
 */
interface BenchSource {
  setData(data: unknown): Promise<void>;
  updateData(diff: unknown): Promise<void>;
}
interface BenchMap {
  getSource(id: string): BenchSource | undefined;
  addSource(id: string, spec: unknown): void;
  addLayer(spec: unknown): void;
  getStyle(): { layers: { id: string }[] };
  setLayoutProperty(layer: string, name: string, value: unknown): void;
  once(type: string, fn: () => void): void;
  triggerRepaint(): void;
  queryRenderedFeatures(o: { layers: string[] }): unknown[];
}
interface BenchPoint {
  type: 'Feature';
  id: string;
  geometry: { type: 'Point'; coordinates: [number, number] };
  properties: { id: string; state: string };
}
interface BenchWindow {
  __sanfangMap?: BenchMap;
  __benchPoints?: BenchPoint[];
  __benchRound?: number;
  __benchSource?: string;
}

/** Adds a clustered 5,000-point source and layer set up like the waterlogging points. */
export function installPoints(args: { count: number; cluster: boolean }): Promise<number> {
  const { count, cluster } = args;
  const w = window as unknown as BenchWindow;
  const map = w.__sanfangMap;
  if (!map) throw new Error('no map');
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
      properties: { id: pid, state: 'quiet' },
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
    paint: {
      'circle-radius': 3,
      'circle-color': [
        'match',
        ['get', 'state'],
        'overdue',
        '#e03131',
        'dispatched',
        '#f59f00',
        '#1d6fd1',
      ],
    },
  });
  return new Promise((resolve) => map.once('idle', () => resolve(points.length)));
}

/**
 * Changes the state of 50 points, by diff (updateData) or by replacing the whole collection
 * (setData), and resolves when the map is idle again. Returns the ms spent in the call itself.
 */
export function changeStates(args: { mode: 'diff' | 'full'; changes: number }): Promise<number> {
  const w = window as unknown as BenchWindow;
  const map = w.__sanfangMap;
  const source = map?.getSource(w.__benchSource ?? '');
  const points = w.__benchPoints;
  if (!map || !source || !points) throw new Error('bench points not installed');
  const round = (w.__benchRound = (w.__benchRound ?? 0) + 1);
  const state = round % 2 === 0 ? 'overdue' : 'dispatched';
  const changed = new Set<number>();
  for (let k = 0; changed.size < args.changes; k++)
    changed.add((round * 1009 + k * 97) % points.length);
  const idle = new Promise<void>((resolve) => map.once('idle', () => resolve()));
  const t0 = performance.now();
  if (args.mode === 'diff') {
    const update = [...changed].map((i) => ({
      id: `bench-${i}`,
      addOrUpdateProperties: [{ key: 'state', value: state }],
    }));
    void source.updateData({ update });
  } else {
    // What a whole reload does: a new collection with the changed features replaced.
    const next = points.map((p, i) =>
      changed.has(i) ? { ...p, properties: { ...p.properties, state } } : p,
    );
    w.__benchPoints = next;
    void source.setData({ type: 'FeatureCollection', features: next });
  }
  const callMs = performance.now() - t0;
  if (args.mode === 'diff')
    for (const i of changed) points[i] = { ...points[i]!, properties: { id: `bench-${i}`, state } };
  return idle.then(() => callMs);
}

export function signedInAndReady(layers: string[]): boolean {
  const map = (window as unknown as BenchWindow).__sanfangMap;
  return (
    document.body.dataset.mapReady === '1' &&
    !!map &&
    layers.every((id) => map.queryRenderedFeatures({ layers: [id] }).length > 0)
  );
}
