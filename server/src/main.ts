import 'reflect-metadata';
import { pino } from 'pino';
import { createApp, resolveClientDist } from './bootstrap';
import { ConfigError, loadConfig } from './config/config';
import { DataDirInUseError } from './database/embedded';
import { prepareDatabase, UnsupportedVersionError } from './database/prepare';
import { shutdown } from './core/shutdown';
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
  config = { ...config, clientDist: resolveClientDist(config) };

  let db;
  try {
    db = await prepareDatabase(
      config,
      (m) => log.info(m),
      (line) => log.debug({ pg: line }),
      {
        role: 'console',
        onEmbeddedState: (s) => {
          if (s.status === 'restarting') log.warn('embedded PostgreSQL died; restarting it');
          else if (s.status === 'running')
            log.warn(`embedded PostgreSQL restarted (${s.restarts})`);
          else log.error('embedded PostgreSQL could not be restarted; restart the console');
        },
      },
    );
  } catch (e) {
    if (e instanceof DataDirInUseError || e instanceof UnsupportedVersionError) {
      console.error(e.message);
      process.exit(2);
    }
    throw e;
  }
  const embedded = db.embedded;
  const app = await createApp(config, {
    databaseUrl: db.url,
    engine: db.engine,
    jwtSecret: db.jwtSecret,
    startedAt: new Date(),
    ...(embedded ? { embeddedState: () => embedded.state() } : {}),
  });
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

  // Clean restarts: drain, stop the timers and the database, exit (core/shutdown.ts).
  const stop = (signal: string): void => {
    void shutdown(app, {
      timeoutS: config.shutdownTimeoutS,
      log,
      signal,
      after: async () => {
        metrics?.close();
        await db.embedded?.stop();
      },
    }).then(
      (code) => process.exit(code),
      (e: unknown) => {
        log.error(`shutdown failed: ${String(e)}`);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

void bootstrap();
