import { createHash, timingSafeEqual } from 'node:crypto';
import { Controller, Get, Header, Headers, HttpStatus, Inject } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { bearerToken } from '../auth/auth.guard';
import { Public } from '../auth/decorators';
import { ApiException } from '../common/api-exception';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { registry } from './metrics';

const digest = (s: string): Buffer => createHash('sha256').update(s).digest();

/**
 * Prometheus on the application port only for a scraper holding METRICS_TOKEN; otherwise
 * metrics live on their own listener (METRICS_PORT, loopback by default) and this is 404.
 */
@ApiExcludeController()
@Controller('metrics')
export class MetricsController {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  @Public()
  @Get()
  @Header('Content-Type', registry.contentType)
  metrics(@Headers('authorization') authorization?: string): Promise<string> {
    const expected = this.config.metricsToken;
    if (expected === null) {
      throw new ApiException(
        HttpStatus.NOT_FOUND,
        'NOT_FOUND',
        'Metrics are served on METRICS_PORT (or here with METRICS_TOKEN)',
      );
    }
    const given = bearerToken(authorization);
    if (!given) throw new ApiException(HttpStatus.UNAUTHORIZED, 'AUTH_TOKEN_MISSING');
    if (!timingSafeEqual(digest(given), digest(expected))) {
      throw new ApiException(HttpStatus.UNAUTHORIZED, 'AUTH_TOKEN_INVALID');
    }
    return registry.metrics();
  }
}
