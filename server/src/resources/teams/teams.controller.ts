import { Body, Controller, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  CONSOLE_ROLES,
  teamsRoutes,
  type RouteHandlers,
  type CoverageGapDto,
  type TeamPosition,
  type TeamPositionBatch,
  type TeamPositionBatchResult,
  type TeamStatusChange,
  type TeamStatusPayload,
} from '@sanfang/shared';
import type { AuthUser, FeedCaller } from '../../auth/auth.types';
import { CurrentFeed, CurrentUser, FeedAuth, Roles } from '../../auth/decorators';
import { Route } from '../../common/route.decorator';
import { ZodPipe } from '../../common/zod.pipe';
import { UuidPipe } from '../../common/uuid.pipe';
import { CoverageReactor } from './coverage.reactor';
import { TeamsService } from './teams.service';

@ApiTags('rescue teams')
@ApiBearerAuth()
@Controller()
export class TeamsController implements RouteHandlers<typeof teamsRoutes> {
  constructor(
    private readonly teams: TeamsService,
    private readonly coverage: CoverageReactor,
  ) {}

  @Route(teamsRoutes.status)
  @Roles('duty_officer', 'commander')
  status(
    @Param('id', UuidPipe) id: string,
    @CurrentUser() user: AuthUser,
    @Body(new ZodPipe(teamsRoutes.status.body)) body: TeamStatusChange,
  ): Promise<TeamStatusPayload> {
    return this.teams.changeStatus(id, user.username, body);
  }

  /** A duty officer relaying a team's radio report of where it is. */
  @Route(teamsRoutes.position)
  @Roles('duty_officer', 'commander')
  position(
    @Param('id', UuidPipe) id: string,
    @CurrentUser() user: AuthUser,
    @Body(new ZodPipe(teamsRoutes.position.body)) body: TeamPosition,
  ): Promise<TeamPositionBatchResult> {
    return this.teams.reportPosition(id, user.username, body);
  }

  /** The vehicle-tracking gateway (feed token). */
  @Route(teamsRoutes.positions)
  @FeedAuth()
  positions(
    @CurrentFeed() feed: FeedCaller,
    @Body(new ZodPipe(teamsRoutes.positions.body)) body: TeamPositionBatch,
  ): Promise<TeamPositionBatchResult> {
    return this.teams.reportPositions(`feed:${feed.name}`, body);
  }

  @Route(teamsRoutes.gaps)
  @Roles(...CONSOLE_ROLES)
  gaps(): Promise<CoverageGapDto[]> {
    return this.coverage.gaps();
  }
}
