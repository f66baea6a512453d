import { formatTime } from '../../../utils/formatTime';

/** Today's date in Beijing time, `YYYY-MM-DD` (the duty room's day, whatever the PC's zone). */
export const beijingToday = (now: Date = new Date()): string => formatTime(now).slice(0, 10);

/** A Beijing wall-clock date and time as an instant with its offset (`…+08:00`). */
export const beijingInstant = (date: string, time: string): string => `${date}T${time}:00+08:00`;

/** The day after a `YYYY-MM-DD` date. */
export function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** The day before a `YYYY-MM-DD` date. */
export function previousDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/**
 * The duty day whose report window holds `now`: a window starts at the cutoff (`HH:mm`, Beijing
 * time) of its day, so before today's cutoff it is still yesterday's duty day.
 */
export function dutyDayOf(now: Date, cutoff: string): string {
  const [day, time] = formatTime(now).split(' ') as [string, string];
  return time < cutoff ? previousDay(day) : day;
}
