import type { DispatchEventPayload } from '@sanfang/shared';
import { dispatch, event } from '../../../test/consoleFactories';
import { applyDispatchEvent, applyDispatchEvents, dispatchMissing } from './applyDispatchEvents';

const p = (over: Partial<DispatchEventPayload>): DispatchEventPayload => ({
  dispatchId: 'd1',
  responseId: 'r1',
  pointId: 'p1',
  contactId: 'c1',
  role: 'onsite_lead',
  status: 'notified',
  ...over,
});
const loaded = new Map([['d1', dispatch()]]);

describe('applying dispatch events', () => {
  it('acknowledges, then arrives, with lateness recorded', () => {
    const { dispatches } = applyDispatchEvents(loaded, [
      event(
        'dispatch.acknowledged',
        p({ status: 'acknowledged', late: true }),
        '2025-06-11T07:12:00Z',
      ),
      event(
        'dispatch.arrived',
        p({ status: 'on_site', late: false, far: true }),
        '2025-06-11T07:25:00Z',
      ),
    ]);
    expect(dispatches.get('d1')).toMatchObject({
      status: 'on_site',
      acknowledgedAt: '2025-06-11T07:12:00Z',
      ackLate: true,
      arrivedAt: '2025-06-11T07:25:00Z',
      arriveLate: false,
      arrivalFar: true,
    });
  });

  it('records the escalation step on its ladder', () => {
    const { dispatches } = applyDispatchEvents(loaded, [
      event('dispatch.escalated', p({ status: 'escalated', ladder: 'ack', step: 2 })),
    ]);
    expect(dispatches.get('d1')).toMatchObject({ ackEscalationStep: 2, arriveEscalationStep: 0 });
  });

  it('asks to refetch a response whose dispatch it has not loaded', () => {
    const out = applyDispatchEvents(loaded, [
      event('dispatch.created', p({ dispatchId: 'd9', responseId: 'r2' })),
    ]);
    expect(out.refetch).toEqual(['r2']);
    expect(out.dispatches).toBe(loaded);
  });

  it('stands a dispatch down and keeps the first close time', () => {
    const { dispatches } = applyDispatchEvents(loaded, [
      event('dispatch.stood_down', p({ status: 'stood_down' }), '2025-06-11T09:00:00Z'),
    ]);
    expect(dispatches.get('d1')).toMatchObject({
      status: 'stood_down',
      closedAt: '2025-06-11T09:00:00Z',
    });
  });

  it('per response: applies only its own events, and says when one names a call-out not loaded', () => {
    const ack = event('dispatch.acknowledged', p({ status: 'acknowledged' }));
    expect(applyDispatchEvent(loaded, ack, 'r1').get('d1')?.status).toBe('acknowledged');
    // The same event seen by another response's state changes nothing there.
    expect(applyDispatchEvent(loaded, ack, 'r2')).toBe(loaded);
    const created = event('dispatch.created', p({ dispatchId: 'd9' }));
    expect(dispatchMissing(loaded, created, 'r1')).toBe(true);
    expect(dispatchMissing(loaded, created, 'r2')).toBe(false);
    expect(dispatchMissing(loaded, ack, 'r1')).toBe(false);
  });
});
