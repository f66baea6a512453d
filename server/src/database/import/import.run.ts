import type { DataSource } from 'typeorm';
import { loadAreas, parseAreas } from './import.areas';
import { loadBatch, subdistrictCodes } from './import.load';
import { parseImportFile } from './import.parse';
import type { ImportFileError, ImportKind, ImportRowError } from './import.types';
import { validateRows } from './import.validate';

export interface ImportTextRequest {
  fileName: string;
  text: string;
  kind?: ImportKind | 'subdistricts';
  dryRun: boolean;
}

export type ImportTextOutcome =
  | { status: 'file-error'; error: ImportFileError }
  | {
      status: 'invalid-rows';
      kind: ImportKind | 'subdistricts';
      errors: ImportRowError[];
      unknownColumns: string[];
    }
  | {
      status: 'loaded';
      kind: ImportKind | 'subdistricts';
      inserted: number;
      updated: number;
      dryRun: boolean;
      unknownColumns: string[];
    };

/**
 * One import of a file's text, as `npm run import` does it (same parse, validation and one
 * all-or-nothing transaction; a dry run rolls it back): the browser's import route calls this.
 */
export async function importText(
  ds: DataSource,
  req: ImportTextRequest,
): Promise<ImportTextOutcome> {
  if (req.kind === 'subdistricts' || /(^|\/)subdistricts[^/]*$/i.test(req.fileName)) {
    const parsed = parseAreas(req.text.replace(/^\uFEFF/, ''));
    if (!parsed.ok && 'fileError' in parsed)
      return { status: 'file-error', error: parsed.fileError };
    if (!parsed.ok)
      return {
        status: 'invalid-rows',
        kind: 'subdistricts',
        errors: parsed.rowErrors,
        unknownColumns: [],
      };
    const r = await loadAreas(ds, parsed.rows, req.dryRun);
    return { status: 'loaded', kind: 'subdistricts', ...r, dryRun: req.dryRun, unknownColumns: [] };
  }
  const parsed = parseImportFile(req.text, req.fileName, req.kind);
  if (!parsed.ok) return { status: 'file-error', error: parsed.error };
  const { kind, rows, unknownColumns } = parsed.file;
  const result = validateRows(kind, rows, await subdistrictCodes(ds));
  if (!result.ok) return { status: 'invalid-rows', kind, errors: result.errors, unknownColumns };
  const s = await loadBatch(ds, result.batch, req.dryRun);
  return {
    status: 'loaded',
    kind,
    inserted: s.inserted,
    updated: s.updated,
    dryRun: s.dryRun,
    unknownColumns,
  };
}
