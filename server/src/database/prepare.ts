import type { AppConfig } from '../config/config';
import { createDataSource } from './data-source';
import { startEmbedded, type EmbeddedHandle } from './embedded';
import { runSeed } from './seed/seed';
import { resolveStoredSecret } from '../config/secrets';
import { join } from 'node:path';

export interface PreparedDatabase {
  url: string;
  engine: 'embedded' | 'external';
  jwtSecret: string;
  embedded: EmbeddedHandle | null;
}

/**
 * Before Nest boots: pick the database (DATABASE_URL or an embedded server under DATA_DIR),
 * apply committed migrations, seed, and resolve the signing key.
 */
export async function prepareDatabase(
  config: AppConfig,
  log: (msg: string) => void,
  pgLog: (line: string) => void = () => undefined,
): Promise<PreparedDatabase> {
  let embedded: EmbeddedHandle | null = null;
  let url = config.databaseUrl;
  if (url === null) {
    embedded = await startEmbedded({
      dataDir: join(config.dataDir),
      port: config.embeddedPgPort,
      onLog: pgLog,
    });
    url = embedded.url;
    log(
      `Database: embedded PostgreSQL on 127.0.0.1:${embedded.port}, data in ${config.dataDir}/pg`,
    );
  } else {
    log(`Database: external PostgreSQL at ${redact(url)}`);
  }
  const ds = createDataSource(url, 2);
  try {
    await ds.initialize();
    const ran = await ds.runMigrations({ transaction: 'each' });
    if (ran.length > 0) log(`Migrations applied: ${ran.map((m) => m.name).join(', ')}`);
    const admin =
      config.adminUsername && config.adminPassword
        ? { username: config.adminUsername, password: config.adminPassword }
        : undefined;
    await runSeed(ds, config.seed, admin);
    const jwtSecret = await resolveStoredSecret(ds, 'jwt_secret', config.jwtSecret);
    return { url, engine: embedded ? 'embedded' : 'external', jwtSecret, embedded };
  } catch (e) {
    await embedded?.stop().catch(() => undefined);
    throw e;
  } finally {
    if (ds.isInitialized) await ds.destroy();
  }
}

/** Connection strings are logged without their password. */
export function redact(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
}
