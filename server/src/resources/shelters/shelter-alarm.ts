import type { ShelterAlarmLevel } from '@sanfang/shared';

/**
 * Alarm level for a headcount: full at or above capacity, near-full at or above the configured
 * share (integer arithmetic, so 90% of 100 is exactly 90, not 89.999…).
 */
export function shelterAlarmLevel(
  occupancy: number,
  capacity: number,
  nearFullPercent: number,
): ShelterAlarmLevel {
  if (capacity <= 0) return occupancy > 0 ? 'full' : 'none';
  if (occupancy >= capacity) return 'full';
  if (occupancy * 100 >= capacity * nearFullPercent) return 'near_full';
  return 'none';
}

/** Night (夜间) is 20:00–08:00 Asia/Shanghai; a headcount without a period is for now. */
export function periodAt(now: Date): 'day' | 'night' {
  const hour = (now.getUTCHours() + 8) % 24;
  return hour >= 20 || hour < 8 ? 'night' : 'day';
}
