import { Body, Controller, HttpStatus, Query } from '@nestjs/common';
import { HttpException } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  importRoutes,
  type ImportResultDto,
  type ImportRowProblem,
  type ImportUpload,
  type RouteHandlers,
} from '@sanfang/shared';
import type { DataSource } from 'typeorm';
import { Roles } from '../../auth/decorators';
import { ApiException } from '../../common/api-exception';
import { Route } from '../../common/route.decorator';
import { ZodPipe } from '../../common/zod.pipe';
import { importText } from './import.run';
import type { ImportRowError } from './import.types';

const problem = (e: ImportRowError): ImportRowProblem => ({
  line: e.line,
  message: e.message,
  ...(e.column ? { column: e.column } : {}),
  ...(e.featureIndex !== undefined ? { featureIndex: e.featureIndex } : {}),
});

/**
 * `npm run import` from the browser (admins): a dry run previews every row's problems and
 * the would-be counts; a load stores all rows or, with any problem, nothing.
 */
@ApiTags('import')
@ApiBearerAuth()
@Roles('admin')
@Controller()
export class ImportController implements RouteHandlers<typeof importRoutes> {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  @Route(importRoutes.upload)
  async upload(
    @Query(new ZodPipe(importRoutes.upload.query, 'query')) q: { dryRun: boolean },
    @Body(new ZodPipe(importRoutes.upload.body)) b: ImportUpload,
  ): Promise<ImportResultDto> {
    const out = await importText(this.ds, {
      fileName: b.fileName,
      text: b.content,
      kind: b.kind,
      dryRun: q.dryRun,
    });
    if (out.status === 'file-error') {
      const where = out.error.line ? `line ${out.error.line}: ` : '';
      throw new ApiException(
        HttpStatus.BAD_REQUEST,
        'IMPORT_INVALID_FILE',
        `${where}${out.error.message}`,
        'body.content',
      );
    }
    if (out.status === 'invalid-rows') {
      const errors = out.errors.map(problem);
      if (!q.dryRun) {
        const lines = new Set(out.errors.map((e) => `${e.line}:${e.featureIndex ?? ''}`)).size;
        // {code, message, path} plus every row's problem, so the page can list them.
        throw new HttpException(
          {
            code: 'IMPORT_INVALID_ROWS',
            message: `${lines} invalid ${out.kind} row(s), ${errors.length} problem(s); nothing was loaded`,
            path: 'body.content',
            errors,
          },
          HttpStatus.UNPROCESSABLE_ENTITY,
        );
      }
      return {
        kind: out.kind,
        dryRun: true,
        valid: false,
        errors,
        inserted: 0,
        updated: 0,
        unknownColumns: out.unknownColumns,
      };
    }
    return {
      kind: out.kind,
      dryRun: out.dryRun,
      valid: true,
      errors: [],
      inserted: out.inserted,
      updated: out.updated,
      unknownColumns: out.unknownColumns,
    };
  }
}
