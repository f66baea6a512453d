import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { EventType } from '@sanfang/shared';
import type { DataSource } from 'typeorm';
import type { CommittedEvent, EventTx } from './event-log';
import { EventLog } from './event-log.service';
import { EventsPublisher } from './events.publisher';
import { type EventRow, inlineParams, toEvent } from './events.repository';

/**
 * A reaction of one feature to another's events (accept a suggestion, propose shelters, …).
 * `handle` runs in the same transaction that advances the reactor's cursor, so each event's
 * effect is committed exactly once, in log order, on one instance at a time.
 */
export interface Reactor {
  name: string;
  types: readonly EventType[];
  handle(event: CommittedEvent, tx: EventTx): Promise<void>;
  /**
   * Optional: all the events of one pass at once, in log order (instead of `handle` for
   * each), for a reactor whose work is one set statement.
   */
  handleAll?(events: CommittedEvent[], tx: EventTx): Promise<void>;
  /** Optional: after each pass of this reactor committed (e.g. kick what it recorded). */
  committed?(): void;
}

const BATCH = 200;
/** Past this many unrelated events the cursor is moved up, so it never lags far behind. */
const SKIP_AHEAD = 5_000;
/** Commits arriving together wake the reactors once (a busy feed commits every few ms). */
const KICK_DELAY_MS = 20;
const POLL_MS = 500;

