import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { EventsPublisher } from '../events/events.publisher';
import { ReplayRepository, type ReplayViewer } from './replay.repository';
import { ReplayService, scopeOf } from './replay.service';

/** Checkpoints one scope extends by per pass (then the next scope, then a rest). */
export const WARM_BATCH = 4;
/** Rest between passes while catching up, so the live console keeps its share of the CPU. */
export const WARM_REST_MS = 50;
/** Other instances' commits (and users bound to a new subdistrict) are found by polling. */
export const WARM_POLL_MS = 5_000;

export interface WarmPass {
  /** The multiple of K at or below the head that every scope is built toward. */
  target: number;
  /** Checkpoints this pass stored. */
  built: number;
  /** Every scope has its checkpoint at `target`. */
  caughtUp: boolean;
  /** A scope was left because another instance holds its lock. */
  busy: boolean;
}

/**
 * Builds the replay checkpoints in the background as the log grows, so that opening the
 * replay at any moment folds at most K events after a stored checkpoint (the open path still
 * folds lazily, and stores what it passes, while the warm-up is behind).
 *
 * Per scope in use (the district, and each subdistrict a console user is bound to) it extends
 * the chain from the scope's latest checkpoint, K events at a time, under a per-scope advisory
 * lock: each checkpoint is folded by one instance; a lost race with an open stores nothing
 * twice (the primary key; the fold is deterministic). It never writes events. Woken by local
 * commits that cross a multiple of K, and by a poll; idle, a pass is two small queries.
 */
@Injectable()
export class CheckpointWarmer implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly log = new Logger('CheckpointWarmer');
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  private again = false;
  private stopped = false;
  private lastTarget = -1;
  private readonly listeners: ((pass: WarmPass) => void)[] = [];
  /** Checkpoints this instance folded and stored (the bench and tests read it). */
  built = 0;
  batch = WARM_BATCH;
  restMs = WARM_REST_MS;

  constructor(
    private readonly replay: ReplayService,
    private readonly repo: ReplayRepository,
    publisher: EventsPublisher,
  ) {
    publisher.onPublished((events) => {
      const last = events.at(-1);
      const k = this.replay.checkpointEvery;
      if (last && Math.floor(last.seq / k) * k > this.lastTarget) this.kick();
    });
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.kick(), WARM_POLL_MS);
    this.timer.unref();
    this.kick();
  }

  onModuleDestroy(): void {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
  }

  /** In-process hook after each background pass (tests and the bench await it). */
  onPass(listener: (pass: WarmPass) => void): () => void {
    this.listeners.push(listener);
    return () => this.listeners.splice(this.listeners.indexOf(listener), 1);
  }

  /** Resolves once a background pass finds every scope in use built up to `seq`'s multiple of K. */
  caughtUp(seq: number): Promise<WarmPass> {
    return new Promise((resolve) => {
      const off = this.onPass((p) => {
        const k = this.replay.checkpointEvery;
        if (p.caughtUp && p.target >= Math.floor(seq / k) * k) {
          off();
          resolve(p);
        }
      });
      this.kick();
    });
  }

  /** Wakes the background loop (one pass at a time; a pass asked for while one runs follows it). */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    let rest = 0;
    this.pass()
      .then((p) => {
        for (const l of [...this.listeners]) l(p);
        // Behind and making progress: another pass after a rest (bounded work per pass).
        if (!p.caughtUp && p.built > 0) {
          this.again = true;
          rest = this.restMs;
        }
      })
      .catch((e: unknown) => this.log.warn(`checkpoint warm-up failed: ${String(e)}`))
      .finally(() => {
        setTimeout(() => {
          this.running = false;
          if (this.again) {
            this.again = false;
            this.kick();
          }
        }, rest).unref();
      });
  }

  /**
   * One pass: every scope in use extended by at most `batch` checkpoints toward the head.
   * Scopes whose lock another instance holds are left to it.
   */
  async pass(): Promise<WarmPass> {
    const k = this.replay.checkpointEvery;
    const head = (await this.repo.bounds())?.headSeq ?? 0;
    const target = Math.floor(head / k) * k;
    const viewers: ReplayViewer[] = [
      { kind: 'district' },
      ...(await this.repo.boundSubdistricts()).map((code): ReplayViewer => ({
        kind: 'subdistrict',
        code,
      })),
    ];
    if (target <= 0) return { target, built: 0, caughtUp: true, busy: false };
    const latest = await this.repo.latestCheckpoints(viewers.map(scopeOf), target);
    let built = 0;
    let behind = false;
    let busy = false;
    for (const v of viewers) {
      if ((latest.get(scopeOf(v)) ?? 0) >= target) continue;
      if (this.stopped) break;
      const n = await this.repo.withWarmLock(scopeOf(v), () =>
        this.replay.extendCheckpoints(v, target, this.batch, () => new Promise(setImmediate)),
      );
      if (n === 'busy') {
        busy = true;
        behind = true;
        continue;
      }
      built += n;
      this.built += n;
      const now = (await this.repo.latestCheckpoints([scopeOf(v)], target)).get(scopeOf(v));
      if ((now ?? 0) < target) behind = true;
    }
    if (!behind) this.lastTarget = target;
    return { target, built, caughtUp: !behind, busy };
  }

  /**
   * Runs passes until every scope is built up to the head as it stood when called, waiting out
   * another instance that holds a scope's lock (tests; `caughtUp` for the background loop).
   */
  async drain(): Promise<WarmPass> {
    for (;;) {
      const p = await this.pass();
      if (p.caughtUp) return p;
      if (p.built === 0) await new Promise((r) => setTimeout(r, 20));
    }
  }
}
