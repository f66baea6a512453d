import {
  createShelterSchema,
  createStockItemSchema,
  createTeamSchema,
  createWarehouseSchema,
  occupancyUpdateSchema,
  shelterLinkRequestSchema,
  shelterProposalsQuerySchema,
  shelterStatusChangeSchema,
  stockMovementSchema,
  stockMovementsQuerySchema,
  stockNearestQuerySchema,
  teamPositionBatchSchema,
  teamPositionSchema,
  teamStatusChangeSchema,
  updateResourceSettingsSchema,
  updateShelterSchema,
  updateStockItemSchema,
  updateTeamSchema,
  updateWarehouseSchema,
  type CoverageGapDto,
  type ResourceChangePayload,
  type ResourceSettings,
  type ShelterEventPayload,
  type ShelterLinkDto,
  type ShelterProposalDecisionPayload,
  type ShelterProposalDto,
  type ShelterTotals,
  type StockMovementDto,
  type StockNearestResult,
  type TeamPositionBatchResult,
  type TeamStatusPayload,
} from '../resources';
import { del, get, patch, post, shape } from './route';

/** Rescue teams in the field: status, positions (relayed or from the tracking gateway), gaps. */
export const teamsRoutes = {
  status: post('rescue-teams/:id/status', {
    body: teamStatusChangeSchema,
    response: shape<TeamStatusPayload>(),
  }),
  position: post('rescue-teams/:id/position', {
    body: teamPositionSchema,
    response: shape<TeamPositionBatchResult>(),
  }),
  /** The vehicle-tracking gateway (feed token). */
  positions: post('rescue-teams/positions', {
    body: teamPositionBatchSchema,
    response: shape<TeamPositionBatchResult>(),
  }),
  gaps: get('rescue-teams/coverage-gaps', { response: shape<CoverageGapDto[]>() }),
};

const change = shape<ResourceChangePayload>();

/** Admin-only create / edit / retire of shelters, teams, warehouses and stock lines. */
export const resourceManagementRoutes = {
  createShelter: post('shelters', { body: createShelterSchema, response: change }),
  updateShelter: patch('shelters/:id', { body: updateShelterSchema, response: change }),
  retireShelter: del('shelters/:id', { response: change }),
  createTeam: post('rescue-teams', { body: createTeamSchema, response: change }),
  updateTeam: patch('rescue-teams/:id', { body: updateTeamSchema, response: change }),
  retireTeam: del('rescue-teams/:id', { response: change }),
  createWarehouse: post('warehouses', { body: createWarehouseSchema, response: change }),
  updateWarehouse: patch('warehouses/:id', { body: updateWarehouseSchema, response: change }),
  retireWarehouse: del('warehouses/:id', { response: change }),
  addItem: post('warehouses/:id/items', { body: createStockItemSchema, response: change }),
  updateItem: patch('warehouses/:id/items/:sku', {
    body: updateStockItemSchema,
    response: change,
  }),
};

/** Warehouse stock: movements in and out, and the nearest stock of a SKU. */
export const stockRoutes = {
  move: post('warehouses/:id/movements', {
    body: stockMovementSchema,
    response: shape<StockMovementDto>(),
  }),
  movements: get('warehouses/:id/movements', {
    query: stockMovementsQuerySchema,
    response: shape<StockMovementDto[]>(),
  }),
  nearest: get('stock/nearest', {
    query: stockNearestQuerySchema,
    response: shape<StockNearestResult>(),
  }),
};

/** Shelter operations for the duty room (the shelters' map layer is `referenceRoutes`). */
export const sheltersRoutes = {
  totals: get('shelters/totals', { response: shape<ShelterTotals>() }),
  open: post('shelters/:id/open', {
    body: shelterStatusChangeSchema,
    response: shape<ShelterEventPayload>(),
  }),
  close: post('shelters/:id/close', {
    body: shelterStatusChangeSchema,
    response: shape<ShelterEventPayload>(),
  }),
  occupancy: post('shelters/:id/occupancy', {
    body: occupancyUpdateSchema,
    response: shape<ShelterEventPayload>(),
  }),
  managerLink: post('shelters/:id/manager-link', {
    body: shelterLinkRequestSchema,
    response: shape<ShelterLinkDto>(),
  }),
  listProposals: get('shelter-proposals', {
    query: shelterProposalsQuerySchema,
    response: shape<ShelterProposalDto[]>(),
  }),
  accept: post('shelter-proposals/:id/accept', {
    response: shape<ShelterProposalDecisionPayload>(),
  }),
  dismiss: post('shelter-proposals/:id/dismiss', {
    response: shape<ShelterProposalDecisionPayload>(),
  }),
};

/** Resource thresholds: console roles read, admins edit. */
export const resourceSettingsRoutes = {
  get: get('resources/settings', { response: shape<ResourceSettings>() }),
  update: patch('resources/settings', {
    body: updateResourceSettingsSchema,
    response: shape<ResourceSettings>(),
  }),
};
