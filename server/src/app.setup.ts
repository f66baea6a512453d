import { type INestApplication, RequestMethod } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { json, raw } from 'express';
import { serveClient } from './common/serve-client';
import helmet from 'helmet';
import type { AppConfig } from './config/config';
import { ApiExceptionFilter, bodyParserErrors } from './common/api-exception.filter';
import { LiveIoAdapter } from './events/live-io.adapter';
import { RUNTIME, type Runtime } from './core/runtime';
import { Drain } from './core/drain';
import { httpMetrics } from './metrics/http-metrics.middleware';

/** Everything applied to the app before init; shared by main.ts and the e2e tests. */
export async function configureApp(
  app: NestExpressApplication,
  config: AppConfig,
): Promise<INestApplication> {
  // First of all: a draining instance counts every request it still answers (core/drain.ts).
  const drain = new Drain();
  app.get<Runtime>(RUNTIME).drain = drain;
  app.use(drain.middleware);
  app.setGlobalPrefix('api', { exclude: [{ path: 'metrics', method: RequestMethod.GET }] });
  if (config.trustProxy) app.set('trust proxy', 1);
  app.disable('x-powered-by');
  const tileOrigin = config.tileUrl ? new URL(config.tileUrl.replace(/[{}]/g, '')).origin : null;
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          // MapLibre runs its workers from blob: URLs and sets inline styles on the canvas.
          workerSrc: ["'self'", 'blob:'],
          childSrc: ["'self'", 'blob:'],
          imgSrc: ["'self'", 'data:', 'blob:', ...(tileOrigin ? [tileOrigin] : [])],
          styleSrc: ["'self'", "'unsafe-inline'"],
          connectSrc: ["'self'", ...(tileOrigin ? [tileOrigin] : [])],
        },
      },
    }),
  );
  app.use(httpMetrics);
  // The built console (static files and the client routes' index.html), before the body parsers:
  // its errors never reach the API's, which the exception filter answers as {code, message}.
  if (config.clientDist) app.use(serveClient(config.clientDist));
  // The browser import sends a whole reference-data file as JSON text (admin only).
  app.use('/api/admin/import', json({ limit: '20mb' }));
  app.use(json({ limit: '1mb' }));
  // CAP feeds post XML; the feature decodes the bytes itself (BOM, charset, XML declaration)
  // and parses them with its own hard limits.
  app.use(raw({ type: ['application/xml', 'application/cap+xml', 'text/xml'], limit: '1mb' }));
  // Refused bodies are answered here, where they are refused: an error passed on would meet
  // Nest's router first, which turns a JSON SyntaxError into a bare 400 and, once, static serving
  // turned every one of them into a 404.
  app.use(bodyParserErrors);
  app.useGlobalFilters(new ApiExceptionFilter());
  const doc = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Sanfang duty console API')
      .setDescription('Errors are always {code, message, path?}; see shared/src/errors.ts')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, doc);
  const live = new LiveIoAdapter(app, config.redisUrl, config.allowedOrigins);
  await live.connect();
  app.useWebSocketAdapter(live);
  app.get<Runtime>(RUNTIME).liveStatus = () => live.status();
  return app;
}
