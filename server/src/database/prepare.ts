import type { AppConfig } from '../config/config';
import { createDataSource } from './data-source';
import {
  answers,
  DataDirInUseError,
  embeddedUrl,
  liveOwner,
  startEmbedded,
  type EmbeddedHandle,
  type EmbeddedState,
} from './embedded';
import { runSeed } from './seed/seed';
import { resolveStoredSecret } from '../config/secrets';
import { join } from 'node:path';
import { checkPgVersion } from './pg-version';

export { UnsupportedVersionError } from './pg-version';

export interface PreparedDatabase {
  url: string;
  engine: 'embedded' | 'external';
  jwtSecret: string;
  embedded: EmbeddedHandle | null;
}

export interface PrepareOptions {
  /**
   * console: start (or refuse) the embedded server and supervise it. cli: use the running
   * console's embedded server when there is one (never stop it), else start one for the run.
   */
  role?: 'console' | 'cli';
  onEmbeddedState?: (state: EmbeddedState) => void;
  /** Extra settings for an embedded server this call starts (see EmbeddedOptions). */
  embeddedPostgresFlags?: readonly string[];
}

/**
 * The running console's embedded server on this data directory, for a command run beside it;
 * null when no process holds it. Throws DataDirInUseError when one does but cannot be used.
 */
export async function runningEmbedded(
  dataDir: string,
): Promise<{ url: string; pid: number; port: number } | null> {
  const owner = await liveOwner(dataDir);
  if (!owner) return null;
  if (owner.role !== 'console') {
    throw new DataDirInUseError(
      `${dataDir} is in use by another command (pid ${owner.pid}); run this again when it has finished`,
    );
  }
  if (!(await answers(owner.port))) {
    throw new DataDirInUseError(
      `${dataDir} belongs to the running console (pid ${owner.pid}), whose PostgreSQL on 127.0.0.1:${owner.port} is not answering right now (starting or recovering); try again in a moment — this command never stops the console's database`,
    );
  }
  return { url: embeddedUrl(owner.port), pid: owner.pid, port: owner.port };
}

/**
 * Before Nest boots: pick the database (DATABASE_URL or an embedded server under DATA_DIR),
 * apply committed migrations, seed, and resolve the signing key.
 */
export async function prepareDatabase(
  config: AppConfig,
  log: (msg: string) => void,
  pgLog: (line: string) => void = () => undefined,
  options: PrepareOptions = {},
): Promise<PreparedDatabase> {
  const role = options.role ?? 'console';
  let embedded: EmbeddedHandle | null = null;
  let url = config.databaseUrl;
  if (url === null && role === 'cli') {
    const running = await runningEmbedded(config.dataDir);
    if (running) {
      // The console migrated and seeded it; this command only borrows a connection.
      log(
        `Database: the running console's embedded PostgreSQL on 127.0.0.1:${running.port} (console pid ${running.pid}), data in ${config.dataDir}/pg`,
      );
      return { url: running.url, engine: 'embedded', jwtSecret: '', embedded: null };
    }
  }
  if (url === null) {
    embedded = await startEmbedded({
      dataDir: join(config.dataDir),
      port: config.embeddedPgPort,
      onLog: pgLog,
      role,
      onState: options.onEmbeddedState,
      postgresFlags: options.embeddedPostgresFlags,
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
    const [{ v }] = await ds.query<[{ v: number }]>(
      `SELECT current_setting('server_version_num')::int AS v`,
    );
    const major = checkPgVersion(v, log);
    log(`Database: PostgreSQL ${major} (server_version_num ${v})`);
    const ran = await ds.runMigrations({ transaction: 'each' });
    if (ran.length > 0) log(`Migrations applied: ${ran.map((m) => m.name).join(', ')}`);
    const admin =
      config.adminUsername && config.adminPassword
        ? { username: config.adminUsername, password: config.adminPassword }
        : undefined;
    await runSeed(ds, config.seed, admin);
    // A command run beside the console signs nothing: it neither needs nor stores a key.
    const jwtSecret =
      role === 'cli' ? '' : await resolveStoredSecret(ds, 'jwt_secret', config.jwtSecret);
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
