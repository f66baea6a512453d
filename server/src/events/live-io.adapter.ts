import type { INestApplicationContext } from '@nestjs/common';
import { Logger } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import { createClient, type RedisClientType } from 'redis';
import type { IncomingMessage } from 'node:http';
import type { Server, ServerOptions } from 'socket.io';

export type AdapterStatus = 'up' | 'down' | 'disabled';

/**
 * socket.io server factory. With REDIS_URL, broadcasts cross instances through
 * @socket.io/redis-adapter; when Redis is away, local delivery goes on and clients
 * elsewhere converge through the head beacon and the log.
 */
export class LiveIoAdapter extends IoAdapter {
  private readonly log = new Logger('LiveAdapter');
  private pub: RedisClientType | null = null;
  private sub: RedisClientType | null = null;

  constructor(
    app: INestApplicationContext,
    private readonly redisUrl: string | null,
    private readonly allowedOrigins: readonly string[] = [],
  ) {
    super(app);
  }

  status(): AdapterStatus {
    if (!this.pub || !this.sub) return 'disabled';
    return this.pub.isReady && this.sub.isReady ? 'up' : 'down';
  }

  /** Connects to Redis before the server starts; failure to reach it is not fatal. */
  async connect(): Promise<void> {
    if (!this.redisUrl) return;
    const opts = {
      url: this.redisUrl,
      socket: {
        reconnectStrategy: (retries: number) => Math.min(100 * 2 ** retries, 2_000),
        connectTimeout: 2_000,
      },
    };
    this.pub = createClient(opts);
    this.sub = this.pub.duplicate();
    for (const c of [this.pub, this.sub]) {
      c.on('error', (e: Error) => this.log.warn(`redis: ${e.message}`));
    }
    await Promise.all([this.pub.connect(), this.sub.connect()]).catch((e: unknown) =>
      this.log.warn(`redis not reachable yet (${String(e)}); retrying in the background`),
    );
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const server = super.createIOServer(port, {
      ...options,
      // A page on another site must not open a socket with a token it got hold of.
      allowRequest: (req: IncomingMessage, cb: (err: null, ok: boolean) => void) =>
        cb(null, originAllowed(req, this.allowedOrigins)),
    }) as Server;
    if (this.pub && this.sub) {
      const warn = (e: unknown): void => this.log.warn(`redis command failed: ${String(e)}`);
      server.adapter(createAdapter(settled(this.pub, warn), settled(this.sub, warn)));
    }
    return server;
  }

  /** On app.close(): the adapter's Redis clients go too, or they keep the process alive. */
  override async dispose(): Promise<void> {
    await super.dispose();
    await this.disconnectRedis();
  }

  async disconnectRedis(): Promise<void> {
    await Promise.all([
      this.pub?.quit().catch(() => undefined),
      this.sub?.quit().catch(() => undefined),
    ]);
  }
}

/**
 * Browsers always send Origin on a websocket or cross-site request; it must be the console's
 * own (the Host it asked for; behind nginx, `$host` carries no port, so the hostname alone
 * counts) or one of ALLOWED_ORIGINS. Clients that are not browsers send none.
 */
export function originAllowed(req: IncomingMessage, allowed: readonly string[]): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (allowed.includes(url.origin)) return true;
  const host = req.headers.host;
  if (!host) return false;
  return url.host === host || (!host.includes(':') && url.hostname === host);
}

/**
 * The Redis client as the adapter sees it: every promise a command returns already has
 * a rejection handler. @socket.io/redis-adapter fires PUBLISH (and its SUBSCRIBEs) without
 * awaiting them, so a command in flight when Redis drops rejected with no handler and
 * Node ended the process (seen as `read ECONNRESET`). Callers that await still see the
 * rejection; the live clients catch up through the head beacon and the log.
 */
export function settled<T extends object>(client: T, onError: (e: unknown) => void): T {
  return new Proxy(client, {
    get(target, prop) {
      const value: unknown = Reflect.get(target, prop, target);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]): unknown => {
        const out: unknown = (value as (...a: unknown[]) => unknown).apply(target, args);
        if (out instanceof Promise) out.catch(onError);
        return out;
      };
    },
  });
}
