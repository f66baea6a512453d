import type { Server as HttpServer } from 'node:http';
import { Server as NetServer } from 'node:net';
import type { NextFunction, Request, Response } from 'express';

/**
 * A clean restart (SIGTERM): stop taking new connections, answer every request already
 * received (their group commits with them), then let the caller stop the rest.
 *
 * While draining, every response says `Connection: close`, so a proxy's kept-alive
 * connection is given up after the request it carried instead of being reused, and
 * /api/health answers 503 so load balancers that probe it take the instance out.
 */
export class Drain {
  private draining = false;
  private inflight = 0;
  private idleWaiters: (() => void)[] = [];

  get active(): boolean {
    return this.draining;
  }

  get requestsInFlight(): number {
    return this.inflight;
  }

  /** First middleware of the app: counts requests until their response is done. */
  readonly middleware = (req: Request, res: Response, next: NextFunction): void => {
    if (this.draining) {
      res.setHeader('Connection', 'close');
      if (req.path === '/api/health') {
        res.status(503).json({
          code: 'SERVICE_UNAVAILABLE',
          message: 'This instance is shutting down',
        });
        return;
      }
    }
    this.inflight++;
    let done = false;
    const finish = (): void => {
      if (done) return;
      done = true;
      this.inflight--;
      if (this.inflight === 0) for (const w of this.idleWaiters.splice(0)) w();
    };
    res.once('finish', finish);
    res.once('close', finish);
    next();
  };

  /**
   * Stops accepting connections. Connections already open stay: a request a proxy sends on
   * one is still answered (with `Connection: close`); idle ones end by their keep-alive
   * timeout or when the proxy drops them. (http.Server.close would also cut idle kept-alive
   * connections at once, racing a proxy that is just sending a request on one of them.)
   */
  start(server: HttpServer): void {
    if (this.draining) return;
    this.draining = true;
    if (server.listening) NetServer.prototype.close.call(server);
  }

  /** Resolves once no request is in flight, or at `deadline` (epoch ms) with false. */
  whenIdle(deadline: number): Promise<boolean> {
    if (this.inflight === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const t = setTimeout(() => resolve(false), Math.max(0, deadline - Date.now()));
      this.idleWaiters.push(() => {
        clearTimeout(t);
        resolve(true);
      });
    });
  }

  /** Resolves once every connection of `server` has closed, or at `deadline` with false. */
  async whenClosed(server: HttpServer, deadline: number): Promise<boolean> {
    const open = (): Promise<number> =>
      new Promise((resolve) => server.getConnections((e, n) => resolve(e ? 0 : n)));
    while ((await open()) > 0) {
      if (Date.now() >= deadline) return false;
      await new Promise((r) => setTimeout(r, 50));
    }
    return true;
  }
}
