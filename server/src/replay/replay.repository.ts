import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ConsoleStateDto, EventEnvelope, EventType } from '@sanfang/shared';
import { IsNull, type DataSource, type EntityManager } from 'typeorm';
import { readResourceSettings } from '../core/settings/resource-settings';
import { toEnvelope } from '../events/events.publisher';
import { toEvent, type EventRow, type Viewer } from '../events/events.repository';
import { WaterloggingPoint } from '../geo/entities/waterlogging-point.entity';
import { RescueTeam } from '../resources/entities/rescue-team.entity';
import { Shelter } from '../resources/entities/shelter.entity';
import { Warehouse } from '../resources/entities/warehouse.entity';

/** Console viewers only: contacts never replay. */
export type ReplayViewer = Exclude<Viewer, { kind: 'contact' }>;

/** The same rule as the live log's visibility (EventsRepository), for console viewers. */
function visibility(v: ReplayViewer, param: number): { sql: string; values: string[] } {
  return v.kind === 'district'
    ? { sql: 'TRUE', values: [] }
    : {
        sql: `(subdistrict_codes = '{}' OR $${param}::text = ANY (subdistrict_codes))`,
        values: [v.code],
      };
}

/** Advisory lock class of the checkpoint warm-up (key: hashtext(scope)). */
const WARM_LOCK_CLASS = 14;

const COLUMNS = 'seq, type, occurred_at, actor, subdistrict_codes, contact_ids, payload';

export interface LogBounds {
  firstSeq: number;
  firstAt: string;
  headSeq: number;
  headAt: string;
}

export interface StoredCheckpoint {
  seq: number;
  state: ConsoleStateDto;
}

/**
 * Replay's reads: the log by seq and time, as a viewer may see it, and the checkpoints (a
 * rebuildable cache of folded state). Nothing here writes to the log.
 */
