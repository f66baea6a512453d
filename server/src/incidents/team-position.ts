import type { LonLat } from '@sanfang/shared';
import type { RescueTeam } from '../resources/entities/rescue-team.entity';

/**
 * Where a team is now. The base position until the resources feature supplies live
 * positions; replace this seam (not its callers) when it does.
 */
export const positionOf = (t: Pick<RescueTeam, 'lon' | 'lat'>): LonLat => [t.lon, t.lat];
