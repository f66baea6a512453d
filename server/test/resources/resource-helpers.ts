import type { EventMap, EventType } from '@sanfang/shared';
import { DataSource } from 'typeorm';
import { Reactors } from '../../src/events/reactors.service';
import type { TestApp } from '../helpers/app';

export interface LoggedEvent<K extends EventType> {
  seq: number;
  type: K;
  actor: string;
  payload: EventMap[K];
}

/** Events of one type committed after `afterSeq`, in log order. */
export async function eventsOf<K extends EventType>(
  t: TestApp,
  type: K,
  afterSeq = 0,
): Promise<LoggedEvent<K>[]> {
  const rows = await t.app
    .get(DataSource)
    .query<{ seq: string; actor: string; payload: EventMap[K] }[]>(
      `SELECT seq, actor, payload FROM events WHERE type = $1 AND seq > $2 ORDER BY seq`,
      [type, afterSeq],
    );
  return rows.map((r) => ({ seq: Number(r.seq), type, actor: r.actor, payload: r.payload }));
}

export async function headSeq(t: TestApp): Promise<number> {
  const rows = await t.app
    .get(DataSource)
    .query<{ last_seq: string }[]>(`SELECT last_seq FROM event_counter WHERE id = 1`);
  return Number(rows[0]?.last_seq ?? 0);
}

/**
 * Waits for an event a timer will commit (polls the log: the commit is the signal). Fails
 * with the type's name after `timeoutMs`.
 */
export async function awaitEvent<K extends EventType>(
  t: TestApp,
  type: K,
  afterSeq: number,
  match: (p: EventMap[K]) => boolean = () => true,
  timeoutMs = 15_000,
): Promise<LoggedEvent<K>> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const hit = (await eventsOf(t, type, afterSeq)).find((e) => match(e.payload));
    if (hit) return hit;
    if (Date.now() > until) throw new Error(`no ${type} event within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export const sql = <T>(t: TestApp, text: string, params: unknown[] = []): Promise<T[]> =>
  t.app.get(DataSource).query<T[]>(text, params);

/** A contact's sign-in (username = phone) for wrong-role checks. */
export async function contactToken(t: TestApp): Promise<string> {
  const [u] = await sql<{ username: string }>(
    t,
    `SELECT username FROM users WHERE role = 'contact' ORDER BY username LIMIT 1`,
  );
  if (!u) throw new Error('the demo seed has no contact user');
  return t.login(u.username);
}

/**
 * Until every reactor has passed the current head. `drain()` alone returns early when the
 * background run holds a reactor's cursor (SKIP LOCKED), so wait for the cursors themselves.
 */
export async function reactorsCaughtUp(t: TestApp, timeoutMs = 15_000): Promise<void> {
  const target = await headSeq(t);
  const until = Date.now() + timeoutMs;
  for (;;) {
    await t.app.get(Reactors).drain();
    const behind = await sql<{ name: string }>(
      t,
      `SELECT name FROM reactor_cursors WHERE name LIKE 'resources.%' AND position < $1`,
      [target],
    );
    if (behind.length === 0) return;
    if (Date.now() > until)
      throw new Error(`reactors behind seq ${target}: ${behind.map((b) => b.name).join(', ')}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
