import { Controller, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { healthRoutes, type HealthDto, type RouteHandlers } from '@sanfang/shared';
import type { Response } from 'express';
import { Public } from '../auth/decorators';
import { Route } from '../common/route.decorator';
import { HealthService } from './health.service';

@ApiTags('health')
@Controller()
export class HealthController implements RouteHandlers<typeof healthRoutes> {
  constructor(private readonly health: HealthService) {}

  /** 200 when every dependency is up, 503 otherwise (load balancers read the status). */
  @Public()
  @Route(healthRoutes.get)
  async get(@Res({ passthrough: true }) res: Response): Promise<HealthDto> {
    const h = await this.health.check();
    res.status(h.status === 'ok' ? 200 : 503);
    return h;
  }
}
