import { Controller, Get, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { HealthDto } from '@sanfang/shared';
import type { Response } from 'express';
import { Public } from '../auth/decorators';
import { HealthService } from './health.service';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  /** 200 when every dependency is up, 503 otherwise (load balancers read the status). */
  @Public()
  @Get()
  async get(@Res({ passthrough: true }) res: Response): Promise<HealthDto> {
    const h = await this.health.check();
    res.status(h.status === 'ok' ? 200 : 503);
    return h;
  }
}
