import type { EventEnvelope, ResponseEventPayload } from '@sanfang/shared';
import { event } from '../../../test/consoleFactories';
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

/** A fake live connection: the test pushes event batches to whoever listens. */
function socket() {
  const listeners = new Set<(events: EventEnvelope[]) => void>();
  return {
    onEvents: (l: (events: EventEnvelope[]) => void) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    push: (...events: EventEnvelope[]) => listeners.forEach((l) => l(events)),
    listening: () => listeners.size,
  };
}

/** Lets the settled reads' callbacks run (no timers: the reads here are settled by hand). */
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

const flush = async () => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

const started = (responseId: string, at = '2025-06-11T07:00:00Z') =>
  event(
    'response.started',
    {
      responseId,
      hazard: 'flood',
      level: 'IV',
      previousLevel: null,
      subdistrictCodes: [],
      reason: '暴雨黄色预警',
      preemptive: false,
      warningId: null,
    } satisfies ResponseEventPayload,
    at,
  );
const ended = (responseId: string) =>
  event('response.ended', {
    responseId,
    hazard: 'flood',
    level: 'IV',
    previousLevel: null,
    subdistrictCodes: [],
    reason: '解除',
    preemptive: false,
    warningId: null,
  } satisfies ResponseEventPayload);

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
    const live = socket();
    store.start(live.onEvents);
    live.push(started('r1'));
    expect(store.getSnapshot()).toMatchObject({ status: 'loading', state: emptyResponses });

    snapshot.resolve(emptyResponses);
    await flush();
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
    const live = socket();
    store.start(live.onEvents);
    live.push(started('r1'));
    await flush();
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
    const live = socket();
    store.start(live.onEvents);
    await flush();
    live.push(started('r1'));
    live.push(started('r1'));
    expect(reads).toHaveLength(2);
    reads[1]!.resolve('second');
    await flush();
    reads[0]!.resolve('first');
    await flush();
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
    const live = socket();
    store.start(live.onEvents);
    await flush();
    live.push(started('r1'));
    live.push(event('resources.imported', {} as never));
    expect(store.getSnapshot().status).toBe('loading');
    await flush();
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
    const live = socket();
    const stop = store.start(live.onEvents);
    stop();
    expect(live.listening()).toBe(0);
    expect(signal?.aborted).toBe(true);
    snapshot.resolve(emptyResponses);
    await flush();
    expect(store.getSnapshot().status).toBe('loading');
  });
});
