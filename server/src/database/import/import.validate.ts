import { z } from 'zod';
import { DISTRICT_BBOX, TEAM_KINDS } from '@sanfang/shared';
import {
  columnsOf,
  type ImportBatch,
  type ImportKind,
  type ImportRowError,
  type Person,
  type PointRecord,
  type RawRow,
  type ShelterRecord,
  type TeamRecord,
} from './import.types';

/** Degrees allowed outside DISTRICT_BBOX: points on the boundary, shelters just across it. */
export const BBOX_MARGIN_DEG = 0.05;

export type ValidateResult =
  { ok: true; batch: ImportBatch } | { ok: false; errors: ImportRowError[] };

const required = z.string().trim().min(1, 'is required');
const optional = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v));
const code = required.regex(/^[A-Za-z0-9_-]{1,32}$/, 'must be 1-32 letters, digits, "_" or "-"');
const phoneMessage = 'must be 5-20 digits, optionally after "+" (no spaces or dashes)';
const phone = required.regex(/^\+?[0-9]{5,20}$/, phoneMessage);
const optionalPhone = optional.refine(
  (v) => v === undefined || /^\+?[0-9]{5,20}$/.test(v),
  phoneMessage,
);
const decimal = required
  .regex(/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/, 'must be a number')
  .transform(Number);
const integer = required.regex(/^[+-]?\d+$/, 'must be a whole number').transform(Number);
const list = z.string().transform((v) =>
  v
    .split(/[;；]/)
    .map((s) => s.trim())
    .filter((s) => s !== ''),
);
const BOOLEANS: Record<string, boolean> = {
  '': false,
  true: true,
  false: false,
  '1': true,
  '0': false,
  是: true,
  否: false,
};
const bool = z
  .string()
  .trim()
  .toLowerCase()
  .refine((v) => v in BOOLEANS, 'must be true/false, 1/0 or 是/否')
  .transform((v) => BOOLEANS[v] ?? false);

function shapes(subdistricts: ReadonlySet<string>) {
  const known = [...subdistricts].sort().join(', ');
  const subdistrict = required.refine(
    (c) => subdistricts.has(c),
    `is not a known subdistrict code (known: ${known})`,
  );
  const base = { code, name: required, subdistrict_code: subdistrict, lon: decimal, lat: decimal };
  const points = z
    .object({
      ...base,
      alarm_depth_m: decimal.pipe(
        z.number().gt(0, 'must be greater than 0').lte(5, 'must be at most 5 (metres)'),
      ),
      has_sensor: bool,
      onsite_lead_name: required,
      onsite_lead_phone: phone,
      onsite_lead_backup_name: optional,
      onsite_lead_backup_phone: optionalPhone,
      drainage_name: required,
      drainage_phone: phone,
      traffic_police_name: required,
      traffic_police_phone: phone,
      fire_rescue_name: required,
      fire_rescue_phone: phone,
    })
    .refine(
      (r) =>
        (r.onsite_lead_backup_name === undefined) === (r.onsite_lead_backup_phone === undefined),
      {
        path: ['onsite_lead_backup_phone'],
        message: 'give both onsite_lead_backup_name and onsite_lead_backup_phone, or neither',
      },
    );
  const shelters = z.object({
    ...base,
    address: required,
    capacity: integer.pipe(z.number().min(0, 'must be 0 or more')),
    manager_name: required,
    manager_phone: phone,
    plan_hazards: list,
  });
  const teams = z.object({
    ...base,
    kind: z
      .string()
      .trim()
      .toLowerCase()
      .pipe(z.enum(TEAM_KINDS, { error: `must be one of ${TEAM_KINDS.join(', ')}` })),
    members: integer.pipe(z.number().gt(0, 'must be greater than 0')),
    equipment: list,
    leader_name: required,
    leader_phone: phone,
  });
  return { points, shelters, teams };
}

type Shapes = ReturnType<typeof shapes>;

function toPoint(r: z.output<Shapes['points']>): PointRecord {
  const person = (name: string, phone: string): Person => ({ name, phone });
  return {
    code: r.code,
    name: r.name,
    subdistrictCode: r.subdistrict_code,
    location: [r.lon, r.lat],
    alarmDepthM: r.alarm_depth_m,
    hasSensor: r.has_sensor,
    contacts: {
      onsite_lead: person(r.onsite_lead_name, r.onsite_lead_phone),
      ...(r.onsite_lead_backup_name && r.onsite_lead_backup_phone
        ? { onsite_lead_backup: person(r.onsite_lead_backup_name, r.onsite_lead_backup_phone) }
        : {}),
      drainage: person(r.drainage_name, r.drainage_phone),
      traffic_police: person(r.traffic_police_name, r.traffic_police_phone),
      fire_rescue: person(r.fire_rescue_name, r.fire_rescue_phone),
    },
  };
}

function toShelter(r: z.output<Shapes['shelters']>): ShelterRecord {
  return {
    code: r.code,
    name: r.name,
    subdistrictCode: r.subdistrict_code,
    location: [r.lon, r.lat],
    address: r.address,
    capacity: r.capacity,
    manager: { name: r.manager_name, phone: r.manager_phone },
    planHazards: r.plan_hazards,
  };
}

