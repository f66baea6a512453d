import type { RotaImportProblem, RotaPerson } from '@sanfang/shared';
import { parse } from 'csv-parse/sync';
import type { ShiftGrid } from './shifts';

/** The rota CSV's columns; those not listed in OPTIONAL are required in the header. */
export const ROTA_COLUMNS = [
  'date',
  'shift_start',
  'leader_name',
  'leader_phone',
  'leader_username',
  'chief_name',
  'chief_phone',
  'chief_username',
  'officers',
] as const;
const OPTIONAL = new Set(['shift_start', 'leader_username', 'chief_username']);

export interface RotaRow {
  line: number;
  startsAt: Date;
  leader: RotaPerson | null;
  chief: RotaPerson | null;
  officers: RotaPerson[];
}

export type RotaCsvResult =
  | { ok: true; rows: RotaRow[] }
  | { ok: false; file: { message: string; line?: number } }
  | { ok: false; problems: RotaImportProblem[]; badRows: number };

const PHONE = /^\+?\d{5,20}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/**
 * A rota CSV → shifts, all or nothing, with the rules of `npm run import`: a header row, one
 * problem per bad cell with the line the record starts on, nothing kept when any row is bad.
 * `users`: the console usernames a person may be linked to.
 */
export function parseRotaCsv(
  text: string,
  grid: ShiftGrid,
  users: ReadonlySet<string>,
): RotaCsvResult {
  let records: { record: string[]; info: { lines: number }; raw: string }[];
  try {
    records = parse(text.replace(/^\uFEFF/, ''), {
      info: true,
      raw: true,
      relax_column_count: true,
      skip_empty_lines: true,
    }) as unknown as typeof records;
  } catch (e) {
    return {
      ok: false,
      file: {
        message: `not valid CSV: ${(e as Error).message}`,
        line: (e as { lines?: number }).lines,
      },
    };
  }
  const lineOf = (r: (typeof records)[number]): number =>
    r.info.lines -
    (r.raw
      .replace(/^(\r?\n)+/, '')
      .replace(/\r?\n$/, '')
      .match(/\n/g)?.length ?? 0);
  const rows = records.filter((r) => r.record.some((c) => c.trim() !== ''));
  const [header, ...data] = rows;
  if (!header) return { ok: false, file: { message: 'the file is empty' } };
  const columns = header.record.map((c) => c.trim().toLowerCase());
  const missing = ROTA_COLUMNS.filter((c) => !OPTIONAL.has(c) && !columns.includes(c));
  if (missing.length > 0)
    return {
      ok: false,
      file: {
        message: `the header lacks required rota column(s): ${missing.join(', ')}`,
        line: lineOf(header),
      },
    };
  if (data.length === 0)
    return {
      ok: false,
      file: { message: 'the file has a header but no rows', line: lineOf(header) },
    };

  const problems: RotaImportProblem[] = [];
  const bad = new Set<number>();
  const firstLine = new Map<number, number>();
  const out: RotaRow[] = [];
  for (const r of data) {
    const line = lineOf(r);
    const v = (c: string): string => (r.record[columns.indexOf(c)] ?? '').trim();
    const problem = (column: string, message: string): void => {
      problems.push({ line, column, message });
      bad.add(line);
    };
    if (r.record.length !== columns.length) {
      problem(
        '-',
        `has ${r.record.length} fields but the header has ${columns.length} (unquoted comma?)`,
      );
      continue;
    }
    const date = v('date');
    const time =
      columns.includes('shift_start') && v('shift_start') ? v('shift_start') : grid.start;
    let startsAt: Date | null = null;
    if (!DATE.test(date)) problem('date', `"${date}" is not a date (YYYY-MM-DD)`);
    else if (!TIME.test(time)) problem('shift_start', `"${time}" is not a time (HH:MM)`);
    else {
      startsAt = grid.at(date, time);
      if (Number.isNaN(startsAt.getTime()) || localDate(startsAt) !== date) {
        problem('date', `"${date}" is not a calendar date`);
        startsAt = null;
      } else if (!grid.isBoundary(startsAt)) {
        problem(
          'shift_start',
          `${time} is not a shift start (shifts of ${grid.hours} h from ${grid.start})`,
        );
        startsAt = null;
      } else {
        const first = firstLine.get(startsAt.getTime());
        if (first !== undefined)
          problem('date', `duplicate shift ${date} ${time} (first on line ${first})`);
        else firstLine.set(startsAt.getTime(), line);
      }
    }
    const person = (role: 'leader' | 'chief'): RotaPerson | null => {
      const name = v(`${role}_name`);
      const phone = v(`${role}_phone`);
      const username = columns.includes(`${role}_username`) ? v(`${role}_username`) : '';
      if (!name && !phone && !username) return null;
      if (!name || name.length > 40)
        problem(`${role}_name`, 'needs a name (1–40 characters) with the phone');
      if (!PHONE.test(phone))
        problem(`${role}_phone`, `"${phone}" is not a phone (5–20 digits, optional +)`);
      if (username && !users.has(username))
        problem(`${role}_username`, `no console user "${username}"`);
      return { name, phone, username: username || null };
    };
    const leader = person('leader');
    const chief = person('chief');
    const officers: RotaPerson[] = [];
    for (const entry of v('officers')
      .split(/[;；]/)
      .map((x) => x.trim())
      .filter(Boolean)) {
      const [name = '', phone = '', username = ''] = entry.split('/').map((x) => x.trim());
      if (!name || name.length > 40 || !PHONE.test(phone))
        problem('officers', `"${entry}" is not name/phone or name/phone/username`);
      else if (username && !users.has(username))
        problem('officers', `no console user "${username}"`);
      else officers.push({ name, phone, username: username || null });
    }
    if (startsAt && !bad.has(line)) out.push({ line, startsAt, leader, chief, officers });
  }
  if (problems.length > 0) return { ok: false, problems, badRows: bad.size };
  return { ok: true, rows: out };
}

/** The local (+08:00) calendar date of `d` (2026-02-30 does not round-trip). */
function localDate(d: Date): string {
  return new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}
