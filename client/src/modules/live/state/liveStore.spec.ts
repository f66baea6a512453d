import type { EventEnvelope } from '@sanfang/shared';
import { loadLastSeq, saveLastSeq } from './lastSeqStorage';
import { LiveStore } from './liveStore';

const ev = (seq: number): EventEnvelope => ({
  seq,
  type: 'notice.posted',
  occurredAt: '2026-06-11T06:05:00.000Z',
  payload: { id: String(seq), text: 't', level: 'info', author: 'duty' },
});

class MemoryStorage implements Pick<Storage, 'getItem' | 'setItem'> {
  private m = new Map<string, string>();
  getItem(k: string): string | null {
    return this.m.get(k) ?? null;
  }
  setItem(k: string, v: string): void {
    this.m.set(k, v);
  }
}

describe(LiveStore.name, () => {
  it('keeps the newest events first and fans them out in seq order', () => {
    const store = new LiveStore();
    const seen: number[] = [];
    store.onEvents((es) => seen.push(...es.map((e) => e.seq)));
    store.apply([ev(1), ev(2)]);
    store.apply([ev(3)]);
    expect(seen).toEqual([1, 2, 3]);
    expect(store.getSnapshot().recent.map((e) => e.seq)).toEqual([3, 2, 1]);
  });

  it('backfills older events into the timeline without replaying them to features', () => {
    const store = new LiveStore();
    const seen: number[] = [];
    store.onEvents((es) => seen.push(...es.map((e) => e.seq)));
    store.apply([ev(5)]);
    store.backfill([ev(3), ev(4), ev(5)]);
    expect(store.getSnapshot().recent.map((e) => e.seq)).toEqual([5, 4, 3]);
    expect(seen).toEqual([5]);
  });

  it('notifies subscribers only on real changes', () => {
    const store = new LiveStore();
    let n = 0;
    store.subscribe(() => n++);
    store.setStatus('live');
    store.setStatus('live');
    store.setLastSeq(4);
    store.setLastSeq(4);
    expect(n).toBe(2);
  });
});

describe('lastSeq storage', () => {
  it('round-trips per user and ignores garbage', () => {
    const s = new MemoryStorage() as unknown as Storage;
    expect(loadLastSeq('u1', s)).toBeUndefined();
    saveLastSeq('u1', 42, s);
    expect(loadLastSeq('u1', s)).toBe(42);
    expect(loadLastSeq('u2', s)).toBeUndefined();
    s.setItem('sanfang.lastSeq.u3', '-1');
    expect(loadLastSeq('u3', s)).toBeUndefined();
  });
});
