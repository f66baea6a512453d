import { Injectable } from '@nestjs/common';
import {
  applyConsoleEvents,
  consoleStateFromDto,
  consoleStateToDto,
  emptyConsoleState,
  type ConsoleState,
  type EventEnvelope,
  type ReplayEventsPage,
  type ReplayEventsQuery,
  type ReplayStateDto,
} from '@sanfang/shared';
import { ReplayRepository, type ReplayViewer } from './replay.repository';

/** A checkpoint every K seqs: opening any moment folds at most K events after one. */
export const CHECKPOINT_EVERY = 2_000;
/**
 * Checkpoints are folded with today's reducers: bump this when a reducer changes what it makes
 * of an event, and the old ones are no longer read (they are a cache, rebuilt on demand).
 */
export const CHECKPOINT_VERSION = 1;
const PAGE = 5_000;
/** Events folded between two yields to the event loop in a background fold. */
const PAUSE_EVERY = 250;

export const scopeOf = (v: ReplayViewer): string =>
  `v${CHECKPOINT_VERSION}:${v.kind === 'district' ? 'district' : `sd:${v.code}`}`;

/**
 * The console as of any moment, folded from the log with the live console's reducers
 * (`@sanfang/shared` console-state), from the nearest checkpoint. Never writes an event.
 */
@Injectable()
export class ReplayService {
  /** K: seqs between checkpoints (tests and the bench set it). */
  checkpointEvery = CHECKPOINT_EVERY;

  constructor(private readonly repo: ReplayRepository) {}

  async state(viewer: ReplayViewer, at: Date): Promise<ReplayStateDto> {
    const [seq, log] = await Promise.all([this.repo.seqAt(at), this.repo.bounds()]);
    const { state, checkpointSeq, folded } = await this.stateAtSeq(viewer, seq);
    return {
      at: at.toISOString(),
      seq,
      checkpointSeq,
      folded,
      log,
      state: consoleStateToDto(state, at.toISOString()),
    };
  }

  /**
   * The state after every event with seq ≤ `seq` the viewer may see. Checkpoints missing on
   * the way are built (and stored) as the fold passes their seq.
   */
  async stateAtSeq(
    viewer: ReplayViewer,
    seq: number,
  ): Promise<{ state: ConsoleState; checkpointSeq: number; folded: number }> {
    const scope = scopeOf(viewer);
    const cp = seq > 0 ? await this.repo.checkpoint(scope, seq) : null;
    const start = cp ? consoleStateFromDto(cp.state) : emptyConsoleState();
    // Whole checkpoint intervals first: each is stored as it is passed.
    const k = this.checkpointEvery;
    const chain = await this.chain(viewer, start, cp?.seq ?? 0, Math.floor(seq / k) * k);
    let folded = 0;
    const state = await this.fold(viewer, chain.state, chain.seq, seq, (n) => (folded += n));
    return { state, checkpointSeq: chain.seq, folded };
  }

  /**
   * Extends the viewer's chain of checkpoints from its latest one up to `upTo` (rounded down to
   * a multiple of K), storing at most `max` of them: the background warm-up's step
   * (CheckpointWarmer). Returns how many were folded and stored.
   */
  async extendCheckpoints(
    viewer: ReplayViewer,
    upTo: number,
    max: number,
    between?: () => Promise<void>,
  ): Promise<number> {
    const k = this.checkpointEvery;
    const target = Math.floor(upTo / k) * k;
    if (target <= 0) return 0;
    const cp = await this.repo.checkpoint(scopeOf(viewer), target);
    const from = cp?.seq ?? 0;
    if (from >= target) return 0;
    const until = Math.min(target, (Math.floor(from / k) + max) * k);
    const start = cp ? consoleStateFromDto(cp.state) : emptyConsoleState();
    const { built } = await this.chain(viewer, start, from, until, between);
    return built;
  }

  /**
   * Folds `state` (the viewer's state at `from`) through every multiple of K after `from` up
   * to `until`, storing a checkpoint at each (a cache: one already stored is kept).
   */
  private async chain(
    viewer: ReplayViewer,
    state: ConsoleState,
    from: number,
    until: number,
    between?: () => Promise<void>,
  ): Promise<{ state: ConsoleState; seq: number; built: number }> {
    const scope = scopeOf(viewer);
    const k = this.checkpointEvery;
    let seq = from;
    let built = 0;
    for (let next = (Math.floor(from / k) + 1) * k; next <= until; next += k) {
      if (built > 0 && between) await between();
      state = await this.fold(viewer, state, seq, next, undefined, between);
      const at = (await this.repo.occurredAt(next)) ?? new Date(0).toISOString();
      await this.repo.saveCheckpoint(scope, next, at, consoleStateToDto(state));
      seq = next;
      built++;
    }
    return { state, seq, built };
  }

  /** Folds the viewer's events with after < seq ≤ upTo onto `state`, a page at a time. */
  private async fold(
    viewer: ReplayViewer,
    state: ConsoleState,
    after: number,
    upTo: number,
    onPage?: (n: number) => void,
    pause?: () => Promise<void>,
  ): Promise<ConsoleState> {
    let cursor = after;
    while (cursor < upTo) {
      const events = await this.repo.events(viewer, cursor, upTo, PAGE);
      for (let i = 0; i < events.length; i += PAUSE_EVERY) {
        // The background warm-up lets the live console in every few hundred events.
        if (pause && i > 0) await pause();
        state = applyConsoleEvents(state, events.slice(i, i + PAUSE_EVERY));
      }
      onPage?.(events.length);
      if (events.length < PAGE) break;
      cursor = events.at(-1)!.seq;
    }
    return state;
  }

  async events(viewer: ReplayViewer, q: ReplayEventsQuery): Promise<ReplayEventsPage> {
    const bounds = await this.repo.bounds();
    const head = bounds?.headSeq ?? 0;
    let upTo = Math.min(head, q.toSeq ?? head);
    if (q.to !== undefined) upTo = Math.min(upTo, await this.repo.seqAt(new Date(q.to)));
    if (q.fromSeq >= upTo) return { events: [], lastSeq: q.fromSeq, more: false };
    const events: EventEnvelope[] = await this.repo.events(viewer, q.fromSeq, upTo, q.limit);
    const full = events.length === q.limit;
    const lastSeq = full ? events.at(-1)!.seq : upTo;
    return { events, lastSeq, more: full && lastSeq < upTo };
  }
}
