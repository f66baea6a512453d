import type { ContactRole } from '@sanfang/shared';
import type { PersonSeed, PointSeed, ShelterSeed, TeamSeed } from '../seed/seed-data';

export const IMPORT_KINDS = ['points', 'shelters', 'teams'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

/**
 * Columns (CSV) / properties (GeoJSON) in documented order; GeoJSON takes lon/lat from the
 * geometry instead. Every column not listed as optional is required.
 */
export const COLUMNS: Record<ImportKind, { all: readonly string[]; optional: readonly string[] }> =
  {
    points: {
      all: [
        'code',
        'name',
        'subdistrict_code',
        'lon',
        'lat',
        'alarm_depth_m',
        'has_sensor',
        'onsite_lead_name',
        'onsite_lead_phone',
        'onsite_lead_backup_name',
        'onsite_lead_backup_phone',
        'drainage_name',
        'drainage_phone',
        'traffic_police_name',
        'traffic_police_phone',
        'fire_rescue_name',
        'fire_rescue_phone',
      ],
      optional: ['has_sensor', 'onsite_lead_backup_name', 'onsite_lead_backup_phone'],
    },
    shelters: {
      all: [
        'code',
        'name',
        'subdistrict_code',
        'lon',
        'lat',
        'address',
        'capacity',
        'manager_name',
        'manager_phone',
        'plan_hazards',
      ],
      optional: ['plan_hazards'],
    },
    teams: {
      all: [
        'code',
        'name',
        'kind',
        'members',
        'subdistrict_code',
        'lon',
        'lat',
        'equipment',
        'leader_name',
        'leader_phone',
      ],
      optional: ['equipment'],
    },
  };

export function columnsOf(kind: ImportKind): readonly string[] {
  return COLUMNS[kind].all;
}

export function requiredColumnsOf(kind: ImportKind): string[] {
  return COLUMNS[kind].all.filter((c) => !COLUMNS[kind].optional.includes(c));
}

/** One record as read from the file: every value a string, before validation. */
export interface RawRow {
  /** 1-based line in the file where the record (CSV) or feature object (GeoJSON) starts. */
  line: number;
  /** GeoJSON only: index in `features`. */
  featureIndex?: number;
  /** GeoJSON only: another feature starts on the same line (single-line files). */
  sharedLine?: boolean;
  values: Record<string, string | undefined>;
  /** A structural problem found while reading (bad geometry, wrong field count). */
  problem?: { column?: string; message: string };
}

export interface ImportRowError {
  line: number;
  column?: string;
  code: 'IMPORT_INVALID_ROWS';
  message: string;
  featureIndex?: number;
}

export interface ImportFileError {
  code: 'IMPORT_INVALID_FILE';
  message: string;
  line?: number;
}

export type ImportFormat = 'csv' | 'geojson';

export interface ParsedFile {
  format: ImportFormat;
  kind: ImportKind;
  rows: RawRow[];
  /** Columns/properties this importer does not know (ignored; reported as a warning). */
  unknownColumns: string[];
}

/**
 * An imported row is what the seed loads (the same loader writes both): a point's contacts
 * may be partial (a missing backup lead), the rest is the seed's shape.
 */
export type Person = PersonSeed;
export interface PointRecord extends Omit<PointSeed, 'contacts'> {
  contacts: Partial<Record<ContactRole, Person>>;
}
export type ShelterRecord = ShelterSeed;
export type TeamRecord = TeamSeed;

export type ImportBatch =
  | { kind: 'points'; rows: PointRecord[] }
  | { kind: 'shelters'; rows: ShelterRecord[] }
  | { kind: 'teams'; rows: TeamRecord[] };
