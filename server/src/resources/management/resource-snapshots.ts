import type { ResourceChangePayload } from '@sanfang/shared';
import type { RescueTeam } from '../entities/rescue-team.entity';
import type { Shelter } from '../entities/shelter.entity';
import type { Warehouse } from '../entities/warehouse.entity';
import {
  sheltersToGeoJson,
  teamsToGeoJson,
  warehousesToGeoJson,
  type TeamLiveContext,
} from '../layers/layers.mappers';

function only<T>(xs: T[]): T {
  const x = xs[0];
  if (x === undefined) throw new Error('mapper returned no feature');
  return x;
}

/** The snapshot a resource.* event carries: the same properties the read API serves. */
export const resourceChange = {
  shelter(s: Shelter): ResourceChangePayload {
    const f = only(sheltersToGeoJson([s]).features);
    return {
      kind: 'shelter',
      id: s.id,
      subdistrictCode: s.subdistrictCode,
      position: f.geometry.coordinates,
      props: f.properties,
    };
  },
  team(t: RescueTeam, live: TeamLiveContext): ResourceChangePayload {
    const f = only(teamsToGeoJson([t], live).features);
    return {
      kind: 'team',
      id: t.id,
      subdistrictCode: t.subdistrictCode,
      position: f.geometry.coordinates,
      props: f.properties,
    };
  },
  warehouse(w: Warehouse): ResourceChangePayload {
    const f = only(warehousesToGeoJson([w]).features);
    return {
      kind: 'warehouse',
      id: w.id,
      subdistrictCode: w.subdistrictCode,
      position: f.geometry.coordinates,
      props: f.properties,
    };
  },
};