function toTeam(r: z.output<Shapes['teams']>): TeamRecord {
  return {
    code: r.code,
    name: r.name,
    kind: r.kind,
    members: r.members,
    subdistrictCode: r.subdistrict_code,
    base: [r.lon, r.lat],
    equipment: r.equipment,
    leader: { name: r.leader_name, phone: r.leader_phone },
  };
}

/**
 * Checks every row and returns either all typed records or ALL problems (every row, every
 * column; the first problem per column). Pure: the known subdistrict codes are passed in.
 */
export function validateRows(
  kind: ImportKind,
  rows: RawRow[],
  subdistricts: ReadonlySet<string>,
): ValidateResult {
  const errors: ImportRowError[] = [];
  const s = shapes(subdistricts);
  const check = <T>(schema: z.ZodType<T>): T[] =>
    rows.flatMap((row) => validateRow(kind, row, schema, errors));
  const batch: ImportBatch =
    kind === 'points'
      ? { kind, rows: check(s.points.transform(toPoint)) }
      : kind === 'shelters'
        ? { kind, rows: check(s.shelters.transform(toShelter)) }
        : { kind, rows: check(s.teams.transform(toTeam)) };
  errors.push(...duplicateCodes(rows));
  errors.sort((a, b) => a.line - b.line || (a.featureIndex ?? 0) - (b.featureIndex ?? 0));
  return errors.length > 0 ? { ok: false, errors } : { ok: true, batch };
}

function validateRow<T>(
  kind: ImportKind,
  row: RawRow,
  schema: z.ZodType<T>,
  errors: ImportRowError[],
): T[] {
  const err = (message: string, column?: string): ImportRowError => ({
    line: row.line,
    ...(column === undefined ? {} : { column }),
    code: 'IMPORT_INVALID_ROWS',
    message,
    ...(row.sharedLine ? { featureIndex: row.featureIndex } : {}),
  });
  if (row.problem) {
    errors.push(err(row.problem.message, row.problem.column));
    return [];
  }
  const input = Object.fromEntries(columnsOf(kind).map((c) => [c, row.values[c] ?? '']));
  const parsed = schema.safeParse(input);
  const issues = parsed.success
    ? []
    : parsed.error.issues.map((i) => ({ column: String(i.path[0] ?? ''), message: i.message }));
  // Range/bbox only once both coordinates are numbers.
  const location = issues.some((i) => i.column === 'lon' || i.column === 'lat')
    ? null
    : locationProblem(input.lon ?? '', input.lat ?? '');
  if (location) issues.push(location);
  const geo = row.featureIndex !== undefined;
  const order = (c: string): number => columnsOf(kind).indexOf(c) + 1 || Infinity;
  for (const i of firstPerColumn(issues).sort((a, b) => order(a.column) - order(b.column))) {
    const column =
      geo && (i.column === 'lon' || i.column === 'lat') ? 'geometry' : i.column || undefined;
    errors.push(err(i.message, column));
  }
  return parsed.success && issues.length === 0 ? [parsed.data] : [];
}

function firstPerColumn<T extends { column: string }>(issues: T[]): T[] {
  return issues.filter((i, k) => issues.findIndex((j) => j.column === i.column) === k);
}

/** Coordinates must be WGS84 inside Bao'an; a swapped pair gets a message saying so. */
export function locationProblem(
  lonText: string,
  latText: string,
): { column: string; message: string } | null {
  const lon = Number(lonText);
  const lat = Number(latText);
  if (lonText === '' || latText === '' || !Number.isFinite(lon) || !Number.isFinite(lat))
    return null;
  const [w, s, e, n] = DISTRICT_BBOX;
  const m = BBOX_MARGIN_DEG;
  const inside = (x: number, y: number): boolean =>
    x >= w - m && x <= e + m && y >= s - m && y <= n + m;
  if (inside(lon, lat)) return null;
  if (inside(lat, lon)) {
    return {
      column: 'lon',
      message: `lon ${lon}, lat ${lat} looks like lat,lon order: swap the two values`,
    };
  }
  if (Math.abs(lon) > 180)
    return { column: 'lon', message: `${lon} is not a WGS84 longitude (-180..180)` };
  if (Math.abs(lat) > 90)
    return { column: 'lat', message: `${lat} is not a WGS84 latitude (-90..90)` };
  return {
    column: 'lon',
    message: `lon ${lon}, lat ${lat} is outside Bao'an district (lon ${w}..${e}, lat ${s}..${n}, WGS84)`,
  };
}

function duplicateCodes(rows: RawRow[]): ImportRowError[] {
  const first = new Map<string, number>();
  const errors: ImportRowError[] = [];
  for (const row of rows) {
    const c = row.values.code?.trim();
    if (!c) continue;
    const at = first.get(c);
    if (at === undefined) first.set(c, row.line);
    else {
      errors.push({
        line: row.line,
        column: 'code',
        code: 'IMPORT_INVALID_ROWS',
        message: `duplicate code "${c}" (first on line ${at})`,
        ...(row.sharedLine ? { featureIndex: row.featureIndex } : {}),
      });
    }
  }
  return errors;
}
