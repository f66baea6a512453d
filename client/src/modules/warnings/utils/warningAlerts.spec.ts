import type { WarningDto } from '@sanfang/shared';
import { warning } from '../../../test/consoleFactories';
import { bannerOrder, secondsLeft, warningsToAlert } from './warningAlerts';

const byId = (...ws: WarningDto[]) => new Map(ws.map((w) => [w.id, w]));

describe('which warnings flash and chime', () => {
  it('alerts on a new orange or red warning, not on a new yellow one', () => {
    const next = byId(
      warning({ id: 'o', colour: 'orange' }),
      warning({ id: 'y', colour: 'yellow' }),
    );
    expect(warningsToAlert(new Map(), next)).toEqual({ flash: ['o'], chime: true });
  });

  it('alerts when a warning is upgraded to orange or red, not when it stays or drops', () => {
    const before = byId(
      warning({ id: 'a', colour: 'yellow' }),
      warning({ id: 'b', colour: 'red' }),
    );
    const after = byId(
      warning({ id: 'a', colour: 'orange' }),
      warning({ id: 'b', colour: 'orange' }),
    );
    expect(warningsToAlert(before, after).flash).toEqual(['a']);
    expect(warningsToAlert(after, after).flash).toEqual([]);
  });

  it('flashes a drill but does not chime for it', () => {
    const next = byId(warning({ id: 'd', colour: 'red', drill: true }));
    expect(warningsToAlert(new Map(), next)).toEqual({ flash: ['d'], chime: false });
  });
});

describe('banner', () => {
  it('orders most severe first, then newest', () => {
    const list = bannerOrder([
      warning({ id: 'y', colour: 'yellow' }),
      warning({ id: 'r-old', colour: 'red', updatedAt: '2025-06-11T06:00:00Z' }),
      warning({ id: 'r-new', colour: 'red', updatedAt: '2025-06-11T07:00:00Z' }),
    ]);
    expect(list.map((w) => w.id)).toEqual(['r-new', 'r-old', 'y']);
  });

  it('counts down to the expiry, and has none without one', () => {
    const now = Date.parse('2025-06-11T12:00:00Z');
    expect(secondsLeft('2025-06-11T12:05:00Z', now)).toBe(300);
    expect(secondsLeft('2025-06-11T11:59:00Z', now)).toBe(-60);
    expect(secondsLeft(null, now)).toBeNull();
  });
});
