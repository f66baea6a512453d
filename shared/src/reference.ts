import type { AreaGeometry, FeatureCollection, LonLat, PointGeometry } from './geo';

export interface DistrictProps {
  code: string;
  name: string;
  nameEn: string;
}
export type DistrictCollection = FeatureCollection<AreaGeometry, DistrictProps>;

export interface SubdistrictProps {
  code: string;
  name: string;
  nameEn: string;
  centre: LonLat;
  approximate: boolean;
}
export type SubdistrictCollection = FeatureCollection<AreaGeometry, SubdistrictProps>;

export const CONTACT_ROLES = [
  'onsite_lead',
  'onsite_lead_backup',
  'drainage',
  'traffic_police',
  'fire_rescue',
] as const;
export type ContactRole = (typeof CONTACT_ROLES)[number];

/** The four roles called out for each point; the backup is called on escalation. */
export const CALLOUT_ROLES: readonly ContactRole[] = [
  'onsite_lead',
  'drainage',
  'traffic_police',
  'fire_rescue',
];

export interface ContactDto {
  id: string;
  role: ContactRole;
  name: string;
  phone: string;
}

export interface WaterloggingPointProps {
  id: string;
  code: string;
  name: string;
  subdistrictCode: string;
  alarmDepthM: number;
  hasSensor: boolean;
  contacts: ContactDto[];
}
export type WaterloggingPointCollection = FeatureCollection<PointGeometry, WaterloggingPointProps>;

export type ShelterStatus = 'open' | 'closed';
export interface ShelterProps {
  id: string;
  code: string;
  name: string;
  subdistrictCode: string;
  address: string;
  capacity: number;
  occupancy: number;
  status: ShelterStatus;
  managerName: string;
  managerPhone: string;
  // Added by the resources feature.
  occupancyDay: number;
  occupancyNight: number;
  planHazards: string[];
  /** 'near_full' | 'full' while the alarm is raised. */
  alarmLevel: 'none' | 'near_full' | 'full';
}
export type ShelterCollection = FeatureCollection<PointGeometry, ShelterProps>;

export const TEAM_KINDS = ['professional', 'comprehensive', 'social', 'militia'] as const;
export type TeamKind = (typeof TEAM_KINDS)[number];
export const TEAM_STATUSES = [
  'standby',
  'assigned',
  'en_route',
  'on_scene',
  'returning',
  'off_duty',
] as const;
export type TeamStatus = (typeof TEAM_STATUSES)[number];
export interface RescueTeamProps {
  id: string;
  code: string;
  name: string;
  kind: TeamKind;
  members: number;
  subdistrictCode: string;
  status: TeamStatus;
  equipment: string[];
  leaderName: string;
  leaderPhone: string;
  // Added by the resources feature: live position (WGS84) and when it was last seen.
  position: LonLat | null;
  lastSeenAt: string | null;
  positionStale: boolean;
}
export type RescueTeamCollection = FeatureCollection<PointGeometry, RescueTeamProps>;

export interface StockItemDto {
  sku: string;
  name: string;
  unit: string;
  quantity: number;
  lowStockThreshold: number;
}
export interface WarehouseProps {
  id: string;
  code: string;
  name: string;
  subdistrictCode: string;
  items: StockItemDto[];
}
export type WarehouseCollection = FeatureCollection<PointGeometry, WarehouseProps>;
