import { Controller, HttpStatus, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  CONSOLE_ROLES,
  replayRoutes,
  type ReplayEventsPage,
  type ReplayEventsQuery,
  type ReplayMarksDto,
  type ReplayRangeQuery,
  type ReplayStateDto,
  type ReplayStateQuery,
  type RouteHandlers,
} from '@sanfang/shared';
import type { Response } from 'express';
import type { AuthUser } from '../auth/auth.types';
import { CurrentUser, Roles } from '../auth/decorators';
import { ApiException } from '../common/api-exception';
import { Route } from '../common/route.decorator';
import { ZodPipe } from '../common/zod.pipe';
import { viewerOf } from '../events/rooms';
import type { ReplayViewer } from './replay.repository';
import { ReplayExportService } from './replay-export.service';
import { ReplayService } from './replay.service';

function replayViewer(user: AuthUser): ReplayViewer {
  const v = viewerOf(user);
  if (!v || v.kind === 'contact') {
    throw new ApiException(HttpStatus.FORBIDDEN, 'AUTH_FORBIDDEN', 'This account has no replay');
  }
  return v;
}

/** After-action review (复盘): read-only; the viewer sees what their role sees live. */
@ApiTags('replay')
@ApiBearerAuth()
@Roles(...CONSOLE_ROLES)
@Controller()
export class ReplayController implements RouteHandlers<typeof replayRoutes> {
  constructor(
    private readonly replay: ReplayService,
    private readonly exports: ReplayExportService,
  ) {}

  @Route(replayRoutes.state)
  state(
    @CurrentUser() user: AuthUser,
    @Query(new ZodPipe(replayRoutes.state.query, 'query')) q: ReplayStateQuery,
  ): Promise<ReplayStateDto> {
    return this.replay.state(replayViewer(user), new Date(q.at));
  }

  @Route(replayRoutes.events)
  events(
    @CurrentUser() user: AuthUser,
    @Query(new ZodPipe(replayRoutes.events.query, 'query')) q: ReplayEventsQuery,
  ): Promise<ReplayEventsPage> {
    return this.replay.events(replayViewer(user), q);
  }

  @Route(replayRoutes.marks)
  marks(
    @CurrentUser() user: AuthUser,
    @Query(new ZodPipe(replayRoutes.marks.query, 'query')) q: ReplayRangeQuery,
  ): Promise<ReplayMarksDto> {
    return this.exports.marks(replayViewer(user), q.from, q.to);
  }

  @Route(replayRoutes.timelineCsv)
  async timelineCsv(
    @CurrentUser() user: AuthUser,
    @Query(new ZodPipe(replayRoutes.timelineCsv.query, 'query')) q: ReplayRangeQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string> {
    const csv = await this.exports.timelineCsv(replayViewer(user), q.from, q.to);
    res.type('text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', 'attachment; filename="replay-timeline.csv"');
    return csv;
  }

  @Route(replayRoutes.summaryHtml)
  async summaryHtml(
    @CurrentUser() user: AuthUser,
    @Query(new ZodPipe(replayRoutes.summaryHtml.query, 'query')) q: ReplayRangeQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string> {
    const html = await this.exports.summaryHtml(replayViewer(user), q.from, q.to);
    res.type('text/html; charset=utf-8');
    return html;
  }
}
