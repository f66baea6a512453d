import type { EventEnvelope } from '@sanfang/shared';

import type { ConnectionStatus } from '../../../vocabulary/connectionStatus';

export type { ConnectionStatus };

export interface LiveState {
  status: ConnectionStatus;
  lastSeq: number | null;
  /** Newest first, bounded: the event timeline's source. */
  recent: EventEnvelope[];
  reason: string | null;
}

const RECENT_MAX = 500;

type Listener = () => void;
type EventListener = (events: EventEnvelope[]) => void;

/** One store per app: connection state plus a fan-out of applied events to features. */
export class LiveStore {
  private state: LiveState = { status: 'connecting', lastSeq: null, recent: [], reason: null };
  private readonly listeners = new Set<Listener>();
  private readonly eventListeners = new Set<EventListener>();

  getSnapshot = (): LiveState => this.state;

  subscribe = (l: Listener): (() => void) => {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  };

  /** Features subscribe here to apply events to their own state, in seq order. */
  onEvents(l: EventListener): () => void {
    this.eventListeners.add(l);
    return () => this.eventListeners.delete(l);
  }

  setStatus(status: ConnectionStatus, reason: string | null = null): void {
    if (status === this.state.status && reason === this.state.reason) return;
    this.set({ ...this.state, status, reason });
  }

  setLastSeq(lastSeq: number): void {
    if (lastSeq !== this.state.lastSeq) this.set({ ...this.state, lastSeq });
  }

  apply(events: EventEnvelope[]): void {
    const recent = [...events].reverse().concat(this.state.recent).slice(0, RECENT_MAX);
    this.set({ ...this.state, recent });
    for (const l of this.eventListeners) l(events);
  }

  /** Older events for the timeline only (features load their state over REST). */
  backfill(older: EventEnvelope[]): void {
    const known = new Set(this.state.recent.map((e) => e.seq));
    const add = older.filter((e) => !known.has(e.seq));
    if (add.length === 0) return;
    const recent = [...this.state.recent, ...add]
      .sort((a, b) => b.seq - a.seq)
      .slice(0, RECENT_MAX);
    this.set({ ...this.state, recent });
  }

  /**
   * A replayed console's feed: the events as of the replayed moment (newest first), shown by the
   * timeline only; nothing is fanned out to features (their state comes from the replay).
   */
  showReplayed(recent: EventEnvelope[]): void {
    if (recent === this.state.recent) return;
    this.set({ ...this.state, status: 'live', recent: recent.slice(0, RECENT_MAX) });
  }

  private set(next: LiveState): void {
    this.state = next;
    for (const l of this.listeners) l();
  }
}
