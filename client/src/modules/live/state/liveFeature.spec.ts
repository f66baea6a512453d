import type { EventEnvelope } from '@sanfang/shared';
import { liveSocket, settle } from '../../../test/liveSocket';
import { event, responsePayload } from '../../../test/consoleFactories';
import { LiveFeatureStore, replay } from './liveFeature';

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

/** A toy feature's state: the ids of the running responses, in order. */
type Running = { responses: ReadonlyMap<string, true> };
const emptyResponses: Running = { responses: new Map() };
const applyResponseEvent = (s: Running, e: EventEnvelope): Running => {
  if (e.type === 'response.started')
    return { responses: new Map(s.responses).set(e.payload.responseId, true) };
  if (e.type !== 'response.ended') return s;
  const responses = new Map(s.responses);
  responses.delete(e.payload.responseId);
  return { responses };
};

const started = (responseId: string) => event('response.started', responsePayload({ responseId }));
const ended = (responseId: string) =>
  event('response.ended', responsePayload({ responseId, reason: '解除' }));

describe('a live feature (snapshot, buffered events, then live)', () => {
  it('replays a list of events as their fold onto the snapshot', () => {
    const events = [started('r1'), started('r2'), ended('r1')];
    const reducer = { apply: applyResponseEvent };
    expect(replay(reducer, emptyResponses, events)).toEqual(
      events.reduce(applyResponseEvent, emptyResponses),
    );
    expect([...replay(reducer, emptyResponses, events).responses.keys()]).toEqual(['r2']);
  });

  it('buffers events until the snapshot lands, replays them onto it, then applies live ones', async () => {
    const snapshot = deferred<typeof emptyResponses>();
    const store = new LiveFeatureStore({
      empty: emptyResponses,
      apply: applyResponseEvent,
      load: () => snapshot.promise,
    });
    const live = liveSocket();
    store.start(live.onEvents);
    live.push(started('r1'));
    expect(store.getSnapshot()).toMatchObject({ status: 'loading', state: emptyResponses });

    snapshot.resolve(emptyResponses);
    await settle();
    expect(store.getSnapshot().status).toBe('ready');
    expect([...store.getSnapshot().state.responses.keys()]).toEqual(['r1']);

    live.push(started('r2'), ended('r1'));
    expect([...store.getSnapshot().state.responses.keys()]).toEqual(['r2']);
  });

  it('replays the buffered events onto the empty state when the snapshot fails', async () => {
    const store = new LiveFeatureStore({
      empty: emptyResponses,
      apply: applyResponseEvent,
      load: () => Promise.reject(new Error('503')),
    });
    const live = liveSocket();
    store.start(live.onEvents);
    live.push(started('r1'));
    await settle();
    expect(store.getSnapshot()).toMatchObject({ status: 'error', error: new Error('503') });
    expect([...store.getSnapshot().state.responses.keys()]).toEqual(['r1']);
  });

  it('lets only the latest follow-up read per key land', async () => {
    const reads: ReturnType<typeof deferred<string>>[] = [];
    const titles = new Map<string, string>();
    const store = new LiveFeatureStore<Running>({
      empty: emptyResponses,
      apply: applyResponseEvent,
      load: () => Promise.resolve(emptyResponses),
      followUp: (_state, e) =>
        e.type === 'response.started'
          ? {
              key: e.payload.responseId,
              run: () => {
                const read = deferred<string>();
                reads.push(read);
                return read.promise.then((title) => (s) => {
                  titles.set(e.payload.responseId, title);
                  return { responses: new Map(s.responses) };
                });
              },
            }
          : null,
    });
    const live = liveSocket();
    store.start(live.onEvents);
    await settle();
    live.push(started('r1'));
    live.push(started('r1'));
    expect(reads).toHaveLength(2);
    reads[1]!.resolve('second');
    await settle();
    reads[0]!.resolve('first');
    await settle();
    expect(titles.get('r1')).toBe('second');
  });

  it('reloads on the events that ask for it and drops what was buffered for the old load', async () => {
    let loads = 0;
    const store = new LiveFeatureStore({
      empty: emptyResponses,
      apply: applyResponseEvent,
      load: () => {
        loads += 1;
        return Promise.resolve(emptyResponses);
      },
      reloadOn: (e) => e.type === 'resources.imported',
    });
    const live = liveSocket();
    store.start(live.onEvents);
    await settle();
    live.push(started('r1'));
    live.push(event('resources.imported', {} as never));
    expect(store.getSnapshot().status).toBe('loading');
    await settle();
    expect(loads).toBe(2);
    expect(store.getSnapshot()).toMatchObject({ status: 'ready', state: emptyResponses });
  });

  it('stops: unsubscribes and ignores a snapshot that lands afterwards', async () => {
    const snapshot = deferred<typeof emptyResponses>();
    let signal: AbortSignal | undefined;
    const store = new LiveFeatureStore({
      empty: emptyResponses,
      apply: applyResponseEvent,
      load: (s) => {
        signal = s;
        return snapshot.promise;
      },
    });
    const live = liveSocket();
    const stop = store.start(live.onEvents);
    stop();
    expect(live.listening()).toBe(0);
    expect(signal?.aborted).toBe(true);
    snapshot.resolve(emptyResponses);
    await settle();
    expect(store.getSnapshot().status).toBe('loading');
  });
});
