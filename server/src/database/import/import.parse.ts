import { basename, extname } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { featureOffsets, lineIndex } from './import.json-offsets';
import {
  IMPORT_KINDS,
  columnsOf,
  requiredColumnsOf,
  type ImportFileError,
  type ImportFormat,
  type ImportKind,
  type ParsedFile,
  type RawRow,
} from './import.types';

export type ParseResult = { ok: true; file: ParsedFile } | { ok: false; error: ImportFileError };

class FileProblem extends Error {
  constructor(
    message: string,
    readonly line?: number,
  ) {
    super(message);
  }
}

/** File text → raw rows of one kind, or the reason the whole file is unusable. Pure. */
export function parseImportFile(text: string, fileName: string, kind?: ImportKind): ParseResult {
  try {
    return { ok: true, file: parseOrThrow(text.replace(/^\uFEFF/, ''), fileName, kind) };
  } catch (e) {
    if (!(e instanceof FileProblem)) throw e;
    return { ok: false, error: { code: 'IMPORT_INVALID_FILE', message: e.message, line: e.line } };
  }
}

function parseOrThrow(text: string, fileName: string, kind?: ImportKind): ParsedFile {
  if (text.trim() === '') throw new FileProblem('the file is empty');
  const format = detectFormat(fileName, text);
  const read = format === 'csv' ? readCsv(text) : readGeoJson(text);
  const resolved = kind ?? kindFromFileName(fileName) ?? kindFromColumns(read.columns);
  if (format === 'csv') requireColumns(resolved, read.columns, read.headerLine);
  const known = new Set(columnsOf(resolved));
  const unknownColumns = read.columns.filter((c) => !known.has(c));
  return { format, kind: resolved, rows: read.rows, unknownColumns };
}

export function detectFormat(fileName: string, text: string): ImportFormat {
  const ext = extname(fileName).toLowerCase();
  if (ext === '.csv') return 'csv';
  if (ext === '.geojson' || ext === '.json') return 'geojson';
  return text.trimStart().startsWith('{') ? 'geojson' : 'csv';
}

export function kindFromFileName(fileName: string): ImportKind | undefined {
  const name = basename(fileName).toLowerCase();
  if (/^(points|waterlogging)/.test(name)) return 'points';
  if (/^shelters/.test(name)) return 'shelters';
  if (/^(teams|rescue[-_]teams)/.test(name)) return 'teams';
  return undefined;
}

/** The kind whose own columns (those no other kind has) appear; exactly one must match. */
export function kindFromColumns(columns: readonly string[]): ImportKind {
  const matches = IMPORT_KINDS.filter((k) => {
    const others = new Set(IMPORT_KINDS.filter((o) => o !== k).flatMap(columnsOf));
    return columnsOf(k).some((c) => !others.has(c) && columns.includes(c));
  });
  const [only] = matches;
  if (matches.length === 1 && only) return only;
  throw new FileProblem(
    `cannot tell whether the file holds points, shelters or teams from its ${matches.length ? 'mixed ' : ''}columns; ` +
      'name the file points*/shelters*/teams* or pass --kind',
  );
}

function requireColumns(kind: ImportKind, columns: readonly string[], headerLine: number): void {
  const missing = requiredColumnsOf(kind).filter((c) => !columns.includes(c));
  if (missing.length > 0) {
    throw new FileProblem(
      `the header lacks required ${kind} column(s): ${missing.join(', ')}`,
      headerLine,
    );
  }
}

interface Read {
  columns: string[];
  headerLine: number;
  rows: RawRow[];
}

function readCsv(text: string): Read {
  const records = csvRecords(text).filter((r) => r.cells.some((c) => c.trim() !== ''));
  const [header, ...data] = records;
  if (!header) throw new FileProblem('the file is empty');
  const columns = header.cells.map((c) => c.trim().toLowerCase());
  const dup = columns.find((c, i) => columns.indexOf(c) !== i);
  if (dup !== undefined)
    throw new FileProblem(`column "${dup}" appears twice in the header`, header.line);
  if (data.length === 0) throw new FileProblem('the file has a header but no rows', header.line);
  const rows = data.map(({ line, cells }): RawRow => ({
    line,
    values: Object.fromEntries(columns.map((c, i) => [c, cells[i]?.trim()])),
    problem:
      cells.length === columns.length
        ? undefined
        : {
            message: `has ${cells.length} fields but the header has ${columns.length} (unquoted comma?)`,
          },
  }));
  return { columns, headerLine: header.line, rows };
}

