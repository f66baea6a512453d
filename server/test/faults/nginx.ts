import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../src/database/embedded';

const NGINX = ['/usr/sbin/nginx', '/usr/local/sbin/nginx', '/usr/bin/nginx'].find(existsSync);
const COMPOSE_CONF = join(__dirname, '../../../infra/nginx.conf');

export const hasNginx = (): boolean => NGINX !== undefined;

export interface NginxProcess {
  url: string;
  /** nginx's access log so far (what the proxy wrote for each request). */
  accessLog(): string;
  errorLog(): string;
  stop(): Promise<void>;
}

/**
 * The compose file's nginx.conf, made local: the same upstreams, locations and proxy settings,
 * with server1/server2 on loopback ports, a free listening port, and logs, pid and temp
 * files in a private folder (no root paths, no `user`).
 */
export function localNginxConf(upstreams: [number, number], port: number, dir: string): string {
  let conf = readFileSync(COMPOSE_CONF, 'utf8');
  const sub = (from: RegExp, to: string): void => {
    if (!from.test(conf)) throw new Error(`infra/nginx.conf changed: ${String(from)} not found`);
    conf = conf.replace(from, to);
  };
  sub(/^user\s+[^;]+;\s*$/m, '');
  sub(/^worker_processes\s+[^;]+;/m, 'worker_processes 1;');
  sub(/^error_log\s+[^;]+;/m, `error_log ${dir}/error.log notice;`);
  sub(/^pid\s+[^;]+;/m, `pid ${dir}/nginx.pid;`);
  sub(/access_log\s+\S+\s+main;/, `access_log ${dir}/access.log main;`);
  sub(/server1:8080/g, `127.0.0.1:${upstreams[0]}`);
  sub(/server2:8080/g, `127.0.0.1:${upstreams[1]}`);
  sub(/listen\s+80;/, `listen 127.0.0.1:${port};`);
  sub(
    /^http \{/m,
    `http {\n    client_body_temp_path ${dir}/body;\n    proxy_temp_path ${dir}/proxy;\n` +
      `    fastcgi_temp_path ${dir}/fastcgi;\n    uwsgi_temp_path ${dir}/uwsgi;\n    scgi_temp_path ${dir}/scgi;`,
  );
  return conf;
}

const readOr = (path: string): string => {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
};

/** nginx in front of two servers on loopback, with the compose file's configuration. */
export async function startNginx(upstreams: [number, number]): Promise<NginxProcess> {
  if (!NGINX) throw new Error('nginx is not installed');
  const dir = mkdtempSync(join(tmpdir(), 'sanfang-nginx-'));
  const port = await freePort();
  const confPath = join(dir, 'nginx.conf');
  writeFileSync(confPath, localNginxConf(upstreams, port, dir));
  let out = '';
  const child: ChildProcess = spawn(
    NGINX,
    ['-p', dir, '-c', confPath, '-e', join(dir, 'error.log'), '-g', 'daemon off;'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`nginx exited ${child.exitCode}: ${out}`);
    const ok = await fetch(`${url}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline) throw new Error(`nginx did not come up: ${out}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    accessLog: () => readOr(join(dir, 'access.log')),
    errorLog: () => readOr(join(dir, 'error.log')),
    stop: () =>
      new Promise((resolve) => {
        const done = (): void => {
          rmSync(dir, { recursive: true, force: true });
          resolve();
        };
        if (child.exitCode !== null || child.signalCode !== null) return done();
        child.once('exit', done);
        child.kill('SIGQUIT');
      }),
  };
}
