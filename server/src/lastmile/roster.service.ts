import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type {
  CallRuleDto,
  CallRulesInput,
  MemberUnitDto,
  PersonDto,
  PersonInput,
  PersonPatch,
  PersonsPage,
  PersonsQuery,
} from '@sanfang/shared';
import type { DataSource, EntityManager } from 'typeorm';
import { ApiException, notFound } from '../common/api-exception';
import { EventLog } from '../events/event-log.service';

interface PersonRow {
  id: string;
  name: string;
  phone: string;
  phone2: string | null;
  unit_code: string;
  unit_name: string;
  subdistrict_code: string;
  duty: PersonDto['duty'];
  backup_id: string | null;
  backup_name: string | null;
  leader: boolean;
  updated_at: Date;
}

export const PERSON_DETAIL = `SELECT p.*, u.name AS unit_name, b.name AS backup_name
  FROM responsible_persons p JOIN member_units u ON u.code = p.unit_code
  LEFT JOIN responsible_persons b ON b.id = p.backup_id`;

export const toPersonDto = (r: PersonRow): PersonDto => ({
  id: r.id,
  name: r.name,
  phone: r.phone,
  phone2: r.phone2,
  unitCode: r.unit_code,
  unitName: r.unit_name,
  subdistrictCode: r.subdistrict_code,
  duty: r.duty,
  backupId: r.backup_id,
  backupName: r.backup_name,
  leader: r.leader,
  updatedAt: r.updated_at.toISOString(),
});

const invalid = (path: string, message: string): ApiException =>
  new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, 'VALIDATION_FAILED', message, path);

