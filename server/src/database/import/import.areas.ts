import type { AreaGeometry, LonLat } from '@sanfang/shared';
import { DISTRICT_BBOX } from '@sanfang/shared';
import type { DataSource } from 'typeorm';
import { EventsRepository } from '../../events/events.repository';
import { featureOffsets, lineIndex } from './import.json-offsets';
import type { ImportFileError, ImportRowError } from './import.types';

/**
 * Official subdistrict boundaries (the seed's are Voronoi approximations): a GeoJSON
 * FeatureCollection of Polygon/MultiPolygon features with properties code, name and
 * optional name_en. Same rules as the other kinds: every problem reported with its line,
 * nothing loaded if any.
 */
export interface AreaRow {
  line: number;
  code: string;
  name: string;
  nameEn: string | null;
  geometry: AreaGeometry;
  centre: LonLat;
}

export type AreaParse =
  | { ok: true; rows: AreaRow[] }
  | { ok: false; fileError: ImportFileError }
  | { ok: false; rowErrors: ImportRowError[] };

const MARGIN = 0.1;
const CODE = /^\d{9,12}$/;

function ringProblem(ring: unknown): string | null {
  if (!Array.isArray(ring) || ring.length < 4) return 'a ring needs at least 4 positions';
  for (const p of ring) {
    if (!Array.isArray(p) || p.length < 2 || typeof p[0] !== 'number' || typeof p[1] !== 'number')
      return 'every position is [lon, lat] in numbers';
    const [lon, lat] = p as [number, number];
    const inBox = (x: number, y: number): boolean =>
      x >= DISTRICT_BBOX[0] - MARGIN &&
      x <= DISTRICT_BBOX[2] + MARGIN &&
      y >= DISTRICT_BBOX[1] - MARGIN &&
      y <= DISTRICT_BBOX[3] + MARGIN;
    if (!inBox(lon, lat))
      return inBox(lat, lon)
        ? `position ${lon},${lat} looks like lat,lon order: GeoJSON is [lon, lat]`
        : `position ${lon},${lat} is outside the district (WGS84 expected)`;
  }
  const a = ring[0] as number[];
  const z = ring[ring.length - 1] as number[];
  if (a[0] !== z[0] || a[1] !== z[1]) return 'a ring must end where it starts (closed)';
  return null;
}

function polygons(g: { type?: unknown; coordinates?: unknown }): unknown[] | string {
  if (g.type === 'Polygon') return [g.coordinates];
  if (g.type === 'MultiPolygon' && Array.isArray(g.coordinates)) return g.coordinates as unknown[];
  return 'geometry must be a Polygon or MultiPolygon';
}

/** Area-weighted centroid of the outer rings: where the subdistrict's label goes. */
function centreOf(polys: LonLat[][][]): LonLat {
  let ax = 0;
  let ay = 0;
  let aa = 0;
  for (const poly of polys) {
    const ring = poly[0] ?? [];
    for (let i = 0; i + 1 < ring.length; i++) {
      const [x0, y0] = ring[i]!;
      const [x1, y1] = ring[i + 1]!;
      const cross = x0 * y1 - x1 * y0;
      aa += cross;
      ax += (x0 + x1) * cross;
      ay += (y0 + y1) * cross;
    }
  }
  if (aa === 0) return polys[0]?.[0]?.[0] ?? [0, 0];
  return [Number((ax / (3 * aa)).toFixed(6)), Number((ay / (3 * aa)).toFixed(6))];
}

