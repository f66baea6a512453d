import type {
  EventEnvelope,
  IncidentDto,
  IncidentEventPayload,
  ResponseEventPayload,
} from '@sanfang/shared';
import { event, incident } from '../../../test/consoleFactories';
import {
  applyIncidentEvent,
  emptyIncidents,
  incidentsFromList,
} from '../../incidents/state/applyIncidentEvents';
import { applyResponseEvent, emptyResponses } from '../../responses/state/applyResponseEvents';
import { LiveFeatureStore, replay, type LiveFeature } from './liveFeature';

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

const incidentEvent = (over: Partial<IncidentEventPayload>) =>
  event('incident.updated', {
    incidentId: 'i1',
    type: 'waterlogging',
    grade: 'general',
    previousGrade: null,
    status: 'reported',
    title: '积水',
    subdistrictCode: null,
    casualties: { dead: 0, injured: 0, missing: 0 },
    directLossCny: 0,
    version: 2,
    source: 'console',
    ...over,
  } as IncidentEventPayload);

describe('a live feature (snapshot, buffered events, then live)', () => {
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

  it('is the fold of the events onto the snapshot, as an after-action replay computes it', async () => {
    const snapshot = incidentsFromList([incident({ id: 'i1', status: 'reported' })]);
    const events = [
      incidentEvent({ title: '积水加深', version: 2 }),
      event('incident.sensor_alarm', {
        pointId: 'p1',
        pointCode: 'WL-1',
        state: 'raised',
        depthM: 0.4,
        alarmDepthM: 0.3,
        incidentId: 'i1',
      }),
      incidentEvent({ title: '积水加深', status: 'responding', version: 3 }),
    ];
    const feature: LiveFeature<typeof snapshot> = {
      empty: emptyIncidents,
      apply: applyIncidentEvent,
      load: () => Promise.resolve(snapshot),
    };
    const store = new LiveFeatureStore(feature);
    const live = socket();
    store.start(live.onEvents);
    live.push(events[0]!);
    await flush();
    live.push(events[1]!, events[2]!);

    const folded = events.reduce(applyIncidentEvent, snapshot);
    expect(store.getSnapshot().state).toEqual(folded);
    expect(replay(feature, snapshot, events)).toEqual(folded);
    expect(folded.incidents.get('i1')).toMatchObject({ title: '积水加深', status: 'responding' });
    expect([...folded.ponding]).toEqual(['p1']);
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
    const reads: ReturnType<typeof deferred<IncidentDto>>[] = [];
    const store = new LiveFeatureStore<typeof emptyIncidents>({
      empty: emptyIncidents,
      apply: applyIncidentEvent,
      load: () => Promise.resolve(emptyIncidents),
      followUp: (state, e) =>
        e.type === 'incident.updated' && !state.incidents.has(e.payload.incidentId)
          ? {
              key: e.payload.incidentId,
              run: () => {
                const read = deferred<IncidentDto>();
                reads.push(read);
                return read.promise.then((i) => (s) => ({
                  ...s,
                  incidents: new Map(s.incidents).set(i.id, i),
                }));
              },
            }
          : null,
    });
    const live = socket();
    store.start(live.onEvents);
    await flush();
    live.push(incidentEvent({ title: 'first' }));
    live.push(incidentEvent({ title: 'second' }));
    expect(reads).toHaveLength(2);
    reads[1]!.resolve(incident({ id: 'i1', title: 'second' }));
    await flush();
    reads[0]!.resolve(incident({ id: 'i1', title: 'first' }));
    await flush();
    expect(store.getSnapshot().state.incidents.get('i1')?.title).toBe('second');
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
