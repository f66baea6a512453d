import type { EventEnvelope } from '../events';
import {
  applyConsoleEvent,
  applyConsoleEvents,
  consoleStateFromDto,
  consoleStateToDto,
  emptyConsoleState,
} from './console';

const at = (m: number) => new Date(Date.UTC(2026, 5, 9, 7, m)).toISOString();
const base = {
  dispatchId: 'd1',
  responseId: 'r1',
  pointId: 'p1',
  contactId: 'c1',
  role: 'onsite_lead' as const,
};
const response = {
  responseId: 'r1',
  hazard: 'flood' as const,
  level: 'IV' as const,
  previousLevel: null,
  subdistrictCodes: [],
  reason: 'x',
  preemptive: false,
  warningId: null,
};
const events = [
  { seq: 1, type: 'response.started', occurredAt: at(0), payload: response },
  {
    seq: 2,
    type: 'dispatch.created',
    occurredAt: at(0),
    payload: {
      ...base,
      status: 'notified',
      detail: {
        pointCode: 'WLP-1',
        pointName: '公园路',
        subdistrictCode: '440306001',
        contactName: '张三',
        phone: '13800000000',
        code: '1234',
        notifiedAt: at(0),
        ackDeadline: at(5),
        arriveDeadline: at(15),
      },
    },
  },
  {
    seq: 3,
    type: 'dispatch.acknowledged',
    occurredAt: at(3),
    payload: { ...base, status: 'acknowledged', late: false, at: at(2) },
  },
] as EventEnvelope[];

describe('the console fold', () => {
  it('draws a call-out from its event and counts the board to the moment asked', () => {
    const s = applyConsoleEvents(emptyConsoleState(), events.slice(0, 2));
    const d = consoleStateToDto(s, at(1)).dispatches[0]!;
    expect(d).toMatchObject({ contactName: '张三', ackRemainingS: 240, arriveRemainingS: 840 });
    const later = consoleStateToDto(applyConsoleEvents(s, events.slice(2)), at(4));
    // Acknowledged at the server's time (the payload's), not the event's commit.
    expect(later.dispatches[0]).toMatchObject({
      acknowledgedAt: at(2),
      ackRemainingS: null,
      arriveRemainingS: 660,
    });
  });

  it('round-trips through its JSON form (checkpoints) without changing a field', () => {
    const s = applyConsoleEvents(emptyConsoleState(), events);
    const dto = consoleStateToDto(s);
    const back = consoleStateToDto(consoleStateFromDto(JSON.parse(JSON.stringify(dto))));
    expect(back).toEqual(dto);
  });

  it("takes an ended response's call-outs off the board", () => {
    const ended = {
      seq: 4,
      type: 'response.ended',
      occurredAt: at(30),
      payload: response,
    } as EventEnvelope;
    const s = applyConsoleEvents(emptyConsoleState(), [...events, ended]);
    expect(s.dispatches.size).toBe(0);
    expect(consoleStateToDto(s, at(30)).responses).toEqual([]);
  });
});

describe('folding a run of incident events at once', () => {
  const none = { deaths: 0, seriousInjuries: 0, missing: 0, trapped: 0 };
  let seq = 100;
  const incident = (
    id: string,
    type: 'incident.reported' | 'incident.regraded' | 'incident.status_changed',
    status: 'reported' | 'handling' | 'resolved',
    grade: 'general' | 'larger' | 'major' = 'general',
  ) =>
    ({
      seq: ++seq,
      type,
      occurredAt: at(seq % 60),
      payload: {
        incidentId: id,
        type: 'waterlogging',
        grade,
        previousGrade: null,
        status,
        title: `积水 ${id}`,
        subdistrictCode: '440306001',
        casualties: none,
        directLossCny: 0,
        version: seq,
        source: 'bench',
        detail: {
          description: '',
          occurredAt: at(0),
          lon: 113.88,
          lat: 22.55,
          address: null,
          reportCount: 1,
          pointId: null,
          sensorAlarm: false,
          createdAt: at(0),
        },
      },
    }) as EventEnvelope;
  const alarm = (pointId: string, state: 'raised' | 'cleared') =>
    ({
      seq: ++seq,
      type: 'incident.sensor_alarm',
      occurredAt: at(seq % 60),
      payload: {
        pointId,
        pointCode: pointId,
        state,
        depthM: 0.4,
        alarmDepthM: 0.3,
        incidentId: null,
      },
    }) as EventEnvelope;
  const run = [
    incident('a', 'incident.reported', 'reported'),
    incident('b', 'incident.reported', 'reported'),
    alarm('p1', 'raised'),
    incident('b', 'incident.regraded', 'handling', 'major'),
    incident('a', 'incident.status_changed', 'resolved'),
    incident('c', 'incident.reported', 'reported'),
    alarm('p2', 'raised'),
    alarm('p1', 'cleared'),
    ...events,
  ];

  it('ends where folding them one by one ends, and leaves the state it was given as it was', () => {
    const oneByOne = run.reduce(applyConsoleEvent, emptyConsoleState());
    const atOnce = applyConsoleEvents(emptyConsoleState(), run);
    expect(consoleStateToDto(atOnce)).toEqual(consoleStateToDto(oneByOne));
    expect([...atOnce.incidents.incidents.keys()].sort()).toEqual(['b', 'c']);
    expect(atOnce.incidents.incidents.get('b')).toMatchObject({
      grade: 'major',
      status: 'handling',
    });
    expect([...atOnce.incidents.ponding]).toEqual(['p2']);

    // From a state holding incidents: the given state's collections are not changed.
    const half = applyConsoleEvents(emptyConsoleState(), run.slice(0, 4));
    const before = consoleStateToDto(half);
    const on = applyConsoleEvents(half, run.slice(4));
    expect(consoleStateToDto(on)).toEqual(consoleStateToDto(oneByOne));
    expect(consoleStateToDto(half)).toEqual(before);
  });

  it('returns the very state it was given when no event changes it', () => {
    const s = applyConsoleEvents(emptyConsoleState(), run);
    const unrelated = { seq: ++seq, type: 'cap.received', occurredAt: at(1), payload: {} };
    expect(applyConsoleEvents(s, [unrelated as unknown as EventEnvelope])).toBe(s);
  });
});
