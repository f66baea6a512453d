import { z } from 'zod';
import type { LonLat } from './geo';
import { RESPONSE_LEVELS, type ResponseLevel } from './responses';
import {
  TEAM_KINDS,
  TEAM_STATUSES,
  type RescueTeamProps,
  type ShelterProps,
  type ShelterStatus,
  type TeamStatus,
  type WarehouseProps,
} from './reference';

/**
 * Resources (shelters, teams, warehouses) — contracts. Owned by the resources feature; the
 * incidents feature also changes a team's status (assignment) and emits team.status_changed.
 */
export interface ShelterEventPayload {
  shelterId: string;
  subdistrictCode: string;
  status: ShelterStatus;
  occupancy: number;
  capacity: number;
  // Added by the resources feature (always set by its emitters).
  occupancyDay?: number;
  occupancyNight?: number;
  /** Who did it (username, or `shelter-link:<code>` for a manager's phone link). */
  by?: string;
  reason?: string | null;
  /** True when an occupancy update went above capacity with an explicit override. */
  override?: boolean;
}

export interface TeamStatusPayload {
  teamId: string;
  subdistrictCode: string;
  status: TeamStatus;
  previousStatus: TeamStatus;
  /** The incident it was assigned to, when the change is an assignment. */
  incidentId: string | null;
  // Added by the resources feature.
  by?: string;
  reason?: string | null;
}

// ---------------------------------------------------------------------------------------------
// Resources feature contracts (issue 8). Everything below is added; the two payloads above keep
// their fields.

const subdistrictCode = z.string().regex(/^\d{6,12}$/, 'must be a subdistrict code');
const lon = z.number().min(-180).max(180);
const lat = z.number().min(-90).max(90);
const reason = z.string().trim().max(500);

/** Which of a shelter's two headcounts an update sets (日间 / 夜间). */
export const SHELTER_PERIODS = ['day', 'night'] as const;
export type ShelterPeriod = (typeof SHELTER_PERIODS)[number];

/** POST /api/shelters/:id/open|close */
export const shelterStatusChangeSchema = z.object({ reason: reason.min(1) });
export type ShelterStatusChange = z.infer<typeof shelterStatusChangeSchema>;

/**
 * POST /api/shelters/:id/occupancy — either an absolute headcount or a relative change
 * (arrivals +n / departures −n). Over capacity only with override (and a reason).
 */
export const occupancyUpdateSchema = z
  .object({
    period: z.enum(SHELTER_PERIODS).optional(),
    occupancy: z.number().int().min(0).max(1_000_000).optional(),
    delta: z.number().int().min(-1_000_000).max(1_000_000).optional(),
    override: z.boolean().default(false),
    reason: reason.optional(),
  })
  .refine((b) => (b.occupancy === undefined) !== (b.delta === undefined), {
    message: 'give exactly one of occupancy or delta',
    path: ['occupancy'],
  })
  .refine((b) => !b.override || (b.reason ?? '').length > 0, {
    message: 'an override needs a reason',
    path: ['reason'],
  });
export type OccupancyUpdate = z.infer<typeof occupancyUpdateSchema>;

export type ShelterAlarmLevel = 'none' | 'near_full' | 'full';

/** An open shelter with room, offered when another fills up. */
export interface ShelterSuggestion {
  shelterId: string;
  code: string;
  name: string;
  subdistrictCode: string;
  distanceM: number;
  free: number;
}

/** shelter.near_full | shelter.full | shelter.alarm_cleared */
export interface ShelterAlarmPayload {
  shelterId: string;
  code: string;
  name: string;
  subdistrictCode: string;
  level: ShelterAlarmLevel;
  previousLevel: ShelterAlarmLevel;
  occupancy: number;
  capacity: number;
  /** Nearest open shelters with room (empty on clear). */
  suggestions: ShelterSuggestion[];
}

