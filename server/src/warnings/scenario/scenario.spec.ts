import { loadScenario, shiftTimes } from './scenario';
import { parseCap } from '../cap/cap-parse';

describe('shiftTimes', () => {
  it('moves date-times and identifier timestamps together, keeping references valid', () => {
    const s = loadScenario('rainstorm-chain');
    const hour = 3600_000;
    const a = parseCap(shiftTimes(s.steps[0]!.xml, 24 * hour));
    const u = parseCap(shiftTimes(s.steps[1]!.xml, 24 * hour));
    expect(a.sent.toISOString()).toBe('2025-06-12T06:05:00.000Z');
    expect(a.identifier).toBe('44030041600000_20250612140500');
    expect(u.references).toEqual([{ sender: a.sender, identifier: a.identifier, sent: a.sent }]);
  });
  it('every scenario fixture that expects acceptance parses as valid CAP', () => {
    for (const name of [
      'rainstorm-chain',
      'typhoon-three-days',
      'thunderstorm-gale-expiry',
      'drill-and-error',
    ]) {
      for (const step of loadScenario(name).steps) expect(() => parseCap(step.xml)).not.toThrow();
    }
  });
});
