import { dispatch } from '../../../test/consoleFactories';
import { calloutsToAlert } from './calloutAlerts';

const before = Date.parse('2025-06-11T07:09:00Z');
const after = Date.parse('2025-06-11T07:11:00Z'); // the factory's ack deadline is 07:10

describe('which call-outs sound and are announced', () => {
  it('alerts a call-out going overdue or up an escalation step, once', () => {
    const d = dispatch();
    // Already overdue at sign-in: on the board, not alarmed.
    expect(calloutsToAlert(null, [d], after).overdue).toEqual([]);
    // Reaching the console after sign-in, already overdue: alarmed.
    expect(calloutsToAlert(new Map(), [d], after).overdue.map((x) => x.id)).toEqual(['d1']);

    const start = calloutsToAlert(null, [d], before);
    const late = calloutsToAlert(start.marks, [d], after);
    expect(late.overdue.map((x) => x.id)).toEqual(['d1']);
    expect(calloutsToAlert(late.marks, [d], after + 1000).overdue).toEqual([]);

    const up = dispatch({ ackEscalationStep: 1, status: 'escalated' });
    const stepped = calloutsToAlert(late.marks, [up], after + 2000);
    expect(stepped.escalated.map((x) => x.id)).toEqual(['d1']);
    expect(stepped.overdue).toEqual([]);

    // Overdue and escalated in the same tick: both said.
    const both = calloutsToAlert(start.marks, [up], after);
    expect([both.overdue.length, both.escalated.length]).toEqual([1, 1]);
  });
});
