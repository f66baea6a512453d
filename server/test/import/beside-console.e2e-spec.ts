import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureBuilt, startServer, type ServerProcess } from '../helpers/processes';

const SERVER = join(__dirname, '..', '..');
const FIXTURES = join(__dirname, '..', 'fixtures', 'import');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** A built CLI (as `npm run import` / `npm run migrations:run` run it) on the console's DATA_DIR. */
function cli(script: string, args: string[], dataDir: string): Promise<Run> {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'test', DATA_DIR: dataDir };
  delete env.DATABASE_URL;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(SERVER, 'dist', script), ...args], {
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

/** /api/health polled until stopped: every answer's status, to prove the console never blinked. */
function watchHealth(url: string): { stop(): Promise<number[]> } {
  const statuses: number[] = [];
  let on = true;
  const loop = (async () => {
    while (on) {
      const r = await fetch(`${url}/api/health`).then(
        (res) => res.status,
        () => 0,
      );
      statuses.push(r);
      await new Promise((res) => setTimeout(res, 100));
    }
  })();
  return {
    stop: async () => {
      on = false;
      await loop;
      return statuses;
    },
  };
}

async function teamCodes(url: string): Promise<string[]> {
  const login = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'duty', password: 'demo' }),
  });
  const { accessToken } = (await login.json()) as { accessToken: string };
  const res = await fetch(`${url}/api/rescue-teams`, {
    headers: { authorization: `Bearer ${accessToken}` },
  });
  expect(res.status).toBe(200);
  const body = (await res.json()) as { features: { properties: { code: string } }[] };
  return body.features.map((f) => f.properties.code);
}

describe('import and migrations beside a console running on the embedded database', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'sanfang-beside-'));
  let server: ServerProcess;
  beforeAll(async () => {
    ensureBuilt();
    // DATABASE_URL '' = unset: the console starts and owns the embedded server in dataDir.
    server = await startServer({ DATABASE_URL: '', DATA_DIR: dataDir, SEED: 'demo' });
  }, 120_000);
  afterAll(async () => {
    await server?.kill('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('a dry run and a real import use the console’s server; the console stays healthy and sees the rows', async () => {
    const health = watchHealth(server.url);
    const dry = await cli(
      'database/import/import.cli.js',
      ['teams-good.csv', '--dry-run'],
      dataDir,
    );
    expect(dry.stderr).toContain("Database: the running console's embedded PostgreSQL");
    expect(dry.stdout).toBe(
      'teams: 2 would be inserted, 0 would be updated (dry run: nothing written)\n',
    );
    expect(dry.code).toBe(0);
    expect(await teamCodes(server.url)).not.toContain('IMP-T001');

    const real = await cli('database/import/import.cli.js', ['teams-good.csv'], dataDir);
    expect(real.stdout).toBe('teams: 2 inserted, 0 updated\n');
    expect(real.code).toBe(0);

    const migrate = await cli('database/migrate.cli.js', [], dataDir);
    expect(migrate.stdout).toMatch(/^Nothing to apply: all \d+ migrations are applied\.\n$/);
    expect(migrate.code).toBe(0);

    const statuses = await health.stop();
    expect(statuses.length).toBeGreaterThan(0);
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
    const codes = await teamCodes(server.url);
    expect(codes).toEqual(expect.arrayContaining(['IMP-T001', 'IMP-T002']));
    const after = await fetch(`${server.url}/api/health`);
    expect(after.status).toBe(200);
  }, 120_000);

  it('a second console on the same DATA_DIR refuses to start instead of stopping this one’s database', async () => {
    await expect(
      startServer({ DATABASE_URL: '', DATA_DIR: dataDir, SEED: 'demo' }),
    ).rejects.toThrow(
      /is in use by a running console \(pid \d+, PostgreSQL on 127\.0\.0\.1:\d+\); stop it first/,
    );
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
  }, 60_000);
});
