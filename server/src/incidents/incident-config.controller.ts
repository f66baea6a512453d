import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  CONSOLE_ROLES,
  dutyRuleCodeSchema,
  dutyRuleSchema,
  incidentSettingsSchema,
  type DutyRuleDto,
  type DutyRuleInput,
  type IncidentSettings,
} from '@sanfang/shared';
import type { AuthUser } from '../auth/auth.types';
import { CurrentUser, Roles } from '../auth/decorators';
import { ZodPipe } from '../common/zod.pipe';
import { IncidentConfigService } from './config.service';

/** Reporting duty rules and incident settings: the console reads, admins edit. */
@ApiTags('incidents')
@ApiBearerAuth()
@Roles(...CONSOLE_ROLES)
@Controller('incident-config')
export class IncidentConfigController {
  constructor(private readonly config: IncidentConfigService) {}

  @Get('duties')
  rules(): Promise<DutyRuleDto[]> {
    return this.config.rules();
  }

  @Put('duties/:code')
  @Roles('admin')
  putRule(
    @CurrentUser() user: AuthUser,
    @Param('code', new ZodPipe(dutyRuleCodeSchema, 'query')) code: string,
    @Body(new ZodPipe(dutyRuleSchema)) body: DutyRuleInput,
  ): Promise<DutyRuleDto> {
    return this.config.putRule(user, code, body);
  }

  @Get('settings')
  settings(): Promise<IncidentSettings> {
    return this.config.settings();
  }

  @Put('settings')
  @Roles('admin')
  putSettings(
    @CurrentUser() user: AuthUser,
    @Body(new ZodPipe(incidentSettingsSchema)) body: IncidentSettings,
  ): Promise<IncidentSettings> {
    return this.config.putSettings(user, body);
  }
}