export function parseAreas(text: string): AreaParse {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return {
      ok: false,
      fileError: { code: 'IMPORT_INVALID_FILE', message: `not JSON: ${(e as Error).message}` },
    };
  }
  const fc = json as { type?: unknown; features?: unknown };
  if (fc.type !== 'FeatureCollection' || !Array.isArray(fc.features))
    return {
      ok: false,
      fileError: { code: 'IMPORT_INVALID_FILE', message: 'expected a GeoJSON FeatureCollection' },
    };
  const toLine = lineIndex(text);
  const offsets = featureOffsets(text);
  const rows: AreaRow[] = [];
  const errors: ImportRowError[] = [];
  const seen = new Map<string, number>();
  const lines = offsets.map((o) => toLine(o));
  // A feature index is only needed where features share a line (single-line files).
  const shared = new Set(lines.filter((l, i) => lines.indexOf(l) !== i));
  fc.features.forEach((f: unknown, i: number) => {
    const line = lines[i] ?? 1;
    const err = (column: string | undefined, message: string): void => {
      errors.push({
        line,
        column,
        code: 'IMPORT_INVALID_ROWS',
        message,
        ...(shared.has(line) ? { featureIndex: i } : {}),
      });
    };
    const feat = f as {
      geometry?: { type?: unknown; coordinates?: unknown };
      properties?: Record<string, unknown>;
    };
    const props = feat.properties ?? {};
    const code =
      typeof props.code === 'string'
        ? props.code.trim()
        : typeof props.code === 'number'
          ? String(props.code)
          : '';
    const name = typeof props.name === 'string' ? props.name.trim() : '';
    if (!CODE.test(code)) err('code', 'must be a 9–12 digit GB/T 2260 code (as a string)');
    if (!name) err('name', 'is required');
    const first = seen.get(code);
    if (first !== undefined) err('code', `duplicate code "${code}" (first on line ${first})`);
    seen.set(code, line);
    const polys = polygons(feat.geometry ?? {});
    if (typeof polys === 'string') return err('geometry', polys);
    for (const poly of polys) {
      if (!Array.isArray(poly) || poly.length === 0)
        return err('geometry', 'a polygon needs an outer ring');
      for (const ring of poly) {
        const problem = ringProblem(ring);
        if (problem) return err('geometry', problem);
      }
    }
    const nameEn =
      typeof props.name_en === 'string' && props.name_en.trim() ? props.name_en.trim() : null;
    rows.push({
      line,
      code,
      name,
      nameEn,
      geometry: feat.geometry as AreaGeometry,
      centre: centreOf(polys as LonLat[][][]),
    });
  });
  if (errors.length > 0) return { ok: false, rowErrors: errors };
  if (rows.length === 0)
    return { ok: false, fileError: { code: 'IMPORT_INVALID_FILE', message: 'no features' } };
  return { ok: true, rows };
}

/** Upserts the boundaries (marked official), with an event, in one transaction. */
export async function loadAreas(
  ds: DataSource,
  rows: AreaRow[],
  dryRun: boolean,
): Promise<{ inserted: number; updated: number }> {
  let result = { inserted: 0, updated: 0 };
  await ds
    .transaction(async (m) => {
      await m.query(`SELECT pg_advisory_xact_lock(hashtext('sanfang.import'))`);
      const existing = await m.query<{ code: string }[]>(
        `SELECT code FROM subdistricts WHERE code = ANY($1)`,
        [rows.map((r) => r.code)],
      );
      const district = await m.query<{ code: string }[]>(
        `SELECT code FROM districts ORDER BY code LIMIT 1`,
      );
      for (const r of rows) {
        await m.query(
          `INSERT INTO subdistricts (code, district_code, name, name_en, centre_lon, centre_lat, geometry, approximate)
           VALUES ($1, $2, $3, $4, $5, $6, $7, false)
           ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name,
             name_en = COALESCE(EXCLUDED.name_en, subdistricts.name_en), centre_lon = EXCLUDED.centre_lon,
             centre_lat = EXCLUDED.centre_lat, geometry = EXCLUDED.geometry, approximate = false`,
          [
            r.code,
            district[0]?.code ?? '440306',
            r.name,
            r.nameEn ?? r.name,
            r.centre[0],
            r.centre[1],
            JSON.stringify(r.geometry),
          ],
        );
      }
      result = { inserted: rows.length - existing.length, updated: existing.length };
      const events = new EventsRepository(ds);
      await events.insert(m, await events.allocate(m, 1), 'import', [
        {
          type: 'resources.imported',
          payload: { kind: 'subdistricts', ...result },
          scope: { subdistrictCodes: [], contactIds: [] },
        },
      ]);
      if (dryRun) throw new DryRun();
    })
    .catch((e: unknown) => {
      if (!(e instanceof DryRun)) throw e;
    });
  return result;
}

class DryRun extends Error {}
