import { Body, Controller, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  CONSOLE_ROLES,
  type DutyLogEntryDto,
  type DutyLogEntryInput,
  type DutyLogQuery,
  type HandoverInput,
  dutyLogRoutes,
  type RouteHandlers,
} from '@sanfang/shared';
import { Route } from '../common/route.decorator';
import type { AuthUser } from '../auth/auth.types';
import { CurrentUser, Roles } from '../auth/decorators';
import { ZodPipe } from '../common/zod.pipe';
import { DutyLogService } from './duty-log.service';

@ApiTags('duty-log')
@ApiBearerAuth()
@Roles(...CONSOLE_ROLES)
@Controller()
export class DutyLogController implements RouteHandlers<typeof dutyLogRoutes> {
  constructor(private readonly log: DutyLogService) {}

  @Route(dutyLogRoutes.list)
  list(
    @CurrentUser() user: AuthUser,
    @Query(new ZodPipe(dutyLogRoutes.list.query, 'query')) q: DutyLogQuery,
  ): Promise<DutyLogEntryDto[]> {
    return this.log.list(user, q);
  }

  @Route(dutyLogRoutes.add)
  @Roles('duty_officer', 'commander')
  add(
    @CurrentUser() user: AuthUser,
    @Body(new ZodPipe(dutyLogRoutes.add.body)) body: DutyLogEntryInput,
  ): Promise<DutyLogEntryDto> {
    return this.log.add(user, body);
  }

  @Route(dutyLogRoutes.handover)
  @Roles('duty_officer', 'commander')
  handover(
    @CurrentUser() user: AuthUser,
    @Body(new ZodPipe(dutyLogRoutes.handover.body)) body: HandoverInput,
  ): Promise<DutyLogEntryDto> {
    return this.log.handover(user, body);
  }
}
