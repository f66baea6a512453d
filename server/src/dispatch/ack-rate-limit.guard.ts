import {
  type CanActivate,
  type ExecutionContext,
  HttpStatus,
  Inject,
  Injectable,
} from '@nestjs/common';
import type { Request } from 'express';
import { ApiException } from '../common/api-exception';
import { DISPATCH_CONFIG, type DispatchConfig } from './dispatch.config';

/**
 * A fixed-window limit per client address on the public ack endpoints (tokens are
 * unguessable; this caps hammering). Per instance, which is enough behind nginx's own limits.
 */
@Injectable()
export class AckRateLimitGuard implements CanActivate {
  private readonly hits = new Map<string, { count: number; until: number }>();

  constructor(@Inject(DISPATCH_CONFIG) private readonly config: DispatchConfig) {}

  canActivate(ctx: ExecutionContext): boolean {
    const req = ctx.switchToHttp().getRequest<Request>();
    const key = req.ip ?? 'unknown';
    const now = Date.now();
    if (this.hits.size > 10_000)
      for (const [k, v] of this.hits) if (v.until <= now) this.hits.delete(k);
    const h = this.hits.get(key);
    if (!h || h.until <= now) {
      this.hits.set(key, { count: 1, until: now + this.config.ackRateWindowS * 1000 });
      return true;
    }
    h.count++;
    if (h.count > this.config.ackRateLimit) {
      throw new ApiException(HttpStatus.TOO_MANY_REQUESTS, 'RATE_LIMITED');
    }
    return true;
  }
}
