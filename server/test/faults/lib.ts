import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { liveClient, type TestLiveClient } from '../helpers/live-client';
import { sql } from './api';

/** Short durations in CI; FAULTS_FULL=1 runs the drills at full length and writes FAULTS.md. */
export const FULL = process.env.FAULTS_FULL === '1';
export const RESULTS_DIR = join(__dirname, '../../../bench/results/faults');

export interface FaultFinding {
  fault: string;
  mode: 'full' | 'short';
  showed: string[];
  figures: Record<string, number | string>;
}

export function record(f: Omit<FaultFinding, 'mode'>): void {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const finding: FaultFinding = { ...f, mode: FULL ? 'full' : 'short' };
  writeFileSync(
    join(RESULTS_DIR, `${f.fault.replace(/\W+/g, '-')}.json`),
    JSON.stringify(finding, null, 2),
  );
}

export async function login(url: string, username = 'duty'): Promise<string> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'demo' }),
  });
  if (!res.ok) throw new Error(`login ${res.status}`);
  return ((await res.json()) as { accessToken: string }).accessToken;
}

export async function postNotice(url: string, token: string, text: string): Promise<number> {
  const res = await fetch(`${url}/api/notices`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ text }),
  }).catch(() => null);
  return res?.status ?? 0;
}

/** The committed head, read from the log over HTTP. */
export async function head(url: string, token: string): Promise<number> {
  let last = 0;
  for (;;) {
    const r = await fetch(`${url}/api/events?after=${last}&limit=1000`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const page = (await r.json()) as { lastSeq: number };
    if (page.lastSeq === last) return last;
    last = page.lastSeq;
  }
}

/** The check every drill ends with: each client holds exactly start+1..end, in order, once. */
export function expectContiguous(clients: TestLiveClient[], start: number, end: number): void {
  const want = Array.from({ length: end - start }, (_, i) => start + i + 1);
  for (const c of clients) expect(c.applied.map((e) => e.seq)).toEqual(want);
}

/**
 * Every CAP message the server acknowledged (answered 201 or 200) is stored, and exactly once:
 * no acknowledged write lost across the fault, none stored twice by a retry.
 */
export async function expectAcknowledgedExactlyOnce(dbUrl: string, acked: string[]): Promise<void> {
  const rows = await sql<{ identifier: string; n: string }>(
    dbUrl,
    'SELECT identifier, count(*) AS n FROM cap_messages WHERE identifier = ANY($1) GROUP BY identifier',
    [acked],
  );
  expect(rows.length).toBe(new Set(acked).size);
  for (const r of rows) expect(r.n).toBe('1');
}

export function clients(url: string, token: string, n: number, lastSeq: number): TestLiveClient[] {
  return Array.from({ length: n }, () => liveClient(url, token, { lastSeq, gapWaitMs: 500 }));
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
