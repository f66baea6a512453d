import { periodAt, shelterAlarmLevel } from './shelter-alarm';

describe('shelterAlarmLevel', () => {
  it('raises near-full exactly at the configured share and not one person below', () => {
    expect(shelterAlarmLevel(89, 100, 90)).toBe('none');
    expect(shelterAlarmLevel(90, 100, 90)).toBe('near_full');
    expect(shelterAlarmLevel(99, 100, 90)).toBe('near_full');
  });

  it('is full at capacity and above (an override)', () => {
    expect(shelterAlarmLevel(100, 100, 90)).toBe('full');
    expect(shelterAlarmLevel(130, 100, 90)).toBe('full');
  });

  it('rounds nothing: 90% of 7 places needs 7 people (6.3 → 7)', () => {
    expect(shelterAlarmLevel(6, 7, 90)).toBe('none');
    expect(shelterAlarmLevel(7, 7, 90)).toBe('full');
    expect(shelterAlarmLevel(6, 7, 85)).toBe('near_full');
  });
});

describe('periodAt', () => {
  it('is night from 20:00 to 08:00 Beijing time', () => {
    expect(periodAt(new Date('2025-06-11T19:59:00+08:00'))).toBe('day');
    expect(periodAt(new Date('2025-06-11T20:00:00+08:00'))).toBe('night');
    expect(periodAt(new Date('2025-06-12T07:59:00+08:00'))).toBe('night');
    expect(periodAt(new Date('2025-06-12T08:00:00+08:00'))).toBe('day');
  });
});