@Injectable()
export class Reactors implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly log = new Logger('Reactors');
  private readonly reactors: Reactor[] = [];
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  private again = false;
  private stopped = false;
  /** Reactors that a local commit gave work to since the last pass. */
  private readonly localDue = new Set<string>();
  /** The next pass asks the database which reactors have work (the poll). */
  private pollDue = true;

  constructor(
    private readonly events: EventLog,
    publisher: EventsPublisher,
    @InjectDataSource() private readonly ds: DataSource,
  ) {
    // Local commits wake the reactors that take their types at once, with no query to find
    // out; other instances' commits (and cursors far behind) are found by polling.
    publisher.onPublished((events) => {
      let woken = false;
      for (const r of this.reactors)
        if (events.some((e) => r.types.includes(e.type))) {
          this.localDue.add(r.name);
          woken = true;
        }
      if (woken) this.kick();
    });
  }

  register(r: Reactor): void {
    this.reactors.push(r);
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.reactors.length === 0) return;
    // A new reactor starts at the head: it reacts to what happens from now on.
    await this.events.writeWithEvents(
      'reactors',
      async (tx) => {
        for (const r of this.reactors) {
          await tx.manager.query(
            `INSERT INTO reactor_cursors (name, position)
             SELECT $1, last_seq FROM event_counter WHERE id = 1 ON CONFLICT (name) DO NOTHING`,
            [r.name],
          );
        }
      },
      { allowNoEvent: true },
    );
    this.timer = setInterval(() => {
      this.pollDue = true;
      this.kick();
    }, POLL_MS);
    this.timer.unref();
    this.kick();
  }

  onModuleDestroy(): void {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
  }

  /**
   * Runs every reactor until it has read the whole log as it stood when called, waiting out
   * another transaction (here or on another instance) that holds its cursor.
   */
  async drain(): Promise<void> {
    for (const r of this.reactors) {
      for (;;) {
        const state = await this.step(r);
        if (state === 'done') break;
        if (state === 'busy') await new Promise((res) => setTimeout(res, 20));
      }
    }
  }

  /** Background pass: a reactor busy elsewhere is left to that instance. */
  private async catchUp(): Promise<void> {
    const due = new Set(this.localDue);
    this.localDue.clear();
    if (this.pollDue) {
      this.pollDue = false;
      for (const name of await this.due()) due.add(name);
    }
    for (const r of this.reactors) {
      if (!due.has(r.name)) continue;
      while ((await this.step(r)) === 'more') {
        /* next batch */
      }
    }
  }

  /** The names of the reactors with work waiting (benches wait for none before they read CPU). */
  async pending(): Promise<string[]> {
    return [...(await this.due())];
  }

  /**
   * The reactors with something to do: an event of their types after their cursor, or a
   * cursor far behind. One query for all of them, so a commit nobody reacts to costs one
   * round trip (the (type, seq) index keeps it cheap however far a cursor lags).
   */
  private async due(): Promise<Set<string>> {
    const rows = await this.ds.query<{ name: string }[]>(
      `SELECT r.name
         FROM jsonb_to_recordset($1::jsonb) AS r(name text, types text[])
         JOIN reactor_cursors c ON c.name = r.name
        WHERE EXISTS (SELECT 1 FROM events e WHERE e.seq > c.position AND e.type = ANY (r.types))
           OR (SELECT last_seq FROM event_counter WHERE id = 1) - c.position >= $2`,
      [JSON.stringify(this.reactors.map((r) => ({ name: r.name, types: r.types }))), SKIP_AHEAD],
    );
    return new Set(rows.map((r) => r.name));
  }

  private kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    new Promise((res) => setTimeout(res, KICK_DELAY_MS))
      .then(() => this.catchUp())
      .catch((e: unknown) => this.log.warn(`reactor failed: ${String(e)}`))
      .finally(() => {
        this.running = false;
        if (this.again) {
          this.again = false;
          this.kick();
        }
      });
  }

  /** One batch for one reactor: more to read, caught up, or the cursor is held elsewhere. */
  private async step(r: Reactor): Promise<'more' | 'done' | 'busy'> {
    const { result } = await this.events.writeWithEvents(
      `reactor:${r.name}`,
      async (tx) => {
        // The cursor (locked), the head and the batch were read with BEGIN (below).
        const rows = tx.begun as unknown as PassRow[];
        const pos = rows[0]?.position;
        if (pos === undefined) return 'busy' as const; // another transaction is on it
        const head = rows[0]?.head;
        const found = rows.filter((row) => row.seq !== null);
        const events = found.map((row) => toEvent(row as EventRow));
        if (r.handleAll) {
          if (events.length) await r.handleAll(events, tx);
        } else {
          for (const e of events) await r.handle(e, tx);
        }
        const full = found.length === BATCH;
        const lastRow = found.length > 0 ? Number(found[found.length - 1]!.seq) : 0;
        // A full batch stops at its last row. Otherwise everything up to the head is read
        // (commits happen in seq order). The cursor's row may be newer than the snapshot
        // (it is re-read when locked), so the cursor never moves back.
        const headSeq = Number(head ?? pos);
        const upTo = String(full ? lastRow : Math.max(headSeq, lastRow, Number(pos)));
        if (upTo !== pos)
          tx.defer(`UPDATE reactor_cursors SET position = $2 WHERE name = $1`, [r.name, upTo]);
        return full ? ('more' as const) : ('done' as const);
      },
      // A pass is two round trips: BEGIN with its read, then its writes with COMMIT.
      { allowNoEvent: true, begin: passSql(r), commitWithEvents: true },
    );
    r.committed?.();
    return result;
  }
}

/** The cursor and head on every row; an event on each, or none when nothing is new. */
interface PassRow extends Omit<EventRow, 'seq'> {
  position: string;
  head: string;
  seq: string | null;
}

/**
 * The cursor (locked), the head and the batch in one statement, so one snapshot: every
 * event up to that head is committed and visible to it. Values inline (it is sent with
 * BEGIN as a simple query).
 */
function passSql(r: Reactor): string {
  return inlineParams(
    `WITH cur AS (
       SELECT position FROM reactor_cursors WHERE name = $1 FOR UPDATE SKIP LOCKED)
     SELECT cur.position, (SELECT last_seq FROM event_counter WHERE id = 1) AS head,
            e.seq, e.type, e.occurred_at, e.actor, e.subdistrict_codes, e.contact_ids,
            e.payload
       FROM cur LEFT JOIN LATERAL (
              SELECT * FROM events
               WHERE seq > cur.position AND type = ANY ($3::text[]) ORDER BY seq LIMIT $2) e ON true
      ORDER BY e.seq`,
    [r.name, BATCH, `{${r.types.map((t) => `"${t}"`).join(',')}}`],
  );
}
