import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { EventType } from '@sanfang/shared';
import type { DataSource, EntityManager } from 'typeorm';
import type { SqlClient } from '../core/db/driver-transaction';
import { asCtes, runTogether, type DeferredWrite } from '../core/db/set-writes';
import type { CommittedEvent, PendingEvent } from './event-log';

/** Who is reading: decides which rows of the log they may see. */
export type Viewer =
  | { kind: 'district' }
  | { kind: 'subdistrict'; code: string }
  | { kind: 'contact'; contactId: string };

/** An `events` row as the driver returns it. */
export interface EventRow {
  seq: string;
  type: EventType;
  occurred_at: Date;
  actor: string;
  subdistrict_codes: string[];
  contact_ids: string[];
  payload: CommittedEvent['payload'];
}

export const toEvent = (r: EventRow): CommittedEvent => ({
  seq: Number(r.seq),
  type: r.type,
  occurredAt: r.occurred_at.toISOString(),
  actor: r.actor,
  subdistrictCodes: r.subdistrict_codes,
  contactIds: r.contact_ids,
  payload: r.payload,
});

function visibility(v: Viewer, param: number): { sql: string; value?: string } {
  switch (v.kind) {
    case 'district':
      return { sql: 'TRUE' };
    case 'subdistrict':
      return {
        sql: `(subdistrict_codes = '{}' OR $${param}::text = ANY (subdistrict_codes))`,
        value: v.code,
      };
    case 'contact':
      return { sql: `$${param}::uuid = ANY (contact_ids)`, value: v.contactId };
  }
}

const INSERT_CHUNK = 5000;

interface AppendRow {
  seq: string;
  occurred_at: Date;
}

/**
 * The driver's `escapeLiteral`, the same text to the byte, by two replaces instead of a string
 * built one character at a time: the literals of an ingest batch (a CAP message's XML, the
 * events' JSON) are kilobytes, and the driver's loop cost ~30 µs for every 2 KB (issue 21).
 */
