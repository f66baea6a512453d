import { formatTime } from './formatTime';

describe(formatTime.name, () => {
  it('shows a UTC instant in Beijing time (UTC+8)', () => {
    expect(formatTime('2025-06-11T06:05:00Z')).toBe('2025-06-11 14:05');
  });

  it('rolls over to the next Beijing day', () => {
    expect(formatTime(new Date(Date.UTC(2025, 5, 11, 16, 30)))).toBe('2025-06-12 00:30');
  });

  it('agrees with a CAP-style +08:00 timestamp for the same instant', () => {
    expect(formatTime('2025-06-11T14:05:00+08:00')).toBe(formatTime('2025-06-11T06:05:00Z'));
  });

  it('can show seconds and omit the date', () => {
    expect(formatTime(Date.UTC(2025, 0, 1, 23, 59, 7), { seconds: true, date: false })).toBe(
      '07:59:07',
    );
  });

  it('uses 00, not 24, for midnight', () => {
    expect(formatTime('2025-06-10T16:00:00Z', { date: false })).toBe('00:00');
  });
});
