import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import PgBoss from 'pg-boss';
import type { EntityManager } from 'typeorm';
import type { EventTx } from '../events/event-log';
import { RUNTIME, type Runtime } from '../core/runtime';
import { timerId } from './timer-id';

export type TimerHandler<D> = (data: D, job: { id: string; key: string }) => Promise<void>;

interface Registered {
  handler: TimerHandler<unknown>;
}

interface TimerData<D> {
  key: string;
  data: D;
}

/** pg-boss's rows for timers of one queue. */
const jobs = <D>(queue: string, items: readonly { key: string; at: Date; data: D }[]) =>
  items.map((t) => ({
    id: timerId(queue, t.key),
    name: queue,
    data: { key: t.key, data: t.data } satisfies TimerData<D>,
    startAfter: t.at.toISOString(),
  }));

/** pg-boss runs SQL through a transaction's manager when given this. */
const inTx = (m: EntityManager): PgBoss.Db => ({
  executeSql: async (text, values) => ({ rows: await m.query<unknown[]>(text, values) }),
});

export const TIMER_POLL_SECONDS = 0.5;
const BATCH = 200;
// Quiet for this long after an error (a few polls without one) = timers are up again.
const TIMERS_RECOVER_MS = Math.max(10_000, TIMER_POLL_SECONDS * 3_000);
const SCHEDULE_CHUNK = 5_000;

/**
 * Durable timers in PostgreSQL (pg-boss): scheduled in the caller's transaction, so a
 * deadline exists exactly when the state that needs it does; fetched with SKIP LOCKED, so
 * each fires on one instance; retried on failure, so handlers must be idempotent.
 */
@Injectable()
export class Timers implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly log = new Logger('Timers');
  private readonly boss: PgBoss;
  private readonly handlers = new Map<string, Registered>();
  private started = false;
  /** Last pg-boss error; pg-boss reconnects by itself, so health recovers once errors stop. */
  private lastErrorAt = 0;

  constructor(@Inject(RUNTIME) runtime: Runtime) {
    this.boss = new PgBoss({
      connectionString: runtime.databaseUrl,
      max: 4,
      application_name: 'sanfang-timers',
      retryLimit: 5,
      retryDelay: 1,
      retryBackoff: true,
      deleteAfterDays: 30,
    });
    this.boss.on('error', (e: Error) => {
      this.lastErrorAt = Date.now();
      this.log.warn(`pg-boss: ${e.message}`);
    });
  }

  status(): 'up' | 'down' {
    return this.started && Date.now() - this.lastErrorAt > TIMERS_RECOVER_MS ? 'up' : 'down';
  }

  /** Features register handlers in onModuleInit; workers start once the app is up. */
  handle<D>(queue: string, handler: TimerHandler<D>): void {
    this.handlers.set(queue, { handler: handler as TimerHandler<unknown> });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.boss.start();
    for (const [queue, reg] of this.handlers) {
      await this.createQueue(queue);
      await this.boss.work<TimerData<unknown>>(
        queue,
        { batchSize: BATCH, pollingIntervalSeconds: TIMER_POLL_SECONDS },
        (jobs) => this.run(queue, reg, jobs),
      );
    }
    this.started = true;
  }

  async onModuleDestroy(): Promise<void> {
    if (this.started) await this.boss.stop({ graceful: true, timeout: 5_000, wait: true });
    this.started = false;
  }

  /** Schedules `queue` to fire at `at` for `key`, inside the caller's transaction. */
  async schedule<D>(
    m: EntityManager,
    queue: string,
    key: string,
    at: Date,
    data: D,
  ): Promise<void> {
    await this.ensureQueue(queue);
    const payload: TimerData<D> = { key, data };
    await this.boss.send(queue, payload as object, {
      id: timerId(queue, key),
      startAfter: at,
      db: inTx(m),
    });
  }

  /**
   * Schedules many firings of one queue in one statement (bulk call-outs): same semantics as
   * `schedule` per item, without a round trip per timer.
   */
  async scheduleMany<D>(
    m: EntityManager,
    queue: string,
    items: readonly { key: string; at: Date; data: D }[],
  ): Promise<void> {
    await this.insertAll(queue, items, inTx(m));
  }

  /**
   * As `scheduleMany`, but the insert rides with the transaction's commit (EventTx.defer)
   * instead of taking a round trip of its own while the caller holds its locks. The
   * statement and values are pg-boss's own, taken from `insert` through its `db` option.
   */
  async deferMany<D>(
    tx: EventTx,
    queue: string,
    items: readonly { key: string; at: Date; data: D }[],
  ): Promise<void> {
    const captured: { text: string; values: unknown[] }[] = [];
    await this.insertAll(queue, items, {
      executeSql: (text, values) => {
        captured.push({ text, values: values ?? [] });
        return Promise.resolve({ rows: [] });
      },
    });
    for (const c of captured) tx.defer(c.text, c.values);
  }

  private async insertAll<D>(
    queue: string,
    items: readonly { key: string; at: Date; data: D }[],
    db: PgBoss.Db,
  ): Promise<void> {
    if (items.length === 0) return;
    await this.ensureQueue(queue);
    for (let i = 0; i < items.length; i += SCHEDULE_CHUNK)
      await this.boss.insert(jobs(queue, items.slice(i, i + SCHEDULE_CHUNK)), { db });
  }

  /** Cancels many firings of one queue at once (keys that never existed are ignored). */
  async cancelMany(m: EntityManager, queue: string, keys: readonly string[]): Promise<void> {
    if (keys.length === 0) return;
    await this.ensureQueue(queue);
    for (let i = 0; i < keys.length; i += SCHEDULE_CHUNK) {
      await this.boss.cancel(
        queue,
        keys.slice(i, i + SCHEDULE_CHUNK).map((k) => timerId(queue, k)),
        { db: inTx(m) },
      );
    }
  }

  /** Cancels a scheduled firing (no-op if it already fired or never existed). */
  async cancel(m: EntityManager, queue: string, key: string): Promise<void> {
    await this.ensureQueue(queue);
    await this.boss.cancel(queue, timerId(queue, key), { db: inTx(m) });
  }

  /**
   * Instances starting together on a fresh database race in pg-boss's queue creation
   * (partition DDL) and PostgreSQL may pick one as a deadlock victim: try again.
   */
  private async createQueue(queue: string): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.boss.createQueue(queue);
        return;
      } catch (e) {
        const code = (e as { code?: string }).code;
        if ((code !== '40P01' && code !== '23505') || attempt >= 5) throw e;
        await new Promise((r) => setTimeout(r, 50 * attempt + Math.random() * 100));
      }
    }
  }

  private readonly queues = new Set<string>();
  private async ensureQueue(queue: string): Promise<void> {
    if (this.queues.has(queue)) return;
    await this.createQueue(queue);
    this.queues.add(queue);
  }

  /** Each job on its own: one failing job is retried alone, the rest complete. */
  private async run(
    queue: string,
    reg: Registered,
    jobs: PgBoss.Job<TimerData<unknown>>[],
  ): Promise<void> {
    this.lastErrorAt = 0; // a fetched batch proves the connection works
    await Promise.all(
      jobs.map(async (job) => {
        try {
          await reg.handler(job.data.data, { id: job.id, key: job.data.key });
        } catch (e) {
          this.log.warn(`${queue} ${job.data.key} failed: ${String(e)}`);
          await this.boss.fail(queue, job.id, { message: String(e) });
        }
      }),
    );
  }
}