/** shelter.opening_proposed: a typhoon response names shelters its plan opens. */
export interface ShelterProposalPayload {
  proposalId: string;
  responseId: string;
  level: ResponseLevel;
  shelters: { shelterId: string; code: string; name: string; subdistrictCode: string }[];
}
/** shelter.proposal_accepted | shelter.proposal_dismissed */
export interface ShelterProposalDecisionPayload {
  proposalId: string;
  responseId: string;
  by: string;
  /** Shelters this decision opened (accept only; already-open ones are left as they were). */
  openedShelterIds: string[];
}
export type ShelterProposalStatus = 'pending' | 'accepted' | 'dismissed';
export interface ShelterProposalDto extends ShelterProposalPayload {
  status: ShelterProposalStatus;
  createdAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
}

export interface ShelterTotalsRow {
  openShelters: number;
  shelters: number;
  /** Capacity of the open shelters. */
  capacity: number;
  sheltered: number;
  shelteredDay: number;
  shelteredNight: number;
}
export interface ShelterTotals {
  district: ShelterTotalsRow;
  subdistricts: (ShelterTotalsRow & { subdistrictCode: string; name: string })[];
}

/** A shelter manager's phone link (signed, expiring, revocable by issuing a new one). */
export const shelterLinkRequestSchema = z.object({
  ttlHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(72),
});
export type ShelterLinkRequest = z.infer<typeof shelterLinkRequestSchema>;
export interface ShelterLinkDto {
  token: string;
  /** Path of the phone page (prefix with the console's origin). */
  path: string;
  expiresAt: string;
}
/** What the phone page shows. */
export interface ShelterLinkView {
  shelterId: string;
  code: string;
  name: string;
  status: ShelterStatus;
  capacity: number;
  occupancy: number;
  occupancyDay: number;
  occupancyNight: number;
  expiresAt: string;
}

// Teams ----------------------------------------------------------------------------------------

/**
 * Allowed status changes. The incidents feature assigns standby → assigned with its own
 * conditional update; everything here keeps that transition valid.
 */
export const TEAM_TRANSITIONS: Record<TeamStatus, readonly TeamStatus[]> = {
  standby: ['assigned', 'en_route', 'off_duty'],
  assigned: ['en_route', 'standby', 'off_duty'],
  en_route: ['on_scene', 'returning', 'standby'],
  on_scene: ['returning'],
  returning: ['standby', 'off_duty', 'assigned', 'en_route'],
  off_duty: ['standby'],
};

export const teamStatusChangeSchema = z.object({
  status: z.enum(TEAM_STATUSES),
  /** Optional optimistic check: refused (409) if the team is no longer in this status. */
  expectedStatus: z.enum(TEAM_STATUSES).optional(),
  reason: reason.optional(),
});
export type TeamStatusChange = z.infer<typeof teamStatusChangeSchema>;

const fixTime = z.iso.datetime({ offset: true });
export const teamPositionSchema = z.object({
  lon,
  lat,
  /** When the fix was taken (defaults to now); older than the last one is ignored. */
  at: fixTime.optional(),
});
export type TeamPosition = z.infer<typeof teamPositionSchema>;

/** POST /api/rescue-teams/positions (vehicle-tracking gateway, feed token). */
export const teamPositionBatchSchema = z.object({
  positions: z
    .array(teamPositionSchema.extend({ teamCode: z.string().trim().min(1).max(32) }))
    .min(1)
    .max(1000),
});
export type TeamPositionBatch = z.infer<typeof teamPositionBatchSchema>;

export interface TeamPositionFix {
  teamId: string;
  subdistrictCode: string;
  lon: number;
  lat: number;
  at: string;
}
/** team.position_updated: one coalesced event per request. */
export interface TeamPositionsPayload {
  positions: TeamPositionFix[];
}
export interface TeamPositionBatchResult {
  accepted: number;
  /** Fixes older than the team's last one (kept out; not an error). */
  ignored: { teamCode: string; reason: string }[];
}
/** team.position_stale: no fix for longer than the configured age. */
export interface TeamPositionStalePayload {
  teamId: string;
  subdistrictCode: string;
  lastSeenAt: string;
}
/** The live fields of a team, added to the read API. */
export interface TeamLiveProps {
  position: LonLat | null;
  lastSeenAt: string | null;
  positionStale: boolean;
}

/** resources.coverage_gap_raised | resources.coverage_gap_cleared */
export interface CoverageGapPayload {
  subdistrictCode: string;
  /** Active responses covering the subdistrict (empty on clear when none remain). */
  responseIds: string[];
  standbyTeams: number;
}
export interface CoverageGapDto {
  subdistrictCode: string;
  responseIds: string[];
  raisedAt: string;
}

