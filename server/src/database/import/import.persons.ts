import { PERSON_DUTIES, type PersonDuty } from '@sanfang/shared';
import type { DataSource } from 'typeorm';
import { EventsRepository } from '../../events/events.repository';
import type { ImportFileError, ImportRowError, RawRow } from './import.types';
import { parseTable } from './import.parse';

/**
 * The roster of 三防 responsible persons: one row a person, keyed by phone (the same phone
 * again updates the person). Units are named by code; a unit new to the database needs
 * `unit_name` and `unit_kind`. `backup_phone` names another person of the file or database.
 * All or nothing, like points: one bad row and nothing is loaded.
 */
export const PERSON_COLUMNS = [
  'name',
  'phone',
  'phone2',
  'unit_code',
  'unit_name',
  'unit_kind',
  'subdistrict_code',
  'duty',
  'backup_phone',
  'leader',
] as const;
const REQUIRED = ['name', 'phone', 'unit_code', 'subdistrict_code', 'duty'];

export interface PersonImportRow {
  line: number;
  name: string;
  phone: string;
  phone2: string | null;
  unitCode: string;
  unitName: string | null;
  unitKind: 'subdistrict' | 'department' | 'enterprise' | null;
  subdistrictCode: string;
  duty: PersonDuty;
  backupPhone: string | null;
  leader: boolean;
}

const PHONE = /^\+?[0-9][0-9 -]{5,19}$/;

export type PersonsParse =
  | { ok: true; rows: PersonImportRow[]; unknownColumns: string[] }
  | { ok: false; fileError: ImportFileError }
  | { ok: false; rowErrors: ImportRowError[] };

/** File text → validated rows (pure except for the known codes passed in). */
export function parsePersons(
  text: string,
  fileName: string,
  known: { subdistricts: Set<string>; units: Set<string>; phones: Set<string> },
): PersonsParse {
  const t = parseTable(text, fileName);
  if (!t.ok) return { ok: false, fileError: t.error };
  const missing = REQUIRED.filter((c) => !t.columns.includes(c));
  if (t.format === 'csv' && missing.length > 0)
    return {
      ok: false,
      fileError: {
        code: 'IMPORT_INVALID_FILE',
        message: `the header lacks required persons column(s): ${missing.join(', ')}`,
        line: 1,
      },
    };
  const errors: ImportRowError[] = [];
  const rows: PersonImportRow[] = [];
  const phones = new Map<string, number>();
  const newUnits = new Set<string>();
  const err = (r: RawRow, column: string | undefined, message: string): void => {
    errors.push({
      line: r.line,
      column,
      code: 'IMPORT_INVALID_ROWS',
      message,
      ...(r.featureIndex === undefined ? {} : { featureIndex: r.featureIndex }),
    });
  };
  for (const r of t.rows) {
    if (r.problem) err(r, r.problem.column, r.problem.message);
    const v = (c: string): string => (r.values[c] ?? '').trim();
    for (const c of REQUIRED) if (v(c) === '') err(r, c, 'is required');
    const phone = v('phone');
    if (phone && !PHONE.test(phone)) err(r, 'phone', 'is not a phone number');
    if (v('phone2') && !PHONE.test(v('phone2'))) err(r, 'phone2', 'is not a phone number');
    const seen = phones.get(phone);
    if (phone && seen !== undefined) err(r, 'phone', `appears again (first on line ${seen})`);
    if (phone) phones.set(phone, r.line);
    if (v('subdistrict_code') && !known.subdistricts.has(v('subdistrict_code')))
      err(r, 'subdistrict_code', `no subdistrict ${v('subdistrict_code')}`);
    const duty = v('duty');
    if (duty && !(PERSON_DUTIES as readonly string[]).includes(duty))
      err(r, 'duty', `must be one of ${PERSON_DUTIES.join(', ')}`);
    const unit = v('unit_code');
    if (unit && !/^[A-Za-z0-9_-]{1,16}$/.test(unit)) err(r, 'unit_code', 'is not a unit code');
    const kind = v('unit_kind');
    if (kind && !['subdistrict', 'department', 'enterprise'].includes(kind))
      err(r, 'unit_kind', 'must be subdistrict, department or enterprise');
    if (unit && !known.units.has(unit) && !newUnits.has(unit)) {
      if (!v('unit_name') || !kind)
        err(r, 'unit_name', `unit ${unit} is new: give unit_name and unit_kind`);
      else newUnits.add(unit);
    }
    const leader = v('leader').toLowerCase();
    if (leader && !['true', 'false', '1', '0', 'yes', 'no', '是', '否'].includes(leader))
      err(r, 'leader', 'must be true or false');
    rows.push({
      line: r.line,
      name: v('name'),
      phone,
      phone2: v('phone2') || null,
      unitCode: unit,
      unitName: v('unit_name') || null,
      unitKind: (kind || null) as PersonImportRow['unitKind'],
      subdistrictCode: v('subdistrict_code'),
      duty: duty as PersonDuty,
      backupPhone: v('backup_phone') || null,
      leader: ['true', '1', 'yes', '是'].includes(leader),
    });
  }
  for (const [i, p] of rows.entries()) {
    const r = t.rows[i];
    if (r && p.backupPhone !== null) {
      if (p.backupPhone === p.phone) err(r, 'backup_phone', 'a person cannot be their own backup');
      else if (!phones.has(p.backupPhone) && !known.phones.has(p.backupPhone))
        err(r, 'backup_phone', `no person with phone ${p.backupPhone} in the file or roster`);
    }
  }
  if (errors.length > 0) return { ok: false, rowErrors: errors };
  const known2 = new Set(
    t.columns.filter((c) => !(PERSON_COLUMNS as readonly string[]).includes(c)),
  );
  return { ok: true, rows, unknownColumns: [...known2] };
}

