import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '../../..');
const MAIN = join(ROOT, 'server/dist/main.js');
const CLIENT = join(ROOT, 'client/dist/index.html');

export interface ConsoleServer {
  url: string;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
    });
  });
}

/** What a browser test needs and why it may be missing (printed when the suite skips). */
export function missingPrerequisite(): string | null {
  if (!existsSync('/usr/bin/chromium'))
    return 'Debian chromium is not installed (.ci/run installs it)';
  if (!existsSync(MAIN)) return 'server/dist is not built (npm run build -w server)';
  if (!existsSync(CLIENT)) return 'client/dist is not built (npm run build -w client)';
  return null;
}

/** The real console as `npm start` runs it: built server + client, embedded PostgreSQL, demo seed. */
export async function startConsoleServer(env: Record<string, string> = {}): Promise<ConsoleServer> {
  const port = await freePort();
  let out = '';
  const child: ChildProcess = spawn(process.execPath, [MAIN], {
    cwd: join(ROOT, 'server'),
    env: {
      ...process.env,
      DATABASE_URL: '',
      DATA_DIR: mkdtempSync(join(tmpdir(), 'sanfang-e2e-')),
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`console exited ${child.exitCode}:\n${out}`);
    if (
      await fetch(`${url}/api/health`).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    if (Date.now() > deadline) throw new Error(`console did not start:\n${out}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

export async function apiLogin(url: string, username: string): Promise<string> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'demo' }),
  });
  if (!res.ok) throw new Error(`login ${username}: ${res.status}`);
  return ((await res.json()) as { accessToken: string }).accessToken;
}

export async function apiPost(
  url: string,
  path: string,
  token: string,
  body: unknown,
): Promise<Response> {
  return fetch(`${url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
}
