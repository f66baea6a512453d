import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  CONSOLE_ROLES,
  dutyLogEntrySchema,
  dutyLogQuerySchema,
  handoverSchema,
  type DutyLogEntryDto,
  type DutyLogEntryInput,
  type DutyLogQuery,
  type HandoverInput,
} from '@sanfang/shared';
import type { AuthUser } from '../auth/auth.types';
import { CurrentUser, Roles } from '../auth/decorators';
import { ZodPipe } from '../common/zod.pipe';
import { DutyLogService } from './duty-log.service';

@ApiTags('duty-log')
@ApiBearerAuth()
@Roles(...CONSOLE_ROLES)
@Controller('duty-log')
export class DutyLogController {
  constructor(private readonly log: DutyLogService) {}

  @Get()
  list(
    @CurrentUser() user: AuthUser,
    @Query(new ZodPipe(dutyLogQuerySchema, 'query')) q: DutyLogQuery,
  ): Promise<DutyLogEntryDto[]> {
    return this.log.list(user, q);
  }

  @Post()
  @Roles('duty_officer', 'commander')
  add(
    @CurrentUser() user: AuthUser,
    @Body(new ZodPipe(dutyLogEntrySchema)) body: DutyLogEntryInput,
  ): Promise<DutyLogEntryDto> {
    return this.log.add(user, body);
  }

  @Post('handover')
  @Roles('duty_officer', 'commander')
  handover(
    @CurrentUser() user: AuthUser,
    @Body(new ZodPipe(handoverSchema)) body: HandoverInput,
  ): Promise<DutyLogEntryDto> {
    return this.log.handover(user, body);
  }
}
