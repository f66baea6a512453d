import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import { pino } from 'pino';
import { AppModule } from './app.module';
import { configureApp } from './app.setup';
import { ConfigError, loadConfig } from './config/config';
import { prepareDatabase } from './database/prepare';
import { DEMO_FEED_TOKEN, DEMO_PASSWORD, DEMO_USERS } from './database/seed/seed';
import { startMetricsServer } from './metrics/metrics-server';

async function bootstrap(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(2);
    }
    throw e;
  }
  const log = pino({ level: config.logLevel });
  const clientDist = config.clientDist ?? join(__dirname, '../../client/dist');
  config = {
    ...config,
    clientDist: existsSync(join(clientDist, 'index.html')) ? clientDist : null,
  };

  const db = await prepareDatabase(
    config,
    (m) => log.info(m),
    (line) => log.debug({ pg: line }),
  );
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.forRoot(config, {
      databaseUrl: db.url,
      engine: db.engine,
      jwtSecret: db.jwtSecret,
      startedAt: new Date(),
    }),
    { bufferLogs: true, bodyParser: false },
  );
  app.useLogger(app.get(Logger));
  await configureApp(app, config);
  await app.listen(config.port, config.host);
  const metrics = config.metricsPort
    ? await startMetricsServer(config.metricsHost, config.metricsPort)
    : null;

  const url = `http://localhost:${config.port}`;
  const lines = [`Sanfang console: ${url}  (API docs ${url}/api/docs)`];
  if (metrics) lines.push(`Metrics: http://${config.metricsHost}:${config.metricsPort}/metrics`);
  if (!config.clientDist)
    lines.push('Client not built: run `npm run build` to serve the console UI.');
  if (config.seed === 'demo') {
    lines.push(
      `Demo sign-ins: ${DEMO_USERS.map((u) => u.username).join(', ')} — password "${DEMO_PASSWORD}"; feed token "${DEMO_FEED_TOKEN}"`,
    );
  }
  console.log(lines.join('\n'));

  const stop = async (): Promise<void> => {
    metrics?.close();
    await app.close();
    await db.embedded?.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

void bootstrap();