/** Records with the physical line each starts on (a quoted field may span lines). */
function csvRecords(text: string): { line: number; cells: string[] }[] {
  let parsed: { record: string[]; raw: string }[];
  try {
    parsed = parseCsv(text, { raw: true, relax_column_count: true }) as unknown as typeof parsed;
  } catch (e) {
    const line = (e as { lines?: number }).lines;
    throw new FileProblem(`not valid CSV: ${(e as Error).message}`, line);
  }
  const lineOf = lineIndex(text);
  let cursor = 0;
  return parsed.map(({ record, raw }) => {
    // `raw` is the record's verbatim text; find it to learn where the record starts.
    const at = text.indexOf(raw, cursor);
    const start = at < 0 ? cursor : at;
    cursor = start + raw.length;
    return { line: lineOf(start), cells: record };
  });
}

function readGeoJson(text: string): Read {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new FileProblem(`not valid JSON: ${(e as Error).message}`);
  }
  if (!isRecord(doc) || doc.type !== 'FeatureCollection' || !Array.isArray(doc.features)) {
    throw new FileProblem(
      'not a GeoJSON FeatureCollection (expected {"type": "FeatureCollection", "features": [...]})',
    );
  }
  const features: unknown[] = doc.features;
  if (features.length === 0) throw new FileProblem('the FeatureCollection has no features');
  const lineOf = lineIndex(text);
  const lines = featureOffsets(text).map(lineOf);
  const rows = features.map((f, i) => featureRow(f, i, lines));
  const columns = [
    ...new Set(features.flatMap((f) => Object.keys(propertiesOf(f)).map((k) => k.toLowerCase()))),
  ];
  return { columns, headerLine: 1, rows };
}

function featureRow(feature: unknown, index: number, lines: number[]): RawRow {
  const line = lines[index] ?? 1;
  const sharedLine = lines.filter((l) => l === line).length > 1;
  const values: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(propertiesOf(feature))) values[k.toLowerCase()] = cellOf(v);
  const row: RawRow = { line, featureIndex: index, sharedLine, values };
  if (!isRecord(feature) || feature.type !== 'Feature') {
    return { ...row, problem: { message: 'not a GeoJSON Feature' } };
  }
  const coords = pointCoordinates(feature.geometry);
  if (!coords) {
    return {
      ...row,
      problem: { column: 'geometry', message: 'must be a Point with [lon, lat] coordinates' },
    };
  }
  return { ...row, values: { ...values, lon: String(coords[0]), lat: String(coords[1]) } };
}

function pointCoordinates(geometry: unknown): [number, number] | null {
  if (!isRecord(geometry) || geometry.type !== 'Point' || !Array.isArray(geometry.coordinates))
    return null;
  const [lon, lat] = geometry.coordinates as unknown[];
  return typeof lon === 'number' && typeof lat === 'number' ? [lon, lat] : null;
}

function propertiesOf(feature: unknown): Record<string, unknown> {
  return isRecord(feature) && isRecord(feature.properties) ? feature.properties : {};
}

/** GeoJSON property values become the same strings a CSV cell would hold. */
function cellOf(v: unknown): string | undefined {
  if (v === null || v === undefined) return undefined;
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return v.map((x) => String(x)).join(';');
  return JSON.stringify(v);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Any table's raw rows (CSV header + records, or GeoJSON features' properties), for importers
 * with their own columns (the roster of responsible persons). GeoJSON geometry is not read.
 */
export function parseTable(
  text: string,
  fileName: string,
):
  | { ok: true; format: ImportFormat; columns: string[]; rows: RawRow[] }
  | { ok: false; error: ImportFileError } {
  try {
    const clean = text.replace(/^\uFEFF/, '');
    if (clean.trim() === '') throw new FileProblem('the file is empty');
    const format = detectFormat(fileName, clean);
    const read = format === 'csv' ? readCsv(clean) : readGeoJson(clean);
    const rows =
      format === 'csv' ? read.rows : read.rows.map((r) => ({ ...r, problem: undefined }));
    return { ok: true, format, columns: read.columns, rows };
  } catch (e) {
    if (!(e instanceof FileProblem)) throw e;
    return { ok: false, error: { code: 'IMPORT_INVALID_FILE', message: e.message, line: e.line } };
  }
}
