import type { GeoJSONSource, GeoJSONSourceDiff, Map as MaplibreMap } from 'maplibre-gl';
import type { PointState } from '../../dispatch/utils/pointState';
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

/** The point-state patch for updateData: only points whose state changed. */
export function pointStateDiff(
  before: ReadonlyMap<string, PointState>,
  after: ReadonlyMap<string, PointState>,
): GeoJSONSourceDiff | null {
  const update: NonNullable<GeoJSONSourceDiff['update']> = [];
  for (const [id, state] of after)
    if (before.get(id) !== state)
      update.push({ id, addOrUpdateProperties: [{ key: 'state', value: state }] });
  for (const id of before.keys())
    if (!after.has(id))
      update.push({ id, addOrUpdateProperties: [{ key: 'state', value: 'quiet' }] });
  return update.length > 0 ? { update } : null;
}

export function applyPointStates(
  map: MaplibreMap,
  sourceId: string,
  before: ReadonlyMap<string, PointState>,
  after: ReadonlyMap<string, PointState>,
): void {
  const diff = pointStateDiff(before, after);
  if (diff) apply(map, sourceId, diff);
}
