import { Body, Controller, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  CONSOLE_ROLES,
  dutyRuleCodeSchema,
  type DutyRuleDto,
  type DutyRuleInput,
  type IncidentSettings,
  incidentConfigRoutes,
  type RouteHandlers,
} from '@sanfang/shared';
import { Route } from '../common/route.decorator';
import type { AuthUser } from '../auth/auth.types';
import { CurrentUser, Roles } from '../auth/decorators';
import { ZodPipe } from '../common/zod.pipe';
import { IncidentConfigService } from './config.service';

/** Reporting duty rules and incident settings: the console reads, admins edit. */
@ApiTags('incidents')
@ApiBearerAuth()
@Roles(...CONSOLE_ROLES)
@Controller()
export class IncidentConfigController implements RouteHandlers<typeof incidentConfigRoutes> {
  constructor(private readonly config: IncidentConfigService) {}

  @Route(incidentConfigRoutes.rules)
  rules(): Promise<DutyRuleDto[]> {
    return this.config.rules();
  }

  @Route(incidentConfigRoutes.putRule)
  @Roles('admin')
  putRule(
    @CurrentUser() user: AuthUser,
    @Param('code', new ZodPipe(dutyRuleCodeSchema, 'query')) code: string,
    @Body(new ZodPipe(incidentConfigRoutes.putRule.body)) body: DutyRuleInput,
  ): Promise<DutyRuleDto> {
    return this.config.putRule(user, code, body);
  }

  @Route(incidentConfigRoutes.settings)
  settings(): Promise<IncidentSettings> {
    return this.config.settings();
  }

  @Route(incidentConfigRoutes.putSettings)
  @Roles('admin')
  putSettings(
    @CurrentUser() user: AuthUser,
    @Body(new ZodPipe(incidentConfigRoutes.putSettings.body)) body: IncidentSettings,
  ): Promise<IncidentSettings> {
    return this.config.putSettings(user, body);
  }
}
