import type { RescueTeamCollection } from '@sanfang/shared';

/**
 * The rescue-team layer as drawn: each team where its last reported position puts it (a
 * vehicle tracker's fix, or one a duty officer set), at its base while it has none. The
 * collection's own geometry is the base; `position` is the fix, kept live by
 * `team.position_updated`.
 */
export function teamsAtLastFix(teams: RescueTeamCollection): RescueTeamCollection {
  return {
    ...teams,
    features: teams.features.map((f) =>
      f.properties.position
        ? { ...f, geometry: { type: 'Point' as const, coordinates: f.properties.position } }
        : f,
    ),
  };
}
