import type { GeoJSONFeatureDiff, GeoJSONSourceDiff } from 'maplibre-gl';

/** A map feature with a stable id (the id MapLibre diffs by). */
export interface KeyedFeature {
  type: 'Feature';
  id: string;
  geometry: GeoJSON.Geometry;
  properties: Record<string, string | number | boolean | null>;
}

function sameGeometry(a: GeoJSON.Geometry, b: GeoJSON.Geometry): boolean {
  // Objects are usually shared between snapshots; fall back to a structural compare.
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

/**
 * What changed between two snapshots of a source, as a MapLibre `updateData` diff: removed
 * ids, added features, and per-feature property/geometry updates. Null when nothing changed,
 * so callers skip the worker round trip entirely.
 */
export function diffFeatures(
  previous: ReadonlyMap<string, KeyedFeature>,
  next: ReadonlyMap<string, KeyedFeature>,
): GeoJSONSourceDiff | null {
  const remove: string[] = [];
  const add: GeoJSON.Feature[] = [];
  const update: GeoJSONFeatureDiff[] = [];
  for (const id of previous.keys()) if (!next.has(id)) remove.push(id);
  for (const [id, feature] of next) {
    const before = previous.get(id);
    if (!before) {
      add.push(feature);
      continue;
    }
    if (before === feature) continue;
    const changed: { key: string; value: unknown }[] = [];
    const removed: string[] = [];
    for (const [key, value] of Object.entries(feature.properties))
      if (before.properties[key] !== value) changed.push({ key, value });
    for (const key of Object.keys(before.properties))
      if (!(key in feature.properties)) removed.push(key);
    const geometryChanged = !sameGeometry(before.geometry, feature.geometry);
    if (changed.length === 0 && removed.length === 0 && !geometryChanged) continue;
    update.push({
      id,
      ...(geometryChanged ? { newGeometry: feature.geometry } : {}),
      ...(removed.length > 0 ? { removeProperties: removed } : {}),
      ...(changed.length > 0 ? { addOrUpdateProperties: changed } : {}),
    });
  }
  if (remove.length === 0 && add.length === 0 && update.length === 0) return null;
  return {
    ...(remove.length > 0 ? { remove } : {}),
    ...(add.length > 0 ? { add } : {}),
    ...(update.length > 0 ? { update } : {}),
  };
}

export const keyed = (features: readonly KeyedFeature[]): Map<string, KeyedFeature> =>
  new Map(features.map((f) => [f.id, f]));
