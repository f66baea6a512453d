import {
  applyConsoleEvent,
  consoleStateToDto,
  emptyConsoleState,
  type EventEnvelope,
  type EventMap,
  type EventType,
  type ReplayEventsPage,
  type ReplayStateDto,
} from '@sanfang/shared';
import { responsePayload } from '../../../test/consoleFactories';
import { FAR_MS, PAGE_EVENTS, ReplayTimeline, type ReplaySource } from './replayTimeline';

const T0 = Date.parse('2026-07-14T06:00:00Z');
const at = (s: number) => new Date(T0 + s * 1000).toISOString();

/** A storm's log: a response, call-outs with their detail, acks, escalations, and noise. */
function stormLog(callouts: number): EventEnvelope[] {
  const log: EventEnvelope[] = [];
  const add = <K extends EventType>(type: K, payload: EventMap[K], second: number) =>
    log.push({ seq: log.length + 1, type, occurredAt: at(second), payload } as EventEnvelope);
  add('response.started', responsePayload(), 10);
  for (let i = 0; i < callouts; i++) {
    const base = {
      dispatchId: `d${i}`,
      responseId: 'r1',
      pointId: `p${i}`,
      contactId: `c${i}`,
      role: 'onsite_lead' as const,
    };
    add(
      'dispatch.created',
      {
        ...base,
        status: 'notified',
        detail: {
          pointCode: `BA-${i}`,
          pointName: `点${i}`,
          subdistrictCode: '440306001',
          contactName: `联系人${i}`,
          phone: '13800000000',
          code: '1234',
          notifiedAt: at(20),
          ackDeadline: at(20 + 600),
          arriveDeadline: at(20 + 1800),
        },
      },
      20,
    );
  }
  for (let i = 0; i < callouts; i += 2) {
    add(
      'dispatch.acknowledged',
      {
        dispatchId: `d${i}`,
        responseId: 'r1',
        pointId: `p${i}`,
        contactId: `c${i}`,
        role: 'onsite_lead',
        status: 'acknowledged',
      },
      30 + i,
    );
  }
  for (let i = 1; i < callouts; i += 2) {
    add(
      'dispatch.escalated',
      {
        dispatchId: `d${i}`,
        responseId: 'r1',
        pointId: `p${i}`,
        contactId: `c${i}`,
        role: 'onsite_lead',
        status: 'notified',
        ladder: 'ack',
        step: 1,
      },
      700 + i,
    );
  }
  add('response.level_changed', responsePayload({ level: 'III', previousLevel: 'IV' }), 5_000);
  add('response.ended', responsePayload({ level: 'III' }), 9_000);
  return log;
}

/** The server's replay as a fold of the log from nothing (what `/api/replay/*` answer). */
function fakeSource(log: EventEnvelope[]) {
  const calls = { state: 0, events: 0 };
  const source: ReplaySource = {
    stateAt: (ms) => {
      calls.state += 1;
      const upTo = log.filter((e) => Date.parse(e.occurredAt) <= ms);
      const dto: ReplayStateDto = {
        at: new Date(ms).toISOString(),
        seq: upTo.at(-1)?.seq ?? 0,
        checkpointSeq: 0,
        folded: upTo.length,
        log: null,
        state: consoleStateToDto(upTo.reduce(applyConsoleEvent, emptyConsoleState())),
      };
      return Promise.resolve(dto);
    },
    events: ({ fromSeq, toSeq, to, limit }) => {
      calls.events += 1;
      const rest = log.filter(
        (e) =>
          e.seq > fromSeq &&
          (toSeq === undefined || e.seq <= toSeq) &&
          (to === undefined || Date.parse(e.occurredAt) <= to),
      );
      const events = rest.slice(0, limit);
      const page: ReplayEventsPage = {
        events,
        lastSeq: events.at(-1)?.seq ?? fromSeq,
        more: rest.length > limit,
      };
      return Promise.resolve(page);
    },
  };
  return { source, calls };
}

/** The console as the live reducers leave it after every event up to `ms`. */
const expected = (log: EventEnvelope[], ms: number) =>
  consoleStateToDto(
    log
      .filter((e) => Date.parse(e.occurredAt) <= ms)
      .reduce(applyConsoleEvent, emptyConsoleState()),
  );

/** Lets the fake source's promises and the loads they start settle. */
const settle = async (timeline: ReplayTimeline, ms: number, ahead = 0) => {
  for (let i = 0; i < 50; i++) {
    timeline.want(ms, ahead);
    await new Promise((r) => setImmediate(r));
  }
};

