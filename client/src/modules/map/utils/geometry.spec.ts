import { districtCollection, subdistrictCollection } from '../../../test/factories';
import { boundsOf, withPaletteIndex } from './geometry';

describe(boundsOf.name, () => {
  it('spans every polygon of a MultiPolygon', () => {
    expect(boundsOf(districtCollection())).toEqual([113.75, 22.53, 113.97, 22.86]);
  });

  it('returns null for an empty collection', () => {
    expect(boundsOf({ type: 'FeatureCollection', features: [] })).toBeNull();
  });
});

describe(withPaletteIndex.name, () => {
  it('numbers features without touching the source data', () => {
    const source = subdistrictCollection();
    const derived = withPaletteIndex(source);

    expect(derived.features.map((f) => f.properties.paletteIndex)).toEqual([0, 1]);
    expect(derived.features[1]!.properties.name).toBe('西乡');
    expect(source.features[0]!.properties).not.toHaveProperty('paletteIndex');
  });
});
