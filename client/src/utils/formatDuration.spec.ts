import { formatDuration } from './formatDuration';

describe('formatDuration', () => {
  it('writes MM:SS under an hour and H:MM:SS above, keeping the sign', () => {
    expect(formatDuration(0)).toBe('00:00');
    expect(formatDuration(65)).toBe('01:05');
    expect(formatDuration(3 * 3600 + 7)).toBe('3:00:07');
    expect(formatDuration(-90)).toBe('-01:30');
  });
});
