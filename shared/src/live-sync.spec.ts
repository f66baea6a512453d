import type { EventEnvelope, EventsPage } from './events';
import { LiveSync } from './live-sync';

const ev = (seq: number): EventEnvelope => ({
  seq,
  type: 'notice.posted',
  occurredAt: '2026-06-11T06:05:00.000Z',
  payload: { id: String(seq), text: 't', level: 'info', author: 'duty' },
});

function harness(log: EventEnvelope[], lastSeq?: number) {
  const applied: number[] = [];
  const fetches: number[] = [];
  const sync = new LiveSync({
    lastSeq,
    gapWaitMs: 10,
    apply: (es) => applied.push(...es.map((e) => e.seq)),
    fetchPage: (after): Promise<EventsPage> => {
      fetches.push(after);
      const events = log.filter((e) => e.seq > after).slice(0, 2);
      const head = log.length ? log[log.length - 1]!.seq : 0;
      return Promise.resolve({
        events,
        lastSeq: events.length === 2 ? events[1]!.seq : head,
      });
    },
  });
  return { sync, applied, fetches };
}

/** Fires the gap timer on fake time, then lets the page fetches (promise chains) settle. */
async function flush(ms = 30): Promise<void> {
  await jest.advanceTimersByTimeAsync(ms);
  for (let i = 0; i < 50; i++) await Promise.resolve();
}

describe(LiveSync.name, () => {
  // Fake time: the gap wait is a timer, and a loaded CI machine must not decide the outcome.
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('starts from the server head when it has no resume point', () => {
    const { sync, applied } = harness([]);
    sync.onEvent(ev(3)); // before resumed: ignored, the replay covers it
    sync.onResumed({ lastSeq: 5 });
    sync.onEvent(ev(6));
    expect(applied).toEqual([6]);
    expect(sync.lastSeq).toBe(6);
  });

  it('fills a gap from the log when a publish was lost', async () => {
    const log = [1, 2, 3, 4, 5].map(ev);
    const { sync, applied, fetches } = harness(log, 1);
    sync.onEvent(ev(5)); // 2..4 were lost
    expect(applied).toEqual([]);
    await flush();
    expect(applied).toEqual([2, 3, 4, 5]);
    expect(fetches[0]).toBe(1);
  });

  it('catches up when the head beacon is ahead and nothing else arrives', async () => {
    const log = [1, 2, 3].map(ev);
    const { sync, applied } = harness(log, 0);
    sync.onHead({ seq: 3 });
    await flush();
    expect(applied).toEqual([1, 2, 3]);
    expect(sync.lastSeq).toBe(3);
  });

  it('holds a range marker that arrives before its replay has delivered the event', () => {
    const { sync, applied } = harness([], 0);
    // Connected and joined, but the replay of seq 1 has not arrived yet.
    sync.onAccounted({ ranges: [[1, 1]] });
    expect(sync.lastSeq).toBe(0);
    sync.onEvent(ev(1)); // the replay
    sync.onResumed({ lastSeq: 1 });
    expect(applied).toEqual([1]);
    sync.onDisconnect();
    sync.onAccounted({ ranges: [[2, 2]] });
    expect(sync.lastSeq).toBe(1);
    sync.onResumed({ lastSeq: 2 });
    expect(sync.lastSeq).toBe(2);
  });

  it('does not read the log when live delivery keeps up', async () => {
    const { sync, fetches } = harness([], 0);
    sync.onResumed({ lastSeq: 0 });
    sync.onEvent(ev(1));
    sync.onAccounted({ ranges: [[1, 1]] });
    sync.onHead({ seq: 1 });
    await flush();
    expect(fetches).toEqual([]);
  });
});
