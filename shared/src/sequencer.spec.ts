import type { EventEnvelope } from './events';
import { EventSequencer } from './sequencer';

const ev = (seq: number): EventEnvelope => ({
  seq,
  type: 'notice.posted',
  occurredAt: '2026-06-11T06:05:00.000Z',
  payload: { id: String(seq), text: 't', level: 'info', author: 'duty' },
});
const seqs = (es: EventEnvelope[]): number[] => es.map((e) => e.seq);

describe(EventSequencer.name, () => {
  it('applies events that arrive in order at once', () => {
    const s = new EventSequencer();
    expect(seqs(s.receive(ev(1)))).toEqual([1]);
    expect(seqs(s.receive(ev(2)))).toEqual([2]);
    expect(s.lastSeq).toBe(2);
  });

  it('holds an early event until the gap before it fills', () => {
    const s = new EventSequencer(4);
    expect(s.receive(ev(6))).toEqual([]);
    expect(s.waiting).toBe(true);
    expect(seqs(s.receive(ev(5)))).toEqual([5, 6]);
    expect(s.waiting).toBe(false);
  });

  it('drops duplicates, before and after they were applied', () => {
    const s = new EventSequencer();
    s.receive(ev(2));
    expect(s.receive(ev(2))).toEqual([]);
    expect(seqs(s.receive(ev(1)))).toEqual([1, 2]);
    expect(s.receive(ev(1))).toEqual([]);
    expect(s.receive(ev(2))).toEqual([]);
  });

  it('skips seqs the viewer may not see once their range is published', () => {
    const s = new EventSequencer(10);
    expect(s.receive(ev(13))).toEqual([]);
    expect(seqs(s.complete(11, 14))).toEqual([13]);
    expect(s.lastSeq).toBe(14);
  });

  it('does not skip past a range that is not yet complete', () => {
    const s = new EventSequencer(10);
    s.complete(13, 14);
    expect(s.lastSeq).toBe(10);
    expect(seqs(s.receive(ev(11)))).toEqual([11]);
    expect(s.lastSeq).toBe(11);
    s.complete(12, 12);
    expect(s.lastSeq).toBe(14);
  });

  it('merges a resume page with live events received meanwhile, without doubling', () => {
    const s = new EventSequencer(100);
    s.receive(ev(104)); // live, arrived before the replay
    const applied = s.page([ev(101), ev(102), ev(104)], 104);
    expect(seqs(applied)).toEqual([101, 102, 104]);
    expect(s.lastSeq).toBe(104);
  });
});