@Injectable()
export class ReplayRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /**
   * The last seq of the log as of `at`: every event that occurred by then (to the
   * millisecond, the envelopes' precision) and everything committed before it. A transaction
   * that began earlier but committed later has an earlier time and a later seq: the window
   * after the latest event by time finds it (the index finds the first, the window is short).
   */
  async seqAt(at: Date): Promise<number> {
    const rows: { seq: string | null }[] = await this.ds.query(
      `WITH s0 AS (SELECT seq FROM events WHERE occurred_at < $1::timestamptz + interval '1 millisecond'
                    ORDER BY occurred_at DESC, seq DESC LIMIT 1)
       SELECT GREATEST((SELECT seq FROM s0),
                       (SELECT max(e.seq) FROM events e, s0
                         WHERE e.seq > s0.seq AND e.seq <= s0.seq + 1000
                           AND e.occurred_at < $1::timestamptz + interval '1 millisecond')) AS seq`,
      [at],
    );
    return Number(rows[0]?.seq ?? 0);
  }

  async bounds(): Promise<LogBounds | null> {
    const rows: { seq: string; occurred_at: Date }[] = await this.ds.query(
      `(SELECT seq, occurred_at FROM events ORDER BY seq ASC LIMIT 1)
       UNION ALL (SELECT seq, occurred_at FROM events ORDER BY seq DESC LIMIT 1)`,
    );
    const [first, last] = rows;
    if (!first || !last) return null;
    return {
      firstSeq: Number(first.seq),
      firstAt: first.occurred_at.toISOString(),
      headSeq: Number(last.seq),
      headAt: last.occurred_at.toISOString(),
    };
  }

  /** Events with after < seq ≤ upTo the viewer may see, in seq order, at most `limit`. */
  async events(
    viewer: ReplayViewer,
    after: number,
    upTo: number,
    limit: number,
  ): Promise<EventEnvelope[]> {
    const vis = visibility(viewer, 4);
    const rows: EventRow[] = await this.ds.query(
      `SELECT ${COLUMNS} FROM events WHERE seq > $1 AND seq <= $2 AND ${vis.sql}
        ORDER BY seq LIMIT $3`,
      [after, upTo, limit, ...vis.values],
    );
    return rows.map((r) => toEnvelope(toEvent(r)));
  }

  /** Events of these types in a time range the viewer may see, in seq order. */
  async eventsOfTypes(
    viewer: ReplayViewer,
    types: readonly EventType[],
    from: Date,
    to: Date,
  ): Promise<EventEnvelope[]> {
    const vis = visibility(viewer, 4);
    const rows: EventRow[] = await this.ds.query(
      `SELECT ${COLUMNS} FROM events
        WHERE occurred_at >= $1 AND occurred_at < $2::timestamptz + interval '1 millisecond'
          AND type = ANY($3::text[]) AND ${vis.sql}
        ORDER BY seq`,
      [from, to, types, ...vis.values],
    );
    return rows.map((r) => toEnvelope(toEvent(r)));
  }

  /** Events in a time range the viewer may see but of these types, in seq order. */
  async eventsBetween(
    viewer: ReplayViewer,
    from: Date,
    to: Date,
    except: readonly EventType[],
  ): Promise<EventEnvelope[]> {
    const vis = visibility(viewer, 4);
    const rows: EventRow[] = await this.ds.query(
      `SELECT ${COLUMNS} FROM events
        WHERE occurred_at >= $1 AND occurred_at < $2::timestamptz + interval '1 millisecond'
          AND type <> ALL($3::text[]) AND ${vis.sql}
        ORDER BY seq`,
      [from, to, except, ...vis.values],
    );
    return rows.map((r) => toEnvelope(toEvent(r)));
  }

  /** The latest checkpoint of this scope at or before `seq`. */
  async checkpoint(scope: string, seq: number): Promise<StoredCheckpoint | null> {
    const rows: { seq: string; state: string }[] = await this.ds.query(
      `SELECT seq, state::text AS state FROM replay_checkpoints
        WHERE scope = $1 AND seq <= $2 ORDER BY seq DESC LIMIT 1`,
      [scope, seq],
    );
    const row = rows[0];
    return row ? { seq: Number(row.seq), state: JSON.parse(row.state) as ConsoleStateDto } : null;
  }

  /** Stores a checkpoint (a cache: an existing one for the same scope and seq is kept). */
  async saveCheckpoint(scope: string, seq: number, at: string, state: ConsoleStateDto) {
    await this.ds.query(
      `INSERT INTO replay_checkpoints (scope, seq, occurred_at, state) VALUES ($1, $2, $3, $4::jsonb)
       ON CONFLICT (scope, seq) DO NOTHING`,
      [scope, seq, at, JSON.stringify(state)],
    );
  }

  /** The latest checkpoint's seq (≤ `upTo`) of each of these scopes; 0 for none. */
  async latestCheckpoints(scopes: readonly string[], upTo: number): Promise<Map<string, number>> {
    const rows: { scope: string; seq: string | null }[] = await this.ds.query(
      `SELECT s.scope, (SELECT max(c.seq) FROM replay_checkpoints c
                         WHERE c.scope = s.scope AND c.seq <= $2) AS seq
         FROM unnest($1::text[]) AS s(scope)`,
      [scopes, upTo],
    );
    return new Map(rows.map((r) => [r.scope, Number(r.seq ?? 0)]));
  }

  /**
   * The subdistricts a console user is bound to (active duty officers, commanders, admins):
   * the replay scopes in use besides the district's.
   */
  async boundSubdistricts(): Promise<string[]> {
    const rows: { code: string }[] = await this.ds.query(
      `SELECT DISTINCT subdistrict_code AS code FROM users
        WHERE role <> 'contact' AND subdistrict_code IS NOT NULL
          AND NOT disabled AND deleted_at IS NULL
        ORDER BY 1`,
    );
    return rows.map((r) => r.code);
  }

  /**
   * Runs `work` while holding this scope's warm-up lock (a session advisory lock on a
   * connection of its own, so it is freed if the process dies), or answers 'busy' at once when
   * another instance holds it.
   */
  async withWarmLock<T>(scope: string, work: () => Promise<T>): Promise<T | 'busy'> {
    const qr = this.ds.createQueryRunner();
    await qr.connect();
    try {
      const got = (await qr.query(
        `SELECT pg_try_advisory_lock(${WARM_LOCK_CLASS}, hashtext($1)) AS ok`,
        [scope],
      )) as { ok: boolean }[];
      if (!got[0]?.ok) return 'busy';
      try {
        return await work();
      } finally {
        await qr.query(`SELECT pg_advisory_unlock(${WARM_LOCK_CLASS}, hashtext($1))`, [scope]);
      }
    } finally {
      await qr.release();
    }
  }

  async dropCheckpoints(): Promise<void> {
    await this.ds.query(`DELETE FROM replay_checkpoints`);
  }

  /** When the event with this seq occurred. */
  async occurredAt(seq: number): Promise<string | null> {
    const rows: { occurred_at: Date }[] = await this.ds.query(
      `SELECT occurred_at FROM events WHERE seq = $1`,
      [seq],
    );
    return rows[0]?.occurred_at.toISOString() ?? null;
  }
}

/** The map layers' rows as stored now, in the caller's transaction (for reference.snapshot). */
export async function readLayerRows(m: EntityManager) {
  // One after another: they share the caller's connection.
  const points = await m.getRepository(WaterloggingPoint).find({
    where: { retiredAt: IsNull() },
    relations: { contacts: true },
    order: { code: 'ASC', contacts: { role: 'ASC' } },
  });
  const shelters = await m
    .getRepository(Shelter)
    .find({ where: { retiredAt: IsNull() }, order: { code: 'ASC' } });
  const teams = await m
    .getRepository(RescueTeam)
    .find({ where: { retiredAt: IsNull() }, order: { code: 'ASC' } });
  const warehouses = await m.getRepository(Warehouse).find({
    where: { retiredAt: IsNull() },
    relations: { items: true },
    order: { code: 'ASC', items: { sku: 'ASC' } },
  });
  const settings = await readResourceSettings(m);
  return { points, shelters, teams, warehouses, staleAfterS: settings.positionStaleAfterS };
}

/** Whether the log holds a reference.snapshot yet (the seed writes one when it does not). */
export async function hasReferenceSnapshot(m: EntityManager): Promise<boolean> {
  const rows: unknown[] = await m.query(
    `SELECT 1 FROM events WHERE type = 'reference.snapshot' LIMIT 1`,
  );
  return rows.length > 0;
}
