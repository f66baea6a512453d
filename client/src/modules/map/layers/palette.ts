import type { IncidentGrade, ShelterStatus, TeamKind } from '@sanfang/shared';
import type { PointState } from '../../../vocabulary/pointStates';

// Colours live here so the map layers and the legend can never disagree.
export const PALETTE = {
  background: '#dce6ec',
  districtFill: '#f6f4ee',
  districtOutline: '#4a3f6b',
  subdistrictLine: '#8694a3',
  // Soft, distinct tints: subdistricts must read apart without shouting over the points.
  subdistrictFills: ['#e6f0df', '#f3ead6', '#e0ebf5', '#f3e1e8', '#e9e4f4', '#dff0ec'],
  pointStroke: '#ffffff',
  selectedStroke: '#111827',
  waterlogging: '#1d6fd1',
  waterloggingCluster: '#5b9be6',
  shelter: { open: '#2e9d4f', closed: '#8c969e' } satisfies Record<ShelterStatus, string>,
  team: {
    professional: '#d9480f',
    comprehensive: '#e8a10c',
    social: '#8e44ad',
    militia: '#36565c',
  } satisfies Record<TeamKind, string>,
  warehouse: '#7a4b1e',
  pointState: {
    quiet: '#1d6fd1',
    dispatched: '#f59f00',
    acknowledged: '#15aabf',
    on_site: '#2f9e44',
    overdue: '#e03131',
    ponding: '#7048e8',
  } satisfies Record<PointState, string>,
  incident: {
    general: '#74b816',
    larger: '#f59f00',
    major: '#e8590c',
    especially_major: '#c92a2a',
  } satisfies Record<IncidentGrade, string>,
  incidentCluster: '#c2255c',
} as const;

/** Cluster circle steps: radius grows with point_count (no text, so no glyphs). */
export const CLUSTER_STEPS = [
  { minCount: 0, radius: 12 },
  { minCount: 10, radius: 17 },
  { minCount: 50, radius: 23 },
] as const;
