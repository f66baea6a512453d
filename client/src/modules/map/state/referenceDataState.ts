import type { ReferenceData } from '../api/referenceApi';

/** What the map shows of its reference data: loading, the data, or why it failed. */
export type ReferenceDataState =
  | { status: 'loading' }
  | { status: 'ready'; data: ReferenceData; loadedAt: Date }
  | { status: 'error'; error: unknown };

const none = { type: 'FeatureCollection' as const, features: [] };

/** No district, no points: the state before the first load. */
export const emptyReferenceData: ReferenceData = {
  district: none,
  subdistricts: none,
  waterloggingPoints: none,
  shelters: none,
  rescueTeams: none,
  warehouses: none,
};
