/** Duty-room times are always Beijing time, whatever the browser's own zone. */
export const DISPLAY_TIME_ZONE = 'Asia/Shanghai';

export interface FormatTimeOptions {
  /** Include YYYY-MM-DD (default true). */
  date?: boolean;
  /** Include :ss (default false). */
  seconds?: boolean;
}

// One formatter per option set; Intl.DateTimeFormat is costly to construct on every tick.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(seconds: boolean): Intl.DateTimeFormat {
  const key = seconds ? 's' : 'm';
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-GB', {
      timeZone: DISPLAY_TIME_ZONE,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: seconds ? '2-digit' : undefined,
      hourCycle: 'h23',
    });
    formatters.set(key, formatter);
  }
  return formatter;
}

/**
 * Formats an instant as `YYYY-MM-DD HH:mm[:ss]` in Asia/Shanghai. The layout is fixed
 * (not locale-dependent) so logs and screens read the same in Chinese and English.
 * Throws RangeError for an invalid date.
 */
export function formatTime(
  instant: Date | string | number,
  options: FormatTimeOptions = {},
): string {
  const { date = true, seconds = false } = options;
  const value = instant instanceof Date ? instant : new Date(instant);
  const parts: Partial<Record<Intl.DateTimeFormatPartTypes, string>> = {};
  for (const part of formatterFor(seconds).formatToParts(value)) parts[part.type] = part.value;
  const time = `${parts.hour}:${parts.minute}${seconds ? `:${parts.second}` : ''}`;
  return date ? `${parts.year}-${parts.month}-${parts.day} ${time}` : time;
}
