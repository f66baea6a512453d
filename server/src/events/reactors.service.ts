import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import type { EventType } from '@sanfang/shared';
import type { CommittedEvent, EventTx } from './event-log';
import { EventLog } from './event-log.service';
import { EventsPublisher } from './events.publisher';

/**
 * A reaction of one feature to another's events (accept a suggestion, propose shelters, …).
 * `handle` runs in the same transaction that advances the reactor's cursor, so each event's
 * effect is committed exactly once, in log order, on one instance at a time.
 */
export interface Reactor {
  name: string;
  types: readonly EventType[];
  handle(event: CommittedEvent, tx: EventTx): Promise<void>;
}

const BATCH = 200;
const POLL_MS = 500;

@Injectable()
export class Reactors implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly log = new Logger('Reactors');
  private readonly reactors: Reactor[] = [];
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  private again = false;
  private stopped = false;

  constructor(
    private readonly events: EventLog,
    publisher: EventsPublisher,
  ) {
    // Local commits wake the reactors at once; other instances' commits arrive by polling.
    publisher.onPublished(() => this.kick());
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
    this.timer = setInterval(() => this.kick(), POLL_MS);
    this.timer.unref();
    this.kick();
  }

  onModuleDestroy(): void {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
  }

  /**
   * Runs every reactor until it has caught up (tests await this). Unlike the background run
   * it waits for a cursor another run holds, so it never returns before that batch is done.
   */
  async drain(): Promise<void> {
    await this.run(true);
  }

  private async run(wait: boolean): Promise<void> {
    for (const r of this.reactors)
      while (await this.step(r, wait)) {
        /* next batch */
      }
  }

  private kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    this.run(false)
      .catch((e: unknown) => this.log.warn(`reactor failed: ${String(e)}`))
      .finally(() => {
        this.running = false;
        if (this.again) {
          this.again = false;
          this.kick();
        }
      });
  }

  /** One batch for one reactor; true when it may have more to do. */
  private async step(r: Reactor, wait: boolean): Promise<boolean> {
    const { result } = await this.events.writeWithEvents(
      `reactor:${r.name}`,
      async (tx) => {
        const cursor = await tx.manager.query<{ position: string }[]>(
          `SELECT position FROM reactor_cursors WHERE name = $1 FOR UPDATE${wait ? '' : ' SKIP LOCKED'}`,
          [r.name],
        );
        const pos = cursor[0]?.position;
        if (pos === undefined) return false; // another instance is on it
        const rows = await tx.manager.query<
          {
            seq: string;
            type: EventType;
            occurred_at: Date;
            actor: string;
            subdistrict_codes: string[];
            contact_ids: string[];
            payload: CommittedEvent['payload'];
          }[]
        >(
          `SELECT seq, type, occurred_at, actor, subdistrict_codes, contact_ids, payload
             FROM events WHERE seq > $1 ORDER BY seq LIMIT $2`,
          [pos, BATCH],
        );
        for (const row of rows) {
          if (!r.types.includes(row.type)) continue;
          await r.handle(
            {
              seq: Number(row.seq),
              type: row.type,
              occurredAt: row.occurred_at.toISOString(),
              actor: row.actor,
              subdistrictCodes: row.subdistrict_codes,
              contactIds: row.contact_ids,
              payload: row.payload,
            },
            tx,
          );
        }
        const last = rows.at(-1);
        if (!last) return false;
        await tx.manager.query(`UPDATE reactor_cursors SET position = $2 WHERE name = $1`, [
          r.name,
          last.seq,
        ]);
        return rows.length === BATCH;
      },
      { allowNoEvent: true },
    );
    return result;
  }
}
