import { Controller, Get, Param, Query } from '@nestjs/common';
import { UuidPipe } from '../common/uuid.pipe';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  CONSOLE_ROLES,
  warningsQuerySchema,
  type WarningDetailDto,
  type WarningDto,
  type WarningsQuery,
} from '@sanfang/shared';
import { Roles } from '../auth/decorators';
import { ZodPipe } from '../common/zod.pipe';
import { WarningsService } from './warnings.service';

@ApiTags('warnings')
@ApiBearerAuth()
@Roles(...CONSOLE_ROLES)
@Controller('warnings')
export class WarningsController {
  constructor(private readonly warnings: WarningsService) {}

  @Get()
  list(@Query(new ZodPipe(warningsQuerySchema, 'query')) q: WarningsQuery): Promise<WarningDto[]> {
    return this.warnings.list(q);
  }

  @Get(':id')
  get(@Param('id', UuidPipe) id: string): Promise<WarningDetailDto> {
    return this.warnings.get(id);
  }
}