// Warehouses -----------------------------------------------------------------------------------

export const STOCK_MOVEMENT_KINDS = ['issue', 'receive'] as const;
export type StockMovementKind = (typeof STOCK_MOVEMENT_KINDS)[number] | 'opening';
const sku = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9_-]{0,31}$/, 'must be a lower-case SKU');

export const stockMovementSchema = z.object({
  sku,
  kind: z.enum(STOCK_MOVEMENT_KINDS),
  quantity: z.number().int().min(1).max(1_000_000),
  reason: reason.min(1),
});
export type StockMovementRequest = z.infer<typeof stockMovementSchema>;

export interface StockMovementDto {
  id: string;
  warehouseId: string;
  sku: string;
  kind: StockMovementKind;
  quantity: number;
  balanceAfter: number;
  reason: string;
  actor: string;
  createdAt: string;
}
/** stock.moved */
export interface StockMovedPayload {
  movementId: string;
  warehouseId: string;
  subdistrictCode: string;
  sku: string;
  kind: StockMovementKind;
  quantity: number;
  balanceAfter: number;
}
/** stock.low | stock.restored */
export interface StockLevelPayload {
  warehouseId: string;
  subdistrictCode: string;
  sku: string;
  name: string;
  quantity: number;
  lowStockThreshold: number;
}

export const stockNearestQuerySchema = z.object({
  sku,
  lon: z.coerce.number().min(-180).max(180),
  lat: z.coerce.number().min(-90).max(90),
  need: z.coerce.number().int().min(1).max(1_000_000),
});
export type StockNearestQuery = z.infer<typeof stockNearestQuerySchema>;
export interface StockNearestRow {
  warehouseId: string;
  code: string;
  name: string;
  subdistrictCode: string;
  position: LonLat;
  distanceM: number;
  quantity: number;
  unit: string;
  /** Running total up to and including this warehouse. */
  cumulative: number;
}
export interface StockNearestResult {
  sku: string;
  need: number;
  found: number;
  satisfied: boolean;
  warehouses: StockNearestRow[];
}

// Management -----------------------------------------------------------------------------------

const code = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_-]{1,32}$/, 'must be 1–32 letters, digits, - or _');
const phone = z
  .string()
  .trim()
  .regex(/^[0-9+\- ]{0,32}$/, 'must be a phone number');

// Update schemas are built from fields without defaults, so a PATCH never resets a field
// it did not name.
const shelterFields = {
  name: z.string().trim().min(1).max(200),
  subdistrictCode,
  lon,
  lat,
  address: z.string().trim().max(500),
  capacity: z.number().int().min(1).max(1_000_000),
  managerName: z.string().trim().max(100),
  managerPhone: phone,
  planHazards: z.array(z.enum(['flood', 'typhoon', 'drought', 'freeze'])).max(4),
};
const nonEmpty = { message: 'nothing to change' };
const hasKeys = (b: object): boolean => Object.keys(b).length > 0;

export const createShelterSchema = z.object({
  ...shelterFields,
  code,
  address: shelterFields.address.default(''),
  managerName: shelterFields.managerName.default(''),
  managerPhone: phone.default(''),
  planHazards: shelterFields.planHazards.default([]),
});
export type CreateShelter = z.infer<typeof createShelterSchema>;
export const updateShelterSchema = z.object(shelterFields).partial().refine(hasKeys, nonEmpty);
export type UpdateShelter = z.infer<typeof updateShelterSchema>;

const teamFields = {
  name: z.string().trim().min(1).max(200),
  kind: z.enum(TEAM_KINDS),
  members: z.number().int().min(1).max(10_000),
  subdistrictCode,
  lon,
  lat,
  equipment: z.array(z.string().trim().min(1).max(100)).max(100),
  leaderName: z.string().trim().max(100),
  leaderPhone: phone,
};
export const createTeamSchema = z.object({
  ...teamFields,
  code,
  equipment: teamFields.equipment.default([]),
  leaderName: teamFields.leaderName.default(''),
  leaderPhone: phone.default(''),
});
export type CreateTeam = z.infer<typeof createTeamSchema>;
export const updateTeamSchema = z.object(teamFields).partial().refine(hasKeys, nonEmpty);
export type UpdateTeam = z.infer<typeof updateTeamSchema>;

