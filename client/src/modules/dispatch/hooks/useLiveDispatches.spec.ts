import type { DispatchDto, DispatchEventPayload } from '@sanfang/shared';
import { dispatch, event } from '../../../test/consoleFactories';
import { liveSocket, settle } from '../../../test/liveSocket';
import { dispatchesFeature } from './useLiveDispatches';
import { KeyedLiveFeatureStore } from '../../live/state/keyedLiveFeature';

/** A hand-driven promise: the test decides when a read lands. */
function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const p = (over: Partial<DispatchEventPayload>): DispatchEventPayload => ({
  dispatchId: 'd1',
  responseId: 'r1',
  pointId: 'p1',
  contactId: 'c1',
  role: 'onsite_lead',
  status: 'notified',
  ...over,
});
const created = (dispatchId: string, responseId = 'r1') =>
  event('dispatch.created', p({ dispatchId, responseId }));
const acked = (dispatchId: string, responseId = 'r1') =>
  event('dispatch.acknowledged', p({ dispatchId, responseId, status: 'acknowledged' }));

/** The dispatches feature as the console runs it, with the API answered by hand per response. */
function harness() {
  const reads: { responseId: string; answer: ReturnType<typeof deferred<DispatchDto[]>> }[] = [];
  globalThis.fetch = jest.fn((url: string) => {
    const answer = deferred<DispatchDto[]>();
    reads.push({ responseId: new URL(url, 'http://x').searchParams.get('responseId')!, answer });
    return answer.promise.then((body) => ({
      ok: true,
      status: 200,
      headers: new Headers({ 'content-type': 'application/json' }),
      json: () => Promise.resolve(body),
      text: () => Promise.resolve(JSON.stringify(body)),
    }));
  }) as unknown as typeof fetch;
  const store = new KeyedLiveFeatureStore(dispatchesFeature('tok'));
  const live = liveSocket();
  return {
    store,
    live,
    reads,
    ids: (r: string) => [...(store.getSnapshot().states.get(r)?.keys() ?? [])],
  };
}

describe('a keyed live feature (the dispatches: one snapshot per active response)', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('reads each response as it starts, replays what arrived meanwhile, and drops ended ones', async () => {
    const { store, live, reads, ids } = harness();
    store.setKeys(['r1']);
    const stop = store.start(live.onEvents);
    expect(reads.map((r) => r.responseId)).toEqual(['r1']);
    expect(store.getSnapshot().loading).toEqual(new Set(['r1']));

    // Acknowledged while the snapshot is on its way: applied once it lands.
    live.push(acked('d1'));
    reads[0]!.answer.resolve([dispatch({ id: 'd1' })]);
    await settle();
    expect(store.getSnapshot().loading.size).toBe(0);
    expect(store.getSnapshot().states.get('r1')?.get('d1')?.status).toBe('acknowledged');

    // A second response starts: only it is read.
    store.setKeys(['r1', 'r2']);
    expect(reads.map((r) => r.responseId)).toEqual(['r1', 'r2']);
    reads[1]!.answer.resolve([dispatch({ id: 'd2', responseId: 'r2' })]);
    await settle();
    expect(ids('r2')).toEqual(['d2']);
    // An event of r2 leaves r1's state as it was (same object).
    const r1 = store.getSnapshot().states.get('r1');
    live.push(acked('d2', 'r2'));
    expect(store.getSnapshot().states.get('r1')).toBe(r1);

    store.setKeys(['r2']);
    expect([...store.getSnapshot().states.keys()]).toEqual(['r2']);
    stop();
  });

  it("reads a response once more after a whole-district activation's burst, not per event", async () => {
    const { store, live, reads, ids } = harness();
    store.setKeys(['r1']);
    const stop = store.start(live.onEvents);
    reads[0]!.answer.resolve([]);
    await settle();

    // 2,436 call-outs announced in batches; none is in the (empty) snapshot.
    for (let batch = 0; batch < 12; batch++) {
      live.push(...Array.from({ length: 203 }, (_, i) => created(`d${batch * 203 + i}`)));
      jest.advanceTimersByTime(100);
    }
    expect(reads).toHaveLength(1);
    jest.advanceTimersByTime(250);
    expect(reads).toHaveLength(2);

    // While it is read, the board keeps what it had and the replay lands the rest.
    live.push(acked('d5'));
    reads[1]!.answer.resolve(
      Array.from({ length: 2436 }, (_, i) => dispatch({ id: `d${i}`, pointCode: `P${i}` })),
    );
    await settle();
    expect(ids('r1')).toHaveLength(2436);
    expect(store.getSnapshot().states.get('r1')?.get('d5')?.status).toBe('acknowledged');
    jest.advanceTimersByTime(1_000);
    expect(reads).toHaveLength(2);
    stop();
  });

  it('stops: aborts the reads in flight and unsubscribes', () => {
    const { store, live, reads } = harness();
    store.setKeys(['r1', 'r2']);
    const stop = store.start(live.onEvents);
    expect(reads).toHaveLength(2);
    const signals = (globalThis.fetch as jest.Mock).mock.calls.map(
      ([, init]) => (init as RequestInit).signal as AbortSignal,
    );
    stop();
    expect(signals.every((s) => s.aborted)).toBe(true);
    expect(live.listening()).toBe(0);
  });
});
