import { formatTime } from '../../../utils/formatTime';

/** Today's date in Beijing time, `YYYY-MM-DD` (the duty room's day, whatever the PC's zone). */
export const beijingToday = (now: Date = new Date()): string => formatTime(now).slice(0, 10);

/** This month in Beijing time, `YYYY-MM`. */
export const beijingMonth = (now: Date = new Date()): string => beijingToday(now).slice(0, 7);

/** A Beijing wall-clock date and time as an instant with its offset (`…+08:00`). */
export const beijingInstant = (date: string, time: string): string => `${date}T${time}:00+08:00`;

/** The day after a `YYYY-MM-DD` date. */
export function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}