export async function knownForPersons(
  ds: DataSource,
): Promise<{ subdistricts: Set<string>; units: Set<string>; phones: Set<string> }> {
  const subs: { code: string }[] = await ds.query(`SELECT code FROM subdistricts`);
  const units: { code: string }[] = await ds.query(`SELECT code FROM member_units`);
  const phones: { phone: string }[] = await ds.query(`SELECT phone FROM responsible_persons`);
  return {
    subdistricts: new Set(subs.map((s) => s.code)),
    units: new Set(units.map((u) => u.code)),
    phones: new Set(phones.map((p) => p.phone)),
  };
}

/** One transaction and one event: new units, persons inserted or updated by phone, backups. */
export async function loadPersons(
  ds: DataSource,
  rows: PersonImportRow[],
  dryRun: boolean,
): Promise<{ inserted: number; updated: number }> {
  return ds
    .transaction(async (m) => {
      await m.query(`SELECT pg_advisory_xact_lock(hashtext('sanfang.import'))`);
      const units = rows.filter((r) => r.unitName && r.unitKind);
      if (units.length > 0)
        await m.query(
          `INSERT INTO member_units (code, name, kind, subdistrict_code)
         SELECT DISTINCT ON (code) code, name, kind, CASE WHEN kind = 'subdistrict' THEN sub END
           FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS x(code, name, kind, sub)
         ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, kind = EXCLUDED.kind`,
          [
            units.map((u) => u.unitCode),
            units.map((u) => u.unitName),
            units.map((u) => u.unitKind),
            units.map((u) => u.subdistrictCode),
          ],
        );
      const existing: { phone: string }[] = await m.query(
        `SELECT phone FROM responsible_persons WHERE phone = ANY($1::text[])`,
        [rows.map((r) => r.phone)],
      );
      const had = new Set(existing.map((e) => e.phone));
      await m.query(
        `UPDATE responsible_persons p SET name = x.name, phone2 = x.phone2, unit_code = x.unit,
              subdistrict_code = x.sub, duty = x.duty, leader = x.leader, updated_at = now()
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[],
                     $7::boolean[]) AS x(phone, name, phone2, unit, sub, duty, leader)
        WHERE p.phone = x.phone`,
        personArrays(rows),
      );
      await m.query(
        `INSERT INTO responsible_persons (phone, name, phone2, unit_code, subdistrict_code, duty, leader)
       SELECT x.* FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[],
                              $6::text[], $7::boolean[]) AS x(phone, name, phone2, unit, sub, duty, leader)
        WHERE NOT EXISTS (SELECT 1 FROM responsible_persons p WHERE p.phone = x.phone)`,
        personArrays(rows),
      );
      const withBackup = rows.filter((r) => r.backupPhone);
      await m.query(
        `UPDATE responsible_persons p SET backup_id = b.id
         FROM unnest($1::text[], $2::text[]) AS x(phone, backup)
         JOIN LATERAL (SELECT id FROM responsible_persons WHERE phone = x.backup
                        ORDER BY id LIMIT 1) b ON true
        WHERE p.phone = x.phone`,
        [withBackup.map((r) => r.phone), withBackup.map((r) => r.backupPhone)],
      );
      const inserted = rows.filter((r) => !had.has(r.phone)).length;
      // A change like any other: one event in the same transaction (as points' import).
      const events = new EventsRepository(ds);
      const seq = await events.allocate(m, 1);
      await events.insert(m, seq, 'import', [
        {
          type: 'roster.changed',
          payload: { action: 'imported', count: rows.length },
          scope: { subdistrictCodes: [], contactIds: [] },
        },
      ]);
      if (dryRun) throw new DryRun({ inserted, updated: rows.length - inserted });
      return { inserted, updated: rows.length - inserted };
    })
    .catch((e: unknown) => {
      if (e instanceof DryRun) return e.result;
      throw e;
    });
}

class DryRun extends Error {
  constructor(readonly result: { inserted: number; updated: number }) {
    super('dry run');
  }
}

const personArrays = (rows: PersonImportRow[]): unknown[] => [
  rows.map((r) => r.phone),
  rows.map((r) => r.name),
  rows.map((r) => r.phone2),
  rows.map((r) => r.unitCode),
  rows.map((r) => r.subdistrictCode),
  rows.map((r) => r.duty),
  rows.map((r) => r.leader),
];
