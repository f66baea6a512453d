import type { EventEnvelope } from '../events';
import {
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
