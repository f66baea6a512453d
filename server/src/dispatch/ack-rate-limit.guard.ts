import {
  type CanActivate,
  type ExecutionContext,
  HttpStatus,
  Inject,
  Injectable,
  Logger,
  type OnModuleDestroy,
  type OnModuleInit,
} from '@nestjs/common';
import type { Request } from 'express';
import { createClient, type RedisClientType } from 'redis';
import { ApiException } from '../common/api-exception';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { DISPATCH_CONFIG, type DispatchConfig } from './dispatch.config';

/**
 * Fixed-window counters in Redis (REDIS_URL), shared by every instance. One client per
 * process, connected before the app serves; null answers mean "count locally for now".
 */
@Injectable()
export class SharedCounters implements OnModuleInit, OnModuleDestroy {
  private readonly log = new Logger(SharedCounters.name);
  private readonly redis: RedisClientType | null;

  constructor(@Inject(APP_CONFIG) app: AppConfig) {
    this.redis = app.redisUrl
      ? createClient({
          url: app.redisUrl,
          socket: {
            connectTimeout: 2_000,
            reconnectStrategy: (n: number) => Math.min(100 * 2 ** n, 2_000),
          },
        })
      : null;
    this.redis?.on('error', (e: Error) => this.log.warn(`redis: ${e.message}`));
  }

  async onModuleInit(): Promise<void> {
    // Not reaching Redis at start-up is not fatal: the client keeps trying in the background.
    await this.redis?.connect().catch(() => undefined);
  }

  async onModuleDestroy(): Promise<void> {
    if (this.redis?.isOpen) await this.redis.quit().catch(() => undefined);
  }

  async hit(key: string, windowMs: number): Promise<number | null> {
    if (!this.redis?.isReady) return null;
    const k = `sanfang:${key}:${Math.floor(Date.now() / windowMs)}`;
    try {
      const [count] = (await this.redis.multi().incr(k).pExpire(k, windowMs).exec()) as [
        number,
        unknown,
      ];
      return count;
    } catch {
      return null;
    }
  }
}

/**
 * A fixed-window limit per client address on the public ack endpoints (tokens are
 * unguessable; this caps hammering). With REDIS_URL the count is shared by every instance
 * (behind nginx a client's requests spread over all of them); if Redis is unreachable each
 * instance counts on its own meanwhile rather than refusing acknowledgements.
 */
@Injectable()
export class AckRateLimitGuard implements CanActivate {
  private readonly hits = new Map<string, { count: number; until: number }>();

  constructor(
    @Inject(DISPATCH_CONFIG) private readonly config: DispatchConfig,
    private readonly counters: SharedCounters,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const req = ctx.switchToHttp().getRequest<Request>();
    const key = req.ip ?? 'unknown';
    const count =
      (await this.counters.hit(`ack-rate:${key}`, this.config.ackRateWindowS * 1000)) ??
      this.local(key);
    if (count > this.config.ackRateLimit) {
      throw new ApiException(HttpStatus.TOO_MANY_REQUESTS, 'RATE_LIMITED');
    }
    return true;
  }

  private local(key: string): number {
    const now = Date.now();
    if (this.hits.size > 10_000)
      for (const [k, v] of this.hits) if (v.until <= now) this.hits.delete(k);
    const h = this.hits.get(key);
    if (!h || h.until <= now) {
      this.hits.set(key, { count: 1, until: now + this.config.ackRateWindowS * 1000 });
      return 1;
    }
    return ++h.count;
  }
}
