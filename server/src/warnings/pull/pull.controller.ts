import { Body, Controller, Delete, Get, Param, Post, Put } from '@nestjs/common';
import { UuidPipe } from '../../common/uuid.pipe';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  pullFeedSchema,
  type PullEntryDto,
  type PullFeedDto,
  type PullFeedInput,
} from '@sanfang/shared';
import type { AuthUser } from '../../auth/auth.types';
import { CurrentUser, Roles } from '../../auth/decorators';
import { ZodPipe } from '../../common/zod.pipe';
import { type PollSummary, PullService } from './pull.service';

@ApiTags('feeds-admin')
@ApiBearerAuth()
@Roles('admin')
@Controller('admin/pull-feeds')
export class PullController {
  constructor(private readonly pull: PullService) {}

  @Get()
  list(): Promise<PullFeedDto[]> {
    return this.pull.list();
  }

  @Post()
  create(
    @CurrentUser() user: AuthUser,
    @Body(new ZodPipe(pullFeedSchema)) body: PullFeedInput,
  ): Promise<PullFeedDto> {
    return this.pull.create(user, body);
  }

  @Put(':id')
  update(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidPipe) id: string,
    @Body(new ZodPipe(pullFeedSchema)) body: PullFeedInput,
  ): Promise<PullFeedDto> {
    return this.pull.update(user, id, body);
  }

  @Delete(':id')
  remove(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string): Promise<PullFeedDto> {
    return this.pull.remove(user, id);
  }

  /** Entries seen, with quarantine reasons. */
  @Get(':id/entries')
  entries(@Param('id', UuidPipe) id: string): Promise<PullEntryDto[]> {
    return this.pull.entries(id);
  }

  @Post(':id/poll')
  poll(@Param('id', UuidPipe) id: string): Promise<PollSummary> {
    return this.pull.pollNow(id);
  }
}
