import { Body, Controller, Param } from '@nestjs/common';
import { UuidPipe } from '../../common/uuid.pipe';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  pullFeedsRoutes,
  type PullEntryDto,
  type PullFeedDto,
  type PullFeedInput,
  type PullPollSummary,
  type RouteHandlers,
} from '@sanfang/shared';
import type { AuthUser } from '../../auth/auth.types';
import { CurrentUser, Roles } from '../../auth/decorators';
import { Route } from '../../common/route.decorator';
import { ZodPipe } from '../../common/zod.pipe';
import { PullService } from './pull.service';

@ApiTags('feeds-admin')
@ApiBearerAuth()
@Roles('admin')
@Controller()
export class PullController implements RouteHandlers<typeof pullFeedsRoutes> {
  constructor(private readonly pull: PullService) {}

  @Route(pullFeedsRoutes.list)
  list(): Promise<PullFeedDto[]> {
    return this.pull.list();
  }

  @Route(pullFeedsRoutes.create)
  create(
    @CurrentUser() user: AuthUser,
    @Body(new ZodPipe(pullFeedsRoutes.create.body)) body: PullFeedInput,
  ): Promise<PullFeedDto> {
    return this.pull.create(user, body);
  }

  @Route(pullFeedsRoutes.update)
  update(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidPipe) id: string,
    @Body(new ZodPipe(pullFeedsRoutes.update.body)) body: PullFeedInput,
  ): Promise<PullFeedDto> {
    return this.pull.update(user, id, body);
  }

  @Route(pullFeedsRoutes.remove)
  remove(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string): Promise<PullFeedDto> {
    return this.pull.remove(user, id);
  }

  /** Entries seen, with quarantine reasons. */
  @Route(pullFeedsRoutes.entries)
  entries(@Param('id', UuidPipe) id: string): Promise<PullEntryDto[]> {
    return this.pull.entries(id);
  }

  @Route(pullFeedsRoutes.poll)
  poll(@Param('id', UuidPipe) id: string): Promise<PullPollSummary> {
    return this.pull.pollNow(id);
  }
}
