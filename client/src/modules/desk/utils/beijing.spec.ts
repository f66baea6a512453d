import { beijingInstant, beijingToday, dutyDayOf, nextDay } from './beijing';

describe('Beijing duty days', () => {
  it('counts the day in Beijing, whatever the PC zone', () => {
    expect(beijingToday(new Date('2026-12-06T16:30:00Z'))).toBe('2026-12-07');
    expect(beijingInstant('2026-12-07', '08:00')).toBe('2026-12-07T08:00:00+08:00');
    expect(nextDay('2026-12-31')).toBe('2027-01-01');
  });

  it('before the cutoff, the duty day is still yesterday', () => {
    expect(dutyDayOf(new Date('2026-12-06T23:59:00Z'), '08:00')).toBe('2026-12-06');
    expect(dutyDayOf(new Date('2026-12-07T00:00:00Z'), '08:00')).toBe('2026-12-07');
    expect(dutyDayOf(new Date('2027-01-01T00:30:00Z'), '09:00')).toBe('2026-12-31');
  });
});
