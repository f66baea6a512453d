import type { ReferenceData } from '../api/referenceApi';
import {
  districtCollection,
  pointFeature,
  shelter,
  subdistrictCollection,
  waterloggingPoint,
} from '../../../test/factories';
import { resolveSelection } from './selection';

function referenceData(): ReferenceData {
  const empty = { type: 'FeatureCollection' as const, features: [] };
  return {
    district: districtCollection(),
    subdistricts: subdistrictCollection(),
    waterloggingPoints: {
      type: 'FeatureCollection',
      features: [pointFeature(waterloggingPoint({ id: 'wp-7', name: '福永涵洞' }))],
    },
    shelters: { type: 'FeatureCollection', features: [pointFeature(shelter({ id: 'wp-7' }))] },
    rescueTeams: empty,
    warehouses: empty,
  };
}

describe(resolveSelection.name, () => {
  it('finds the clicked point with its full contacts, not the flattened map copy', () => {
    const selected = resolveSelection(referenceData(), { kind: 'waterlogging', id: 'wp-7' });

    expect(selected?.kind).toBe('waterlogging');
    if (selected?.kind !== 'waterlogging') return;
    expect(selected.feature.properties.name).toBe('福永涵洞');
    expect(selected.feature.properties.contacts[0]!.name).toBe('张三');
  });

  it('looks in the collection of the selected kind only', () => {
    const selected = resolveSelection(referenceData(), { kind: 'shelter', id: 'wp-7' });
    expect(selected?.kind).toBe('shelter');
  });

  it('returns null when the feature is gone (e.g. after a reload)', () => {
    expect(resolveSelection(referenceData(), { kind: 'team', id: 'wp-7' })).toBeNull();
  });
});