/** The roster: member units and responsible persons; admins edit, every change an event. */
@Injectable()
export class RosterService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly events: EventLog,
  ) {}

  async units(): Promise<MemberUnitDto[]> {
    const rows: {
      code: string;
      name: string;
      kind: MemberUnitDto['kind'];
      subdistrict_code: string | null;
      leader_id: string | null;
      persons: string;
    }[] = await this.ds.query(
      `SELECT u.code, u.name, u.kind, u.subdistrict_code,
              (SELECT id FROM responsible_persons l WHERE l.unit_code = u.code AND l.leader
                ORDER BY l.name, l.id LIMIT 1) AS leader_id,
              (SELECT count(*) FROM responsible_persons p WHERE p.unit_code = u.code) AS persons
         FROM member_units u ORDER BY u.kind DESC, u.code`,
    );
    return rows.map((r) => ({
      code: r.code,
      name: r.name,
      kind: r.kind,
      subdistrictCode: r.subdistrict_code,
      leaderId: r.leader_id,
      persons: Number(r.persons),
    }));
  }

  async list(q: PersonsQuery): Promise<PersonsPage> {
    const where = `WHERE ($1::text IS NULL OR p.unit_code = $1)
        AND ($2::text IS NULL OR p.subdistrict_code = $2)
        AND ($3::text IS NULL OR p.name LIKE '%' || $3 || '%' OR p.phone LIKE '%' || $3 || '%')`;
    const args = [q.unitCode ?? null, q.subdistrictCode ?? null, q.q || null];
    const [count] = await this.ds.query<{ n: string }[]>(
      `SELECT count(*) AS n FROM responsible_persons p ${where}`,
      args,
    );
    const rows: PersonRow[] = await this.ds.query(
      `${PERSON_DETAIL} ${where} ORDER BY p.unit_code, p.leader DESC, p.name, p.id
        LIMIT $4 OFFSET $5`,
      [...args, q.limit, q.offset],
    );
    return { total: Number(count?.n ?? 0), persons: rows.map(toPersonDto) };
  }

  private async byId(m: EntityManager, id: string): Promise<PersonRow | null> {
    const [r] = await m.query<PersonRow[]>(`${PERSON_DETAIL} WHERE p.id = $1`, [id]);
    return r ?? null;
  }

  private async check(m: EntityManager, p: PersonInput, id: string | null): Promise<void> {
    const [u] = await m.query<{ code: string }[]>(`SELECT code FROM member_units WHERE code = $1`, [
      p.unitCode,
    ]);
    if (!u) throw invalid('body.unitCode', `no member unit ${p.unitCode}`);
    const [s] = await m.query<{ code: string }[]>(`SELECT code FROM subdistricts WHERE code = $1`, [
      p.subdistrictCode,
    ]);
    if (!s) throw invalid('body.subdistrictCode', `no subdistrict ${p.subdistrictCode}`);
    if (p.backupId !== null) {
      if (p.backupId === id) throw invalid('body.backupId', 'a person cannot be their own backup');
      const [b] = await m.query<{ id: string }[]>(
        `SELECT id FROM responsible_persons WHERE id = $1`,
        [p.backupId],
      );
      if (!b) throw invalid('body.backupId', 'no such person');
    }
  }

  async create(actor: string, p: PersonInput): Promise<PersonDto> {
    const { result } = await this.events.writeWithEvents(actor, async (tx) => {
      await this.check(tx.manager, p, null);
      const [row] = await tx.manager.query<{ id: string }[]>(
        `INSERT INTO responsible_persons
           (name, phone, phone2, unit_code, subdistrict_code, duty, backup_id, leader)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
        [p.name, p.phone, p.phone2, p.unitCode, p.subdistrictCode, p.duty, p.backupId, p.leader],
      );
      const created = await this.byId(tx.manager, row?.id ?? '');
      if (!created) throw notFound('person');
      tx.emit('roster.changed', {
        action: 'created',
        personId: created.id,
        name: created.name,
        unitCode: created.unit_code,
      });
      return toPersonDto(created);
    });
    return result;
  }

  async update(actor: string, id: string, patch: PersonPatch): Promise<PersonDto> {
    const { result } = await this.events.writeWithEvents(actor, async (tx) => {
      const m = tx.manager;
      const [locked] = await m.query<{ id: string }[]>(
        `SELECT id FROM responsible_persons WHERE id = $1 FOR UPDATE`,
        [id],
      );
      const cur = locked ? await this.byId(m, id) : null;
      if (!cur) throw notFound('person');
      const next: PersonInput = {
        name: patch.name ?? cur.name,
        phone: patch.phone ?? cur.phone,
        phone2: patch.phone2 === undefined ? cur.phone2 : patch.phone2,
        unitCode: patch.unitCode ?? cur.unit_code,
        subdistrictCode: patch.subdistrictCode ?? cur.subdistrict_code,
        duty: patch.duty ?? cur.duty,
        backupId: patch.backupId === undefined ? cur.backup_id : patch.backupId,
        leader: patch.leader ?? cur.leader,
      };
      await this.check(m, next, id);
      await m.query(
        `UPDATE responsible_persons SET name = $2, phone = $3, phone2 = $4, unit_code = $5,
                subdistrict_code = $6, duty = $7, backup_id = $8, leader = $9, updated_at = now()
          WHERE id = $1`,
        [
          id,
          next.name,
          next.phone,
          next.phone2,
          next.unitCode,
          next.subdistrictCode,
          next.duty,
          next.backupId,
          next.leader,
        ],
      );
      const row = await this.byId(m, id);
      if (!row) throw notFound('person');
      tx.emit('roster.changed', {
        action: 'updated',
        personId: id,
        name: row.name,
        unitCode: row.unit_code,
      });
      return toPersonDto(row);
    });
    return result;
  }

  async remove(actor: string, id: string): Promise<PersonDto> {
    const { result } = await this.events.writeWithEvents(actor, async (tx) => {
      const cur = await this.byId(tx.manager, id);
      if (!cur) throw notFound('person');
      await tx.manager.query(`DELETE FROM responsible_persons WHERE id = $1`, [id]);
      tx.emit('roster.changed', {
        action: 'removed',
        personId: id,
        name: cur.name,
        unitCode: cur.unit_code,
      });
      return toPersonDto(cur);
    });
    return result;
  }

  async rules(m: EntityManager | DataSource = this.ds): Promise<CallRuleDto[]> {
    const rows: {
      hazard: string;
      colour: CallRuleDto['colour'];
      duties: string[];
      point_contacts: boolean;
    }[] = await m.query(
      `SELECT hazard, colour, duties, point_contacts FROM call_rules
          ORDER BY hazard, array_position(ARRAY['blue','yellow','orange','red'], colour::text)`,
    );
    return rows.map((r) => ({
      hazard: r.hazard,
      colour: r.colour,
      duties: r.duties as CallRuleDto['duties'],
      pointContacts: r.point_contacts,
    }));
  }

  /** Replaces the whole 叫应 table (one transaction, one event). */
  async setRules(actor: string, body: CallRulesInput): Promise<CallRuleDto[]> {
    const seen = new Set<string>();
    body.rules.forEach((r, i) => {
      const k = `${r.hazard}/${r.colour}`;
      if (seen.has(k)) throw invalid(`body.rules.${i}`, `${k} appears twice`);
      seen.add(k);
    });
    const { result } = await this.events.writeWithEvents(actor, async (tx) => {
      await tx.manager.query(`DELETE FROM call_rules`);
      for (const r of body.rules)
        await tx.manager.query(
          `INSERT INTO call_rules (hazard, colour, duties, point_contacts) VALUES ($1, $2, $3, $4)`,
          [r.hazard, r.colour, [...new Set(r.duties)], r.pointContacts],
        );
      tx.emit('roster.changed', { action: 'rules_changed', count: body.rules.length });
      return this.rules(tx.manager);
    });
    return result;
  }
}
