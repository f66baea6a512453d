import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { LoggerService, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { configureApp } from './app.setup';
import type { AppConfig } from './config/config';
import type { Runtime } from './core/runtime';

/** The built client beside the server (`client/dist`), or CLIENT_DIST; null when not built. */
export function resolveClientDist(config: AppConfig): string | null {
  const dir = config.clientDist ?? join(__dirname, '../../client/dist');
  return existsSync(join(dir, 'index.html')) ? dir : null;
}

export interface CreateAppOptions {
  /**
   * Nest's own logger: the pino logger (as `npm start`) when unset; tests and benches pass
   * `false` or a list of levels. Request logging is pino-http either way, at LOG_LEVEL.
   */
  nestLogger?: false | LogLevel[] | LoggerService;
}

/**
 * The one way the console is built: `npm start` (main.ts), the server e2e suites, the browser
 * suites and the benches all get the same modules, middleware order and static client.
 * The caller listens (or calls init()).
 */
export async function createApp(
  config: AppConfig,
  runtime: Runtime,
  opts: CreateAppOptions = {},
): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.forRoot(config, runtime),
    opts.nestLogger === undefined
      ? { bufferLogs: true, bodyParser: false }
      : { logger: opts.nestLogger, bodyParser: false },
  );
  if (opts.nestLogger === undefined) app.useLogger(app.get(Logger));
  await configureApp(app, config);
  return app;
}
