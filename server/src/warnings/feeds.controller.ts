import {
  Body,
  Controller,
  Get,
  Header,
  HttpStatus,
  Param,
  Post,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import { UuidPipe } from '../common/uuid.pipe';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  CONSOLE_ROLES,
  capFeedRoutes,
  type RouteHandlers,
  type CapIngestResult,
  type CapLogPageDto,
  type FeedLogQuery,
} from '@sanfang/shared';
import type { Request, Response } from 'express';
import type { FeedCaller } from '../auth/auth.types';
import { CurrentFeed, FeedAuth, Public, Roles } from '../auth/decorators';
import { Route } from '../common/route.decorator';
import { ZodPipe } from '../common/zod.pipe';
import { PushService } from './push.service';
import { RepublishService } from './republish.service';
import { WarningsService } from './warnings.service';

@ApiTags('feeds')
@Controller()
export class FeedsController implements RouteHandlers<typeof capFeedRoutes> {
  constructor(
    private readonly push: PushService,
    private readonly republish: RepublishService,
    private readonly warnings: WarningsService,
  ) {}

  /** 201 stored, 200 duplicate, 4xx {code, message, path}. Raw XML: not a route contract. */
  @Post('feeds/cap')
  @FeedAuth()
  @ApiBearerAuth()
  async ingest(
    @CurrentFeed() feed: FeedCaller,
    @Req() req: Request,
    @Body() body: unknown,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CapIngestResult> {
    const reply = await this.push.receive(feed, req.headers['content-type'], body);
    res.status(reply.created ? HttpStatus.CREATED : HttpStatus.OK);
    return reply.result;
  }

  @Get('feeds/cap/active.atom')
  @Public()
  @Header('Content-Type', 'application/atom+xml; charset=utf-8')
  activeAtom(@Req() req: Request): Promise<string> {
    return this.republish.activeAtom(`${req.protocol}://${req.get('host') ?? 'localhost'}`);
  }

  @Get('feeds/cap/messages/:id/cap.xml')
  @Public()
  async message(@Param('id', UuidPipe) id: string, @Res() res: Response): Promise<void> {
    const m = await this.republish.message(id);
    // The bytes as received: sent as they are, not serialised.
    res.status(HttpStatus.OK).setHeader('Content-Type', m.contentType).end(m.body);
  }

  /** The feed log: every stored message including Test/Draft/System and orphans. */
  @Route(capFeedRoutes.log)
  @Roles(...CONSOLE_ROLES)
  @ApiBearerAuth()
  log(
    @Query(new ZodPipe(capFeedRoutes.log.query, 'query')) q: FeedLogQuery,
  ): Promise<CapLogPageDto> {
    return this.warnings.feedLog(q.limit, q.offset);
  }
}