describe(ReplayTimeline.name, () => {
  const range = { from: T0, to: T0 + 10_000_000 };

  it('shows at each moment what the live reducers fold from the log up to it, forward and back', async () => {
    const log = stormLog(12);
    const { source } = fakeSource(log);
    const timeline = new ReplayTimeline(source, range, T0);
    timeline.start();
    await settle(timeline, T0, 10_000_000);
    for (const s of [0, 10, 20, 35, 40, 701, 4_999, 5_000, 8_000, 9_000, 9_999, 45, 15, 0]) {
      const view = timeline.viewAt(T0 + s * 1000);
      expect(view?.at).toBe(T0 + s * 1000);
      expect(consoleStateToDto(view!.state)).toEqual(expected(log, T0 + s * 1000));
    }
    timeline.stop();
  });

  it('draws the board as it was: call-outs acknowledged, escalated, gone after the stand-down', async () => {
    const { source } = fakeSource(stormLog(4));
    const timeline = new ReplayTimeline(source, range, T0);
    timeline.start();
    await settle(timeline, T0, 10_000_000);
    const board = (s: number) => timeline.viewAt(T0 + s * 1000)!.state.dispatches;
    expect(board(15).size).toBe(0);
    expect([...board(25).values()].map((d) => d.status)).toEqual(Array(4).fill('notified'));
    expect(board(40).get('d0')?.acknowledgedAt).toBe(at(30));
    expect(board(800).get('d1')?.ackEscalationStep).toBe(1);
    expect(timeline.viewAt(T0 + 9_000_000)!.state.responses.responses.size).toBe(0);
    timeline.stop();
  });

  it('pages the events in ahead of the clock and folds across pages', async () => {
    const log = stormLog(PAGE_EVENTS + 500);
    const { source, calls } = fakeSource(log);
    const timeline = new ReplayTimeline(source, range, T0);
    timeline.start();
    await settle(timeline, T0);
    // Nothing asked ahead yet: only the state and its feed were read.
    expect(calls.events).toBe(0);
    expect(timeline.covers(T0 + 25_000)).toBe(false);
    await settle(timeline, T0, 25_000);
    expect(calls.events).toBeGreaterThanOrEqual(2);
    const view = timeline.viewAt(T0 + 25_000);
    expect(view!.state.dispatches.size).toBe(PAGE_EVENTS + 500);
    expect(consoleStateToDto(view!.state)).toEqual(expected(log, T0 + 25_000));
    timeline.stop();
  });

  it('reads the state again for a moment before what it holds or far past it', async () => {
    const log = stormLog(10);
    const { source, calls } = fakeSource(log);
    const timeline = new ReplayTimeline(source, range, T0 + 3_000_000);
    timeline.start();
    await settle(timeline, T0 + 3_000_000);
    expect(calls.state).toBe(1);
    const before = T0 + 25_000;
    expect(timeline.covers(before)).toBe(false);
    await settle(timeline, before);
    expect(calls.state).toBe(2);
    expect(consoleStateToDto(timeline.viewAt(before)!.state)).toEqual(expected(log, before));
    const far = before + FAR_MS + 60_000;
    await settle(timeline, far);
    expect(calls.state).toBe(3);
    expect(consoleStateToDto(timeline.viewAt(far)!.state)).toEqual(expected(log, far));
    timeline.stop();
  });

  it('steps to the next event, loaded or not', async () => {
    const { source } = fakeSource(stormLog(2));
    const timeline = new ReplayTimeline(source, range, T0);
    timeline.start();
    await settle(timeline, T0);
    // Not loaded yet: asked of the server.
    expect(await timeline.nextEventAfter(T0)).toBe(T0 + 10_000);
    await settle(timeline, T0, 10_000_000);
    expect(await timeline.nextEventAfter(T0 + 10_000)).toBe(T0 + 20_000);
    expect(await timeline.nextEventAfter(T0 + 9_000_000)).toBeNull();
    timeline.stop();
  });

  it('feeds the event timeline with the events up to the moment, newest first', async () => {
    const log = stormLog(3);
    const { source } = fakeSource(log);
    // Opened mid-storm: the feed starts with the events before the state read.
    const timeline = new ReplayTimeline(source, range, T0 + 25_000);
    timeline.start();
    await settle(timeline, T0 + 25_000, 10_000_000);
    const view = timeline.viewAt(T0 + 31_000)!;
    expect(view.recent.map((e) => e.seq)).toEqual(
      log
        .filter((e) => Date.parse(e.occurredAt) <= T0 + 31_000)
        .map((e) => e.seq)
        .reverse(),
    );
    expect(view.seq).toBe(view.recent[0]!.seq);
    timeline.stop();
  });
});
