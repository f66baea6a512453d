import type { FeatureIdentifier } from 'maplibre-gl';
import type { PointState } from '../../../vocabulary/pointStates';
import { applyPointStates, pointStateDiff, restorePointStates } from './sourceSync';

const SOURCE = 'waterlogging-points';

/** Records setFeatureState calls and merges them the way MapLibre documents it does. */
class FakeMap {
  readonly calls: { id: string | number | undefined; state: Record<string, unknown> }[] = [];
  readonly states = new Map<string | number | undefined, Record<string, unknown>>();

  setFeatureState(feature: FeatureIdentifier, state: Record<string, unknown>): void {
    expect(feature.source).toBe(SOURCE);
    this.calls.push({ id: feature.id, state });
    this.states.set(feature.id, { ...this.states.get(feature.id), ...state });
  }
}

const states = (entries: [string, PointState][]): Map<string, PointState> => new Map(entries);

describe(pointStateDiff.name, () => {
  it('lists only points whose state changed, cleared ones back to quiet', () => {
    const diff = pointStateDiff(
      states([
        ['p1', 'dispatched'],
        ['p2', 'overdue'],
        ['p4', 'on_site'],
      ]),
      states([
        ['p1', 'acknowledged'],
        ['p3', 'dispatched'],
        ['p4', 'on_site'],
      ]),
    );
    expect(diff).toEqual([
      { id: 'p1', state: 'acknowledged' },
      { id: 'p3', state: 'dispatched' },
      { id: 'p2', state: 'quiet' },
    ]);
  });

  it('treats an explicit quiet like an absent point', () => {
    expect(pointStateDiff(states([['p1', 'quiet']]), new Map())).toEqual([]);
    expect(pointStateDiff(new Map(), states([['p1', 'quiet']]))).toEqual([]);
  });
});

describe(applyPointStates.name, () => {
  it('sets feature-state on the changed points only, by id', () => {
    const map = new FakeMap();
    const before = states(Array.from({ length: 5000 }, (_, i) => [`p${i}`, 'dispatched']));
    const after = new Map(before).set('p7', 'overdue').set('p4999', 'on_site');
    applyPointStates(map, SOURCE, before, after);
    expect(map.calls).toEqual([
      { id: 'p7', state: { state: 'overdue' } },
      { id: 'p4999', state: { state: 'on_site' } },
    ]);
  });

  it('leaves the selected ring on the same feature alone', () => {
    const map = new FakeMap();
    map.setFeatureState({ source: SOURCE, id: 'p1' }, { selected: true });
    applyPointStates(map, SOURCE, new Map(), states([['p1', 'overdue']]));
    applyPointStates(map, SOURCE, states([['p1', 'overdue']]), new Map());
    // Only the `state` key is ever written, so a merge cannot clobber `selected`.
    for (const call of map.calls.slice(1)) expect(Object.keys(call.state)).toEqual(['state']);
    expect(map.states.get('p1')).toEqual({ selected: true, state: 'quiet' });
  });
});

describe(restorePointStates.name, () => {
  it('re-applies every current state and returns points cleared meanwhile to quiet', () => {
    const map = new FakeMap();
    restorePointStates(
      map,
      SOURCE,
      states([
        ['p1', 'dispatched'],
        ['p2', 'overdue'],
      ]),
      states([
        ['p1', 'dispatched'],
        ['p3', 'ponding'],
      ]),
    );
    expect(map.calls).toEqual([
      { id: 'p1', state: { state: 'dispatched' } },
      { id: 'p2', state: { state: 'quiet' } },
      { id: 'p3', state: { state: 'ponding' } },
    ]);
  });
});
