import { TEAM_KINDS, type ShelterStatus } from '@sanfang/shared';

// Legend order; every value the layers colour by must appear here.
export const SHELTER_STATUSES_FOR_LEGEND: readonly ShelterStatus[] = ['open', 'closed'];
export const TEAM_KINDS_FOR_LEGEND = TEAM_KINDS;
