import { Body, Controller, Get, Patch } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  CONSOLE_ROLES,
  updateResourceSettingsSchema,
  type ResourceSettings,
  type UpdateResourceSettings,
} from '@sanfang/shared';
import type { AuthUser } from '../../auth/auth.types';
import { CurrentUser, Roles } from '../../auth/decorators';
import { ZodPipe } from '../../common/zod.pipe';
import { ResourceSettingsService } from './resource-settings.service';

@ApiTags('resources')
@ApiBearerAuth()
@Controller('resources/settings')
export class ResourceSettingsController {
  constructor(private readonly settings: ResourceSettingsService) {}

  @Get()
  @Roles(...CONSOLE_ROLES)
  get(): Promise<ResourceSettings> {
    return this.settings.get();
  }

  @Patch()
  @Roles('admin')
  update(
    @CurrentUser() user: AuthUser,
    @Body(new ZodPipe(updateResourceSettingsSchema)) body: UpdateResourceSettings,
  ): Promise<ResourceSettings> {
    return this.settings.update(user, body);
  }
}
