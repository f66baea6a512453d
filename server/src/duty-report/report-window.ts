/** Asia/Shanghai has no DST: a local time is always +08:00. */
const OFFSET = '+08:00';

export interface Window {
  from: Date;
  to: Date;
}

/** The duty day `date` runs from its cutoff (e.g. 08:00) to the next day's cutoff. */
export function dayWindow(date: string, cutoff: string): Window {
  const from = new Date(`${date}T${cutoff}:00${OFFSET}`);
  return { from, to: new Date(from.getTime() + 86_400_000) };
}

/** A month runs from the 1st's cutoff to the next month's 1st's cutoff. */
export function monthWindow(month: string, cutoff: string): Window {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  return {
    from: new Date(`${month}-01T${cutoff}:00${OFFSET}`),
    to: new Date(`${next}-01T${cutoff}:00${OFFSET}`),
  };
}

/** The duty days of a month (YYYY-MM-DD). */
export function daysOf(month: string): string[] {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const n = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return Array.from({ length: n }, (_, i) => `${month}-${String(i + 1).padStart(2, '0')}`);
}

/** Shown in Asia/Shanghai, e.g. 2025-06-11 08:00. */
export function localTime(d: Date): string {
  const s = new Date(d.getTime() + 8 * 3_600_000).toISOString();
  return `${s.slice(0, 10)} ${s.slice(11, 16)}`;
}
