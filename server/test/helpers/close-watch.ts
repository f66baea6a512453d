import type { NestExpressApplication } from '@nestjs/platform-express';
import { Client } from 'pg';
import { DataSource } from 'typeorm';

/** How long an app may take to close before the test prints what it is waiting for. */
const SLOW_CLOSE_MS = 10_000;

/**
 * What a closing app is still holding, for a close that takes too long: the HTTP server,
 * its connection pool, the test database's sessions (what each runs or waits on) and the
 * process's open handles. A test's afterAll that times out then says why.
 */
async function holding(app: NestExpressApplication, url: string): Promise<string> {
  const lines: string[] = [];
  lines.push(`http server listening: ${String(app.getHttpServer().listening)}`);
  try {
    const pool = (
      app.get(DataSource).driver as unknown as {
        master?: { totalCount: number; idleCount: number; waitingCount: number };
      }
    ).master;
    if (pool)
      lines.push(
        `typeorm pool: ${pool.totalCount} clients, ${pool.idleCount} idle, ${pool.waitingCount} waiting`,
      );
  } catch (e) {
    lines.push(`typeorm pool: ${String(e)}`);
  }
  const c = new Client({ connectionString: url, application_name: 'close-watch' });
  try {
    await c.connect();
    const { rows } = await c.query<Record<string, unknown>>(
      `SELECT pid, application_name, state, wait_event_type, wait_event,
              round(extract(epoch FROM now() - xact_start))::int AS xact_s, left(query, 160) AS query
         FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`,
    );
    lines.push(`database sessions (${rows.length}):`, ...rows.map((r) => `  ${JSON.stringify(r)}`));
  } catch (e) {
    lines.push(`database sessions: ${String(e)}`);
  } finally {
    await c.end().catch(() => undefined);
  }
  const handles = (process as unknown as { _getActiveHandles(): object[] })._getActiveHandles();
  const kinds = new Map<string, number>();
  for (const h of handles) kinds.set(h.constructor.name, (kinds.get(h.constructor.name) ?? 0) + 1);
  lines.push(`active handles: ${[...kinds].map(([k, n]) => `${k}×${n}`).join(', ')}`);
  return lines.join('\n');
}

/** Closes the app; if that takes longer than SLOW_CLOSE_MS, prints what it still holds. */
export async function closeWatched(app: NestExpressApplication, url: string): Promise<void> {
  const started = Date.now();
  const timer = setTimeout(() => {
    void holding(app, url).then((report) =>
      console.warn(`app.close() still running after ${Date.now() - started} ms:\n${report}`),
    );
  }, SLOW_CLOSE_MS);
  timer.unref();
  try {
    await app.close();
  } finally {
    clearTimeout(timer);
  }
}
