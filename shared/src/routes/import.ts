import { z } from 'zod';
import { post, shape } from './route';

/** What the browser import sends: the file's name (its kind and format are read from it) and text. */
export const importUploadSchema = z.object({
  fileName: z.string().trim().min(1).max(255),
  /** The file decoded as UTF-8 by the browser (a GBK file is refused there, as by the CLI). */
  content: z.string().min(1, 'the file is empty'),
  kind: z.enum(['points', 'shelters', 'teams', 'subdistricts']).optional(),
});
export type ImportUpload = z.infer<typeof importUploadSchema>;

export const importQuerySchema = z.object({
  /** `true`: validate and run the load in a transaction that is rolled back; nothing is stored. */
  dryRun: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v === 'true'),
});

/** One problem with one row (CSV record or GeoJSON feature), as `npm run import` prints it. */
export interface ImportRowProblem {
  /** 1-based line where the record or feature starts. */
  line: number;
  column?: string;
  featureIndex?: number;
  message: string;
}

export interface ImportResultDto {
  kind: 'points' | 'shelters' | 'teams' | 'subdistricts';
  dryRun: boolean;
  /** False: `errors` lists every row's problems and nothing was (or would be) loaded. */
  valid: boolean;
  errors: ImportRowProblem[];
  /** Rows inserted / updated (a dry run: would be). 0 when invalid. */
  inserted: number;
  updated: number;
  /** Columns the importer does not know (ignored). */
  unknownColumns: string[];
}

/**
 * Reference-data import from the browser (admin): the same parse, validation and one
 * all-or-nothing transaction as `npm run import`. A dry run answers 200 with each row's errors;
 * a load with any bad row answers 422 IMPORT_INVALID_ROWS and stores nothing.
 */
export const importRoutes = {
  upload: post('admin/import', {
    status: 200,
    query: importQuerySchema,
    body: importUploadSchema,
    response: shape<ImportResultDto>(),
  }),
};
