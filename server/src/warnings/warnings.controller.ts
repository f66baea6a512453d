import { Controller, Param, Query } from '@nestjs/common';
import { UuidPipe } from '../common/uuid.pipe';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  CONSOLE_ROLES,
  warningsRoutes,
  type RouteHandlers,
  type WarningDetailDto,
  type WarningDto,
  type WarningsQuery,
} from '@sanfang/shared';
import { Roles } from '../auth/decorators';
import { Route } from '../common/route.decorator';
import { ZodPipe } from '../common/zod.pipe';
import { WarningsService } from './warnings.service';

@ApiTags('warnings')
@ApiBearerAuth()
@Roles(...CONSOLE_ROLES)
@Controller()
export class WarningsController implements RouteHandlers<typeof warningsRoutes> {
  constructor(private readonly warnings: WarningsService) {}

  @Route(warningsRoutes.list)
  list(
    @Query(new ZodPipe(warningsRoutes.list.query, 'query')) q: WarningsQuery,
  ): Promise<WarningDto[]> {
    return this.warnings.list(q);
  }

  @Route(warningsRoutes.get)
  get(@Param('id', UuidPipe) id: string): Promise<WarningDetailDto> {
    return this.warnings.get(id);
  }
}
