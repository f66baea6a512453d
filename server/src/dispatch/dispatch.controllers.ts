import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Param,
  Post,
  Query,
  UseGuards,
} from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  ackSchema,
  dispatchesQuerySchema,
  notificationsQuerySchema,
  smsInboundSchema,
  type AckRequest,
  type AckViewDto,
  type DispatchDto,
  type DispatchesQuery,
  type NotificationDto,
  type NotificationsQuery,
  type SmsInbound,
} from '@sanfang/shared';
import type { AuthUser } from '../auth/auth.types';
import { CurrentUser, FeedAuth, Public, Roles } from '../auth/decorators';
import { ZodPipe } from '../common/zod.pipe';
import { AckRateLimitGuard } from './ack-rate-limit.guard';
import { AckService } from './ack.service';
import { DispatchQueryService } from './dispatch-query.service';
import { NotificationsRepository } from './notify/notifications.repository';

@ApiTags('dispatch')
@ApiBearerAuth()
@Controller('dispatches')
export class DispatchesController {
  constructor(private readonly query: DispatchQueryService) {}

  @Get()
  @Roles('duty_officer', 'commander', 'admin', 'contact')
  list(
    @CurrentUser() user: AuthUser,
    @Query(new ZodPipe(dispatchesQuerySchema, 'query')) q: DispatchesQuery,
  ): Promise<DispatchDto[]> {
    return this.query.list(user, q);
  }
}

@ApiTags('dispatch')
@Controller('ack')
@Public()
@UseGuards(AckRateLimitGuard)
export class AckController {
  constructor(private readonly acks: AckService) {}

  @Get(':token')
  view(
    @Param('token') token: string,
    @Headers('authorization') authorization?: string,
  ): Promise<AckViewDto> {
    return this.acks.view(token, authorization);
  }

  @Post(':token')
  @HttpCode(200)
  answer(
    @Param('token') token: string,
    @Body(new ZodPipe(ackSchema)) body: AckRequest,
    @Headers('authorization') authorization?: string,
  ): Promise<AckViewDto> {
    return this.acks.byToken(token, body, authorization);
  }
}

@ApiTags('dispatch')
@Controller('channels/sms')
export class SmsController {
  constructor(private readonly acks: AckService) {}

  @Post('inbound')
  @HttpCode(200)
  @FeedAuth()
  inbound(@Body(new ZodPipe(smsInboundSchema)) body: SmsInbound): Promise<AckViewDto> {
    return this.acks.bySms(body);
  }
}

@ApiTags('dispatch')
@ApiBearerAuth()
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly repo: NotificationsRepository) {}

  @Get()
  @Roles('admin')
  list(
    @Query(new ZodPipe(notificationsQuerySchema, 'query')) q: NotificationsQuery,
  ): Promise<NotificationDto[]> {
    return this.repo.list(q.dispatchId, q.limit);
  }
}
