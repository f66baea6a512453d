import type { RotaPerson } from '@sanfang/shared';

/** The rota CSV's columns, shown beside the import (the header the server expects). */
export const ROTA_CSV_COLUMNS =
  'date, shift_start?, leader_name, leader_phone, leader_username?, chief_name, chief_phone, chief_username?, officers';

/** "name/phone" lines (or `;`-separated) → people; a line without a phone is kept for the server to refuse. */
export function parsePeople(text: string): RotaPerson[] {
  return text
    .split(/[\n;；]/)
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => {
      const [name = '', phone = '', username = ''] = l.split('/').map((x) => x.trim());
      return { name, phone, username: username || null };
    });
}

export const peopleText = (people: readonly RotaPerson[]): string =>
  people.map((p) => [p.name, p.phone, ...(p.username ? [p.username] : [])].join('/')).join('\n');

/** The duty day (YYYY-MM-DD, Asia/Shanghai) a shift starting at `iso` belongs to. */
export const shanghaiDate = (iso: string | number): string =>
  new Date(new Date(iso).getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

export function addDays(date: string, n: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

/** The days a grid shows: the week (Mon–Sun) or the calendar month holding `anchor`. */
export function gridRange(anchor: string, mode: 'week' | 'month'): { from: string; to: string } {
  if (mode === 'month') {
    const [y, m] = anchor.split('-').map(Number) as [number, number];
    const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
    const ym = anchor.slice(0, 7);
    return { from: `${ym}-01`, to: `${ym}-${String(last).padStart(2, '0')}` };
  }
  const dow = (new Date(`${anchor}T00:00:00Z`).getUTCDay() + 6) % 7; // Monday = 0
  const from = addDays(anchor, -dow);
  return { from, to: addDays(from, 6) };
}

/** The anchor of the previous or next week / month. */
export function stepAnchor(anchor: string, mode: 'week' | 'month', dir: -1 | 1): string {
  if (mode === 'week') return addDays(anchor, 7 * dir);
  const [y, m] = anchor.split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 + dir, 1));
  return d.toISOString().slice(0, 10);
}
