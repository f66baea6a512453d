import { Body, Controller } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  CONSOLE_ROLES,
  resourceSettingsRoutes,
  type RouteHandlers,
  type ResourceSettings,
  type UpdateResourceSettings,
} from '@sanfang/shared';
import type { AuthUser } from '../../auth/auth.types';
import { CurrentUser, Roles } from '../../auth/decorators';
import { Route } from '../../common/route.decorator';
import { ZodPipe } from '../../common/zod.pipe';
import { ResourceSettingsService } from './resource-settings.service';

@ApiTags('resources')
@ApiBearerAuth()
@Controller()
export class ResourceSettingsController implements RouteHandlers<typeof resourceSettingsRoutes> {
  constructor(private readonly settings: ResourceSettingsService) {}

  @Route(resourceSettingsRoutes.get)
  @Roles(...CONSOLE_ROLES)
  get(): Promise<ResourceSettings> {
    return this.settings.get();
  }

  @Route(resourceSettingsRoutes.update)
  @Roles('admin')
  update(
    @CurrentUser() user: AuthUser,
    @Body(new ZodPipe(resourceSettingsRoutes.update.body)) body: UpdateResourceSettings,
  ): Promise<ResourceSettings> {
    return this.settings.update(user, body);
  }
}
