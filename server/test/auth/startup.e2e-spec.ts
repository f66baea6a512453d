import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { freePort } from '../../src/database/embedded';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { ensureBuilt, startServer } from '../helpers/processes';

const MAIN = join(__dirname, '../../dist/main.js');
const KEY = 'k'.repeat(40);

/** Runs the built server until it exits; what it printed and its exit code. */
function runUntilExit(env: NodeJS.ProcessEnv): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    let out = '';
    const child = spawn(process.execPath, [MAIN], {
      env: { ...env, NODE_ENV: 'test', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const kill = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.once('exit', (code) => {
      clearTimeout(kill);
      resolve({ code, out });
    });
  });
}

describe('start-up against a real database', () => {
  let db: TestDatabase;
  // The test run marks its databases disposable; these cases are about a real one.
  const real = (extra: Record<string, string>): NodeJS.ProcessEnv => {
    const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: db.url, ...extra };
    delete env.SANFANG_DISPOSABLE_DEMO;
    return env;
  };
  beforeAll(async () => {
    ensureBuilt();
    db = await createTestDatabase();
  });
  afterAll(() => db.drop());

  it('refuses SEED=demo and says why and which flag would allow it', async () => {
    const r = await runUntilExit(real({ SEED: 'demo', JWT_SECRET: KEY, ACK_TOKEN_SECRET: KEY }));
    expect(r.code).toBe(2);
    expect(r.out).toMatch(/SEED: demo creates the users/);
    expect(r.out).toContain('SANFANG_DISPOSABLE_DEMO=yes-destroy-nothing-real');
  });

  it('refuses to start without JWT_SECRET and ACK_TOKEN_SECRET, naming each', async () => {
    const env = real({});
    delete env.JWT_SECRET;
    delete env.ACK_TOKEN_SECRET;
    const r = await runUntilExit(env);
    expect(r.code).toBe(2);
    expect(r.out).toMatch(/JWT_SECRET: required with DATABASE_URL/);
    expect(r.out).toMatch(/ACK_TOKEN_SECRET: required with DATABASE_URL/);
  });

  it('serves metrics on METRICS_PORT (loopback), not on the application port', async () => {
    const metricsPort = await freePort();
    const server = await startServer({
      DATABASE_URL: db.url,
      JWT_SECRET: KEY,
      ACK_TOKEN_SECRET: KEY,
      METRICS_PORT: String(metricsPort),
    });
    try {
      const own = await fetch(`http://127.0.0.1:${metricsPort}/metrics`);
      expect(own.status).toBe(200);
      expect(await own.text()).toContain('sanfang_http_request_duration_seconds');
      expect((await fetch(`${server.url}/metrics`)).status).toBe(404);
    } finally {
      await server.kill();
    }
  });
});