const warehouseFields = { name: z.string().trim().min(1).max(200), subdistrictCode, lon, lat };
export const createWarehouseSchema = z.object({ ...warehouseFields, code });
export type CreateWarehouse = z.infer<typeof createWarehouseSchema>;
export const updateWarehouseSchema = z.object(warehouseFields).partial().refine(hasKeys, nonEmpty);
export type UpdateWarehouse = z.infer<typeof updateWarehouseSchema>;

const itemFields = {
  name: z.string().trim().min(1).max(200),
  unit: z.string().trim().min(1).max(16),
  lowStockThreshold: z.number().int().min(0).max(1_000_000),
};
/** Adds an item line (its opening quantity goes into the ledger). */
export const createStockItemSchema = z.object({
  ...itemFields,
  sku,
  quantity: z.number().int().min(0).max(1_000_000).default(0),
  lowStockThreshold: itemFields.lowStockThreshold.default(0),
});
export type CreateStockItem = z.infer<typeof createStockItemSchema>;
/** Name, unit, threshold; a quantity is refused: quantities change only through movements. */
export const updateStockItemSchema = z.strictObject(itemFields).partial().refine(hasKeys, nonEmpty);
export type UpdateStockItem = z.infer<typeof updateStockItemSchema>;

export type ResourceKind = 'shelter' | 'team' | 'warehouse';
/** resource.created | resource.updated | resource.retired — a snapshot the map applies as is. */
export type ResourceChangePayload =
  | { kind: 'shelter'; id: string; subdistrictCode: string; position: LonLat; props: ShelterProps }
  | { kind: 'team'; id: string; subdistrictCode: string; position: LonLat; props: RescueTeamProps }
  | {
      kind: 'warehouse';
      id: string;
      subdistrictCode: string;
      position: LonLat;
      props: WarehouseProps;
    };

// Settings -------------------------------------------------------------------------------------

export const resourceSettingsSchema = z.object({
  /** Near-full alarm at or above this share of capacity. */
  nearFullPercent: z.number().int().min(1).max(100),
  /** A team position older than this is shown as stale. */
  positionStaleAfterS: z
    .number()
    .int()
    .min(1)
    .max(24 * 3600),
  /** A typhoon response at or above this level proposes opening its plan's shelters. */
  typhoonShelterLevel: z.enum(RESPONSE_LEVELS),
  /** How many nearby shelters with room a full/near-full alarm suggests. */
  suggestions: z.number().int().min(0).max(20),
});
export type ResourceSettings = z.infer<typeof resourceSettingsSchema>;
export const DEFAULT_RESOURCE_SETTINGS: ResourceSettings = {
  nearFullPercent: 90,
  positionStaleAfterS: 300,
  typhoonShelterLevel: 'IV',
  suggestions: 3,
};
export const updateResourceSettingsSchema = resourceSettingsSchema
  .partial()
  .refine(hasKeys, nonEmpty);
export type UpdateResourceSettings = z.infer<typeof updateResourceSettingsSchema>;
export interface ResourceSettingsChangedPayload {
  settings: ResourceSettings;
  by: string;
}

/** resources.imported: `npm run import` loaded a file (all or nothing); consoles refetch. */
export interface ResourcesImportedPayload {
  kind: 'points' | 'shelters' | 'teams' | 'subdistricts';
  inserted: number;
  updated: number;
}

/** `GET warehouses/:id/movements?sku=`: one stock line's movements, or all of the warehouse's. */
export const stockMovementsQuerySchema = z.object({
  sku: z.string().trim().min(1).max(32).optional(),
});
export type StockMovementsQuery = z.infer<typeof stockMovementsQuerySchema>;

/** `GET shelter-proposals?status=`. */
export const shelterProposalsQuerySchema = z.object({
  status: z.enum(['pending', 'accepted', 'dismissed']).optional(),
});
export type ShelterProposalsQuery = z.infer<typeof shelterProposalsQuerySchema>;
