import { diffFeatures, keyed, type KeyedFeature } from './featureDiff';

const f = (id: string, properties: KeyedFeature['properties'], lon = 113.9): KeyedFeature => ({
  type: 'Feature',
  id,
  geometry: { type: 'Point', coordinates: [lon, 22.6] },
  properties,
});

describe('source diffs', () => {
  it('sends removals, additions and only the changed properties', () => {
    const before = keyed([
      f('a', { colour: 'x', rank: 1 }),
      f('b', { rank: 1 }),
      f('c', { rank: 2 }),
    ]);
    const after = keyed([
      f('a', { colour: 'y', rank: 1 }),
      f('c', { rank: 2 }, 114),
      f('d', { rank: 3 }),
    ]);
    expect(diffFeatures(before, after)).toEqual({
      remove: ['b'],
      add: [after.get('d')],
      update: [
        { id: 'a', addOrUpdateProperties: [{ key: 'colour', value: 'y' }] },
        { id: 'c', newGeometry: { type: 'Point', coordinates: [114, 22.6] } },
      ],
    });
  });

  it('is null when nothing changed', () => {
    const same = keyed([f('a', { rank: 1 })]);
    expect(diffFeatures(same, keyed([f('a', { rank: 1 })]))).toBeNull();
  });
});
