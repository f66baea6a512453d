import type { RescueTeamCollection, RescueTeamProps } from '@sanfang/shared';
import { teamsAtLastFix } from './teamsAtLastFix';

const team = (id: string, position: [number, number] | null) => ({
  type: 'Feature' as const,
  id,
  geometry: { type: 'Point' as const, coordinates: [113.85, 22.6] as [number, number] },
  properties: { id, position } as RescueTeamProps,
});

describe(teamsAtLastFix.name, () => {
  it('draws a team at its last fix, and at its base while it has none', () => {
    const teams: RescueTeamCollection = {
      type: 'FeatureCollection',
      features: [team('moved', [113.9, 22.65]), team('home', null)],
    };
    const drawn = teamsAtLastFix(teams);
    expect(drawn.features.map((f) => f.geometry.coordinates)).toEqual([
      [113.9, 22.65],
      [113.85, 22.6],
    ]);
    // The reference data itself keeps the base.
    expect(teams.features[0]!.geometry.coordinates).toEqual([113.85, 22.6]);
  });
});
