import { Client } from 'pg';
import type { TestLiveClient } from '../helpers/live-client';

export interface Answer {
  status: number;
  body: unknown;
  ms: number;
}

/** One HTTP call; status 0 when the connection itself failed (server down). */
export async function api(
  url: string,
  method: string,
  path: string,
  opts: {
    token?: string;
    body?: unknown;
    raw?: string;
    contentType?: string;
    timeoutMs?: number;
  } = {},
): Promise<Answer> {
  const t0 = Date.now();
  const headers: Record<string, string> = {};
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  let body: string | undefined;
  if (opts.raw !== undefined) body = opts.raw;
  else if (opts.body !== undefined) body = JSON.stringify(opts.body);
  if (body !== undefined) headers['content-type'] = opts.contentType ?? 'application/json';
  try {
    const res = await fetch(`${url}${path}`, {
      method,
      headers,
      body,
      signal: AbortSignal.timeout(opts.timeoutMs ?? 30_000),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON: keep the text
    }
    return { status: res.status, body: parsed, ms: Date.now() - t0 };
  } catch {
    return { status: 0, body: null, ms: Date.now() - t0 };
  }
}

/** Queries the drill's database directly (the "database agrees" half of every check). */
export async function sql<T>(dbUrl: string, text: string, params: unknown[] = []): Promise<T[]> {
  const c = new Client({ connectionString: dbUrl });
  await c.connect();
  try {
    return (await c.query(text, params)).rows as T[];
  } finally {
    await c.end();
  }
}

/** Each client's events after `start` are exactly the database's, seq and type, in order. */
export async function expectDatabaseAgrees(
  dbUrl: string,
  clients: TestLiveClient[],
  start: number,
): Promise<number> {
  const rows = await sql<{ seq: string; type: string }>(
    dbUrl,
    'SELECT seq, type FROM events WHERE seq > $1 ORDER BY seq',
    [start],
  );
  const want = rows.map((r) => `${r.seq}:${r.type}`);
  for (const c of clients) expect(c.applied.map((e) => `${e.seq}:${e.type}`)).toEqual(want);
  return rows.length;
}