export function quoteLiteral(s: string): string {
  const quoted = s.replace(/'/g, "''");
  return s.includes('\\') ? ` E'${quoted.replace(/\\/g, '\\\\')}'` : `'${quoted}'`;
}

/**
 * $n replaced by literals (strings quoted as the driver's escapeLiteral does), for a simple
 * query of several statements, which cannot carry parameters. Only scalars are accepted.
 */
export function inlineParams(sql: string, params: readonly unknown[]): string {
  return sql.replace(/\$(\d+)/g, (_, n: string) => {
    const v = params[Number(n) - 1];
    if (v === null || v === undefined) return 'NULL';
    if (typeof v === 'number' && Number.isFinite(v)) return String(v);
    if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
    if (typeof v === 'string') return quoteLiteral(v);
    throw new Error(`cannot inline parameter $${n} of type ${typeof v}`);
  });
}

/** The events' insert for one chunk (with deferred writes as CTEs) and how to read its rows. */
function appendStatement(
  actor: string,
  chunk: PendingEvent[],
  deferred: DeferredWrite[],
): { sql: string; params: unknown[]; committed(back: AppendRow[]): CommittedEvent[] } {
  const rows = chunk.map((e, j) => ({
    n: j + 1,
    type: e.type,
    actor: e.actor ?? actor,
    sd: e.scope.subdistrictCodes,
    ci: e.scope.contactIds,
    payload: e.payload,
  }));
  const json = JSON.stringify(rows);
  // What was stored, not the caller's objects (they may change later; Dates become text).
  const stored = JSON.parse(json) as { payload: CommittedEvent['payload'] }[];
  // The deferred writes ride along (numbered after $1, $2).
  const extra = asCtes(deferred, 2);
  return {
    sql: `WITH ${extra.ctes}c AS (UPDATE event_counter SET last_seq = last_seq + $1 WHERE id = 1
                  RETURNING last_seq - $1 AS base)
       INSERT INTO events (seq, type, actor, subdistrict_codes, contact_ids, payload)
       SELECT c.base + r.n, r.type, r.actor, r.sd, r.ci, r.payload
         FROM c, jsonb_to_recordset($2::jsonb)
              AS r(n int, type text, actor text, sd text[], ci uuid[], payload jsonb)
       RETURNING seq, occurred_at`,
    params: [chunk.length, json, ...extra.params],
    committed(back) {
      if (back.length !== chunk.length) throw new Error('event_counter row is missing');
      const base = Math.min(...back.map((r) => Number(r.seq))) - 1;
      const at = new Date(back[0]!.occurred_at).toISOString();
      return chunk.map((e, j) => ({
        seq: base + j + 1,
        type: e.type,
        occurredAt: at,
        actor: e.actor ?? actor,
        subdistrictCodes: e.scope.subdistrictCodes,
        contactIds: e.scope.contactIds,
        payload: stored[j]!.payload,
      }));
    },
  };
}

@Injectable()
export class EventsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /**
   * Takes `n` seqs from the counter row. The row lock is held until commit, so writers
   * commit in seq order and a reader of `seq > x` can never skip a late-committing row.
   */
  async allocate(m: EntityManager, n: number): Promise<number> {
    const rows: { last_seq: string }[] = await m.query(
      // TypeORM returns [rows, count] for a bare UPDATE; the CTE keeps it a row set.
      `WITH u AS (UPDATE event_counter SET last_seq = last_seq + $1 WHERE id = 1 RETURNING last_seq)
       SELECT last_seq FROM u`,
      [n],
    );
    const last = rows[0];
    if (!last) throw new Error('event_counter row is missing');
    return Number(last.last_seq) - n + 1;
  }

  /**
   * Takes seqs and inserts the events in one statement per chunk (the counter row is
   * locked by its UPDATE until commit, as in `allocate`): one round trip for the usual write.
   */
  async append(
    m: EntityManager,
    actor: string,
    events: PendingEvent[],
    deferred: DeferredWrite[] = [],
  ): Promise<CommittedEvent[]> {
    const out: CommittedEvent[] = [];
    for (let i = 0; i < events.length; i += INSERT_CHUNK) {
      const st = appendStatement(actor, events.slice(i, i + INSERT_CHUNK), i === 0 ? deferred : []);
      out.push(...st.committed(await m.query(st.sql, st.params)));
    }
    return out;
  }

  /**
   * As `append`, then COMMIT, in one round trip (a simple query of two statements, so the
   * parameters go inline as literals, quoted by the driver). The counter row is held for
   * that one round trip only. Large writes fall back to `append` and a separate COMMIT.
   */
  async appendAndCommit(
    client: SqlClient,
    actor: string,
    events: PendingEvent[],
    deferred: DeferredWrite[],
  ): Promise<CommittedEvent[]> {
    if (events.length > INSERT_CHUNK) {
      const out: CommittedEvent[] = [];
      for (let i = 0; i < events.length; i += INSERT_CHUNK) {
        const st = appendStatement(
          actor,
          events.slice(i, i + INSERT_CHUNK),
          i === 0 ? deferred : [],
        );
        out.push(...st.committed((await client.query(st.sql, st.params)).rows as AppendRow[]));
      }
      await client.query('COMMIT');
      return out;
    }
    const st = appendStatement(actor, events, deferred);
    const res = await client.query(`${inlineParams(st.sql, st.params)}; COMMIT`);
    const first = Array.isArray(res) ? (res as { rows: unknown[] }[])[0] : res;
    return st.committed((first?.rows ?? []) as AppendRow[]);
  }

  /**
   * Deferred writes and COMMIT in one round trip, for a write that recorded no event (a
   * reactor pass that only advanced its cursor or copied lines).
   */
  async runDeferredAndCommit(client: SqlClient, deferred: DeferredWrite[]): Promise<void> {
    if (deferred.length === 0) {
      await client.query('COMMIT');
      return;
    }
    const { ctes, params } = asCtes(deferred, 0);
    await client.query(
      `${inlineParams(`WITH ${ctes.replace(/, $/, '')} SELECT 1`, params)}; COMMIT`,
    );
  }

  /** Deferred writes on their own (a write that recorded no event). */
  runDeferred(m: EntityManager, deferred: DeferredWrite[]): Promise<void> {
    return runTogether(m, deferred);
  }

  async insert(
    m: EntityManager,
    first: number,
    actor: string,
    events: PendingEvent[],
  ): Promise<CommittedEvent[]> {
    const out: CommittedEvent[] = [];
    // 6 parameters a row keeps each statement well under PostgreSQL's 65,535.
    for (let i = 0; i < events.length; i += INSERT_CHUNK) {
      const chunk = events.slice(i, i + INSERT_CHUNK);
      const params: unknown[] = [];
      const values = chunk.map((e, j) => {
        const p = params.push(
          first + i + j,
          e.type,
          e.actor ?? actor,
          e.scope.subdistrictCodes,
          e.scope.contactIds,
          JSON.stringify(e.payload),
        );
        return `($${p - 5}, $${p - 4}, $${p - 3}, $${p - 2}::text[], $${p - 1}::uuid[], $${p}::jsonb)`;
      });
      const rows: EventRow[] = await m.query(
        `INSERT INTO events (seq, type, actor, subdistrict_codes, contact_ids, payload)
         VALUES ${values.join(', ')}
         RETURNING seq, type, occurred_at, actor, subdistrict_codes, contact_ids, payload`,
        params,
      );
      out.push(...rows.map(toEvent));
    }
    return out.sort((a, b) => a.seq - b.seq);
  }

  /** Events after `after` that the viewer may see, and how far the log has been read. */
  async page(
    viewer: Viewer,
    after: number,
    limit: number,
  ): Promise<{ events: CommittedEvent[]; lastSeq: number }> {
    return this.ds.transaction('REPEATABLE READ', async (m) => {
      const head = await this.headIn(m);
      const vis = visibility(viewer, 4);
      const params: unknown[] = [after, head, limit];
      if (vis.value !== undefined) params.push(vis.value);
      const rows: EventRow[] = await m.query(
        `SELECT seq, type, occurred_at, actor, subdistrict_codes, contact_ids, payload
           FROM events WHERE seq > $1 AND seq <= $2 AND ${vis.sql}
          ORDER BY seq LIMIT $3`,
        params,
      );
      const events = rows.map(toEvent);
      // A full page may have more after it; otherwise everything up to head is accounted for.
      // A contact is told only seqs of their own events, never the global head.
      const lastSeq =
        events.length === limit || viewer.kind === 'contact'
          ? (events.at(-1)?.seq ?? after)
          : Math.max(head, after);
      return { events, lastSeq };
    });
  }

  head(): Promise<number> {
    return this.headIn(this.ds.manager);
  }

  /** Where this viewer's log ends: the global head, or a contact's own last event. */
  async headFor(viewer: Viewer | null): Promise<number> {
    if (viewer?.kind !== 'contact') return this.head();
    // @> uses the GIN index on contact_ids (= ANY would scan the log).
    const rows: { seq: string | null }[] = await this.ds.query(
      `SELECT max(seq) AS seq FROM events WHERE contact_ids @> ARRAY[$1::uuid]`,
      [viewer.contactId],
    );
    return Number(rows[0]?.seq ?? 0);
  }

  private async headIn(m: EntityManager): Promise<number> {
    const rows: { last_seq: string }[] = await m.query(
      `SELECT last_seq FROM event_counter WHERE id = 1`,
    );
    return Number(rows[0]?.last_seq ?? 0);
  }
}
