import type { GeoJSONSource, GeoJSONSourceDiff, Map as MaplibreMap } from 'maplibre-gl';
import type { PointState } from '../../../vocabulary/pointStates';
import { diffFeatures, keyed, type KeyedFeature } from './featureDiff';

function apply(map: MaplibreMap, sourceId: string, diff: GeoJSONSourceDiff): void {
  map
    .getSource<GeoJSONSource>(sourceId)
    ?.updateData(diff)
    .catch(() => {
      // A failed worker update leaves the old features on screen until the next change.
    });
}

/**
 * Keeps one source equal to a list of keyed features by sending only what changed
 * (`updateData`), never the whole collection again.
 */
export class FeatureSourceSync {
  private shown = new Map<string, KeyedFeature>();

  constructor(
    private readonly map: MaplibreMap,
    private readonly sourceId: string,
  ) {}

  sync(features: readonly KeyedFeature[]): void {
    const next = keyed(features);
    const diff = diffFeatures(this.shown, next);
    this.shown = next;
    if (diff) apply(this.map, this.sourceId, diff);
  }
}

/** One point's new state; `quiet` for a point that no longer has one. */
export interface PointStateChange {
  id: string;
  state: PointState;
}

/** Points whose state differs between two snapshots; points absent from `after` are quiet. */
export function pointStateDiff(
  before: ReadonlyMap<string, PointState>,
  after: ReadonlyMap<string, PointState>,
): PointStateChange[] {
  const changes: PointStateChange[] = [];
  for (const [id, state] of after)
    if ((before.get(id) ?? 'quiet') !== state) changes.push({ id, state });
  for (const [id, state] of before)
    if (!after.has(id) && state !== 'quiet') changes.push({ id, state: 'quiet' });
  return changes;
}

/** The one map method point states need (a fake in unit tests). */
export interface FeatureStateMap {
  setFeatureState(
    feature: Parameters<MaplibreMap['setFeatureState']>[0],
    state: Record<string, unknown>,
  ): unknown;
}

/**
 * Colours points by feature-state: only the changed points are touched, and no tile is
 * re-built (an `updateData` on a clustered source reloads every tile). setFeatureState merges
 * keys, so the `selected` state on the same feature stays as it was.
 */
export function applyPointStates(
  map: FeatureStateMap,
  sourceId: string,
  before: ReadonlyMap<string, PointState>,
  after: ReadonlyMap<string, PointState>,
): void {
  for (const { id, state } of pointStateDiff(before, after))
    map.setFeatureState({ source: sourceId, id }, { state });
}

/**
 * After a reference-data setData: feature-state may not survive a source reload, so every point
 * that has or had a state gets its current one again (cleared ones explicitly back to quiet).
 */
export function restorePointStates(
  map: FeatureStateMap,
  sourceId: string,
  shown: ReadonlyMap<string, PointState>,
  current: ReadonlyMap<string, PointState>,
): void {
  for (const id of new Set([...shown.keys(), ...current.keys()]))
    map.setFeatureState({ source: sourceId, id }, { state: current.get(id) ?? 'quiet' });
}
