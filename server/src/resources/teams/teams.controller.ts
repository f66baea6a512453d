import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  CONSOLE_ROLES,
  teamPositionBatchSchema,
  teamPositionSchema,
  teamStatusChangeSchema,
  type CoverageGapDto,
  type TeamPosition,
  type TeamPositionBatch,
  type TeamPositionBatchResult,
  type TeamStatusChange,
  type TeamStatusPayload,
} from '@sanfang/shared';
import type { AuthUser, FeedCaller } from '../../auth/auth.types';
import { CurrentFeed, CurrentUser, FeedAuth, Roles } from '../../auth/decorators';
import { ZodPipe } from '../../common/zod.pipe';
import { UuidPipe } from '../../common/uuid.pipe';
import { CoverageReactor } from './coverage.reactor';
import { TeamsService } from './teams.service';

@ApiTags('rescue teams')
@ApiBearerAuth()
@Controller()
export class TeamsController {
  constructor(
    private readonly teams: TeamsService,
    private readonly coverage: CoverageReactor,
  ) {}

  @Post('rescue-teams/:id/status')
  @Roles('duty_officer', 'commander')
  status(
    @Param('id', UuidPipe) id: string,
    @CurrentUser() user: AuthUser,
    @Body(new ZodPipe(teamStatusChangeSchema)) body: TeamStatusChange,
  ): Promise<TeamStatusPayload> {
    return this.teams.changeStatus(id, user.username, body);
  }

  /** A duty officer relaying a team's radio report of where it is. */
  @Post('rescue-teams/:id/position')
  @Roles('duty_officer', 'commander')
  position(
    @Param('id', UuidPipe) id: string,
    @CurrentUser() user: AuthUser,
    @Body(new ZodPipe(teamPositionSchema)) body: TeamPosition,
  ): Promise<TeamPositionBatchResult> {
    return this.teams.reportPosition(id, user.username, body);
  }

  /** The vehicle-tracking gateway (feed token). */
  @Post('rescue-teams/positions')
  @FeedAuth()
  positions(
    @CurrentFeed() feed: FeedCaller,
    @Body(new ZodPipe(teamPositionBatchSchema)) body: TeamPositionBatch,
  ): Promise<TeamPositionBatchResult> {
    return this.teams.reportPositions(`feed:${feed.name}`, body);
  }

  @Get('rescue-teams/coverage-gaps')
  @Roles(...CONSOLE_ROLES)
  gaps(): Promise<CoverageGapDto[]> {
    return this.coverage.gaps();
  }
}
