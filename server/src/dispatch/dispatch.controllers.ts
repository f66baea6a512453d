import { Body, Controller, Headers, Param, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  type AckRequest,
  type AckViewDto,
  type DispatchDto,
  type DispatchesQuery,
  type DispatchMessageDto,
  type NotificationDto,
  type NotificationsQuery,
  type SmsInbound,
} from '@sanfang/shared';
import {
  ackRoutes,
  dispatchesRoutes,
  notificationsRoutes,
  smsRoutes,
  type RouteHandlers,
} from '@sanfang/shared';
import { Route } from '../common/route.decorator';
import type { AuthUser } from '../auth/auth.types';
import { CurrentUser, FeedAuth, Public, Roles } from '../auth/decorators';
import { UuidPipe } from '../common/uuid.pipe';
import { ZodPipe } from '../common/zod.pipe';
import { AckRateLimitGuard } from './ack-rate-limit.guard';
import { AckService } from './ack.service';
import { DispatchQueryService } from './dispatch-query.service';
import { NotificationsRepository } from './notify/notifications.repository';

@ApiTags('dispatch')
@ApiBearerAuth()
@Controller()
export class DispatchesController implements RouteHandlers<typeof dispatchesRoutes> {
  constructor(private readonly query: DispatchQueryService) {}

  @Route(dispatchesRoutes.list)
  @Roles('duty_officer', 'commander', 'admin', 'contact')
  list(
    @CurrentUser() user: AuthUser,
    @Query(new ZodPipe(dispatchesRoutes.list.query, 'query')) q: DispatchesQuery,
  ): Promise<DispatchDto[]> {
    return this.query.list(user, q);
  }

  @Route(dispatchesRoutes.messages)
  @Roles('duty_officer', 'commander', 'admin')
  messages(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidPipe) id: string,
  ): Promise<DispatchMessageDto[]> {
    return this.query.messages(user, id);
  }
}

@ApiTags('dispatch')
@Controller()
@Public()
@UseGuards(AckRateLimitGuard)
export class AckController implements RouteHandlers<typeof ackRoutes> {
  constructor(private readonly acks: AckService) {}

  @Route(ackRoutes.view)
  view(
    @Param('token') token: string,
    @Headers('authorization') authorization?: string,
  ): Promise<AckViewDto> {
    return this.acks.view(token, authorization);
  }

  @Route(ackRoutes.answer)
  answer(
    @Param('token') token: string,
    @Body(new ZodPipe(ackRoutes.answer.body)) body: AckRequest,
    @Headers('authorization') authorization?: string,
  ): Promise<AckViewDto> {
    return this.acks.byToken(token, body, authorization);
  }
}

@ApiTags('dispatch')
@Controller()
export class SmsController implements RouteHandlers<typeof smsRoutes> {
  constructor(private readonly acks: AckService) {}

  @Route(smsRoutes.inbound)
  @FeedAuth()
  inbound(@Body(new ZodPipe(smsRoutes.inbound.body)) body: SmsInbound): Promise<AckViewDto> {
    return this.acks.bySms(body);
  }
}

@ApiTags('dispatch')
@ApiBearerAuth()
@Controller()
export class NotificationsController implements RouteHandlers<typeof notificationsRoutes> {
  constructor(private readonly repo: NotificationsRepository) {}

  @Route(notificationsRoutes.list)
  @Roles('admin')
  list(
    @Query(new ZodPipe(notificationsRoutes.list.query, 'query')) q: NotificationsQuery,
  ): Promise<NotificationDto[]> {
    return this.repo.list({ dispatchId: q.dispatchId, callId: q.callId }, q.limit);
  }
}
