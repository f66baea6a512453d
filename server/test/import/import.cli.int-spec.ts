import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { createTestDatabase, type TestDatabase } from '../helpers/db';

const SERVER = join(__dirname, '..', '..');
const FIXTURES = join(__dirname, '..', 'fixtures', 'import');
// The TypeScript entry point through tsx: no build step, and @sanfang/shared from source.
const TSX = require.resolve('tsx/cli');
const TSCONFIG = join(__dirname, 'tsconfig.cli.json');
const CLI = join(SERVER, 'src', 'database', 'import', 'import.cli.ts');

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
});

afterAll(async () => {
  await db.drop();
});

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function cli(...args: string[]): Promise<Run> {
  return spawnCli(args, {
    ...process.env,
    DATABASE_URL: db.url,
    NODE_ENV: 'test',
    npm_lifecycle_event: '',
  });
}

function spawnCli(args: string[], env: NodeJS.ProcessEnv): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [TSX, '--tsconfig', TSCONFIG, CLI, ...args], {
      cwd: FIXTURES,
      env,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

async function pointCount(): Promise<number> {
  const c = new Client({ connectionString: db.url });
  await c.connect();
  try {
    const { rows } = await c.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM waterlogging_points`,
    );
    return rows[0]?.n ?? -1;
  } finally {
    await c.end();
  }
}

describe('import CLI (child process)', () => {
  it('exits 1, names every bad line on stderr and loads nothing', async () => {
    const before = await pointCount();
    const r = await cli('points-bad.csv');
    expect(r.code).toBe(1);
    const file = join(FIXTURES, 'points-bad.csv');
    for (const line of [5, 8, 9]) expect(r.stderr).toContain(`${file}:${line}: `);
    expect(r.stderr).toContain('looks like lat,lon order');
    expect(r.stderr).not.toMatch(new RegExp(`${file}:(2|3|4|6|7):`));
    expect(r.stdout).toBe('');
    expect(await pointCount()).toBe(before);
  }, 60_000);

  it('exits 2 with IMPORT_INVALID_FILE for a bad header, before touching the database', async () => {
    const r = await cli('teams-bad-header.csv');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      'teams-bad-header.csv:1: IMPORT_INVALID_FILE: the header lacks required teams column(s): members',
    );
    expect(r.stderr).not.toContain('Database:');
  }, 60_000);

  it('exits 0 and prints the summary; a relative path is read from the working directory', async () => {
    const before = await pointCount();
    const r = await cli('points-good.csv', '--kind', 'points');
    expect(r.stderr).not.toContain('import failed');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('points: 2 inserted, 1 updated\n');
    expect(await pointCount()).toBe(before + 2);
  }, 60_000);

  it('keeps exit code 1 with the embedded PostgreSQL (whose exit hook would make it 0)', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'sanfang-import-'));
    try {
      const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'test', DATA_DIR: dataDir };
      delete env.DATABASE_URL;
      const r = await spawnCli(['points-bad.csv'], env);
      expect(r.stderr).toContain('Database: embedded PostgreSQL');
      expect(r.stderr).toContain('points-bad.csv:9: code: duplicate code');
      expect(r.code).toBe(1);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});
