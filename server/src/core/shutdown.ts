import type { INestApplication } from '@nestjs/common';
import type { Server as HttpServer } from 'node:http';
import type { Logger } from 'pino';
import { EventsGateway } from '../events/events.gateway';
import { RUNTIME, type Runtime } from './runtime';

/**
 * SIGTERM / SIGINT: drain, then stop, within `timeoutS` (SHUTDOWN_TIMEOUT_S).
 *
 * 1. Stop accepting connections; /api/health answers 503; responses close their connection.
 * 2. Close every live connection at the transport: clients reconnect (elsewhere, behind a
 *    proxy) and resume from their lastSeq; new handshakes here are refused.
 * 3. Answer every request already received (group commits included: a request is answered
 *    only after its transaction commits) and wait for kept-alive connections to end.
 * 4. app.close(): the timers stop gracefully (pg-boss finishes or fails back its active jobs,
 *    which another instance then runs), the database pool closes; then the embedded server.
 *
 * Resolves with the exit code: 0 when every request received was answered; 1 when the time
 * ran out first (a watchdog also ends the process if stopping itself hangs).
 */
export async function shutdown(
  app: INestApplication,
  opts: { timeoutS: number; log: Logger; signal: string; after?: () => Promise<void> },
): Promise<number> {
  const { log } = opts;
  const t0 = Date.now();
  const deadline = t0 + opts.timeoutS * 1000;
  // Keep the last part of the budget for stopping the timers and the database.
  const drainDeadline = deadline - Math.min(5_000, (opts.timeoutS * 1000) / 3);
  const watchdog = setTimeout(() => {
    log.error(`shutdown did not finish within ${opts.timeoutS} s (SHUTDOWN_TIMEOUT_S): exiting`);
    process.exit(1);
  }, opts.timeoutS * 1000);
  watchdog.unref();

  const server = app.getHttpServer() as HttpServer;
  const drain = app.get<Runtime>(RUNTIME).drain;
  const inFlight = drain?.requestsInFlight ?? 0;
  drain?.start(server);
  const told = app.get(EventsGateway, { strict: false }).closeForRestart();
  log.info(
    `${opts.signal}: draining (${inFlight} requests in flight, ${told} live connections told to reconnect; at most ${opts.timeoutS} s)`,
  );
  let answered = true;
  if (drain) {
    answered = await drain.whenIdle(drainDeadline);
    log.info(`${opts.signal}: requests answered after ${Date.now() - t0} ms`);
    const closed = await drain.whenClosed(server, drainDeadline);
    answered = (await drain.whenIdle(drainDeadline)) && answered;
    if (!closed) {
      log.warn('connections still open at the drain deadline: closing them');
      server.closeAllConnections();
    }
    if (!answered)
      log.warn(`${drain.requestsInFlight} requests still in flight at the drain deadline`);
  }
  await app.close();
  await opts.after?.();
  clearTimeout(watchdog);
  log.info(`stopped in ${Date.now() - t0} ms`);
  return answered ? 0 : 1;
}
