import { Controller, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  CONSOLE_ROLES,
  reportsRoutes,
  type RouteHandlers,
  type DailyReportQuery,
  type DutyReport,
  type MonthlyReport,
  type MonthlyReportQuery,
} from '@sanfang/shared';
import type { Response } from 'express';
import { Roles } from '../auth/decorators';
import { Route } from '../common/route.decorator';
import { ZodPipe } from '../common/zod.pipe';
import { reportCsv, reportHtml } from './report-render';
import { DutyReportService } from './report.service';

/** JSON for the console, printable HTML and CSV for the paper trail. */
function send(
  res: Response,
  format: 'json' | 'html' | 'csv',
  name: string,
  report: DutyReport,
  days: MonthlyReport['days'] = [],
): string | undefined {
  if (format === 'html') {
    res.type('text/html; charset=utf-8');
    return reportHtml(report, days);
  }
  if (format === 'csv') {
    res.type('text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="${name}.csv"`);
    return reportCsv(report, days);
  }
  return undefined;
}

@ApiTags('reports')
@ApiBearerAuth()
@Roles(...CONSOLE_ROLES)
@Controller()
export class DutyReportController implements RouteHandlers<typeof reportsRoutes> {
  constructor(private readonly reports: DutyReportService) {}

  @Route(reportsRoutes.daily)
  async daily(
    @Query(new ZodPipe(reportsRoutes.daily.query, 'query')) q: DailyReportQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<DutyReport | string> {
    const r = await this.reports.daily(q.date);
    return send(res, q.format, `duty-report-${q.date}`, r) ?? r;
  }

  @Route(reportsRoutes.monthly)
  async monthly(
    @Query(new ZodPipe(reportsRoutes.monthly.query, 'query')) q: MonthlyReportQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<MonthlyReport | string> {
    const r = await this.reports.monthly(q.month);
    return send(res, q.format, `duty-report-${q.month}`, r.summary, r.days) ?? r;
  }
}
