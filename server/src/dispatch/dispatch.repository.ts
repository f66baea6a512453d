import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ContactRole, DispatchStatus, ResponseHazard, ResponseLevel } from '@sanfang/shared';
import type { DataSource, EntityManager } from 'typeorm';

/** A contact who should be called out (not yet live under this response). */
export interface Candidate {
  contactId: string;
  contactName: string;
  role: ContactRole;
  phone: string;
  pointId: string;
  pointName: string;
  /** The point's code (carried by dispatch.created for replay). */
  pointCode: string;
  subdistrictCode: string;
}

export interface NewDispatch {
  id: string;
  responseId: string;
  pointId: string;
  contactId: string;
  subdistrictCode: string;
  role: ContactRole;
  phone: string;
  code: string;
  notifiedAt: Date;
  ackDeadline: Date;
  arriveDeadline: Date | null;
}

/** A dispatch with what rules and messages need about its point, contact and response. */
export interface DispatchRow {
  id: string;
  response_id: string;
  point_id: string;
  contact_id: string;
  subdistrict_code: string;
  role: ContactRole;
  phone: string;
  code: string;
  status: DispatchStatus;
  notified_at: Date;
  ack_deadline: Date;
  arrive_deadline: Date | null;
  acknowledged_at: Date | null;
  ack_late: boolean | null;
  arrived_at: Date | null;
  arrive_late: boolean | null;
  arrival_distance_m: number | null;
  arrival_far: boolean | null;
  depth_m: number | null;
  ack_step: number;
  arrive_step: number;
  closed_at: Date | null;
  point_code: string;
  point_name: string;
  point_lon: number;
  point_lat: number;
  contact_name: string;
  hazard: ResponseHazard;
  level: ResponseLevel;
}

const DETAIL = `
  SELECT d.*, p.code AS point_code, p.name AS point_name, p.lon AS point_lon, p.lat AS point_lat,
         c.name AS contact_name, r.hazard, r.level
    FROM dispatches d
    JOIN waterlogging_points p ON p.id = d.point_id
    JOIN contacts c ON c.id = d.contact_id
    JOIN responses r ON r.id = d.response_id`;

export type Area = { kind: 'all' } | { kind: 'codes'; codes: string[] } | { kind: 'none' };

@Injectable()
export class DispatchRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async candidates(
    m: EntityManager,
    responseId: string,
    area: Area,
    roles: readonly ContactRole[],
    pointId?: string,
  ): Promise<Candidate[]> {
    if (area.kind === 'none') return [];
    const rows: {
      contact_id: string;
      contact_name: string;
      role: ContactRole;
      phone: string;
      point_id: string;
      point_name: string;
      point_code: string;
      subdistrict_code: string;
    }[] = await m.query(
      `SELECT c.id AS contact_id, c.name AS contact_name, c.role, c.phone,
              p.id AS point_id, p.name AS point_name, p.code AS point_code, p.subdistrict_code
         FROM contacts c JOIN waterlogging_points p ON p.id = c.point_id
        WHERE p.retired_at IS NULL AND c.role = ANY($2::text[])
          AND ($3::boolean OR p.subdistrict_code = ANY($4::text[]))
          AND ($5::uuid IS NULL OR p.id = $5)
          AND NOT EXISTS (SELECT 1 FROM dispatches d WHERE d.response_id = $1
                           AND d.contact_id = c.id AND d.status <> 'stood_down')
        ORDER BY p.code, c.role`,
      [
        responseId,
        roles,
        area.kind === 'all',
        area.kind === 'codes' ? area.codes : [],
        pointId ?? null,
      ],
    );
    return rows.map((r) => ({
      contactId: r.contact_id,
      contactName: r.contact_name,
      role: r.role,
      phone: r.phone,
      pointId: r.point_id,
      pointName: r.point_name,
      pointCode: r.point_code,
      subdistrictCode: r.subdistrict_code,
    }));
  }

  /** Codes already live per phone (a new code must differ). */
  async liveCodes(m: EntityManager, phones: string[]): Promise<Map<string, Set<string>>> {
    const rows: { phone: string; code: string }[] = await m.query(
      `SELECT phone, code FROM dispatches WHERE closed_at IS NULL AND phone = ANY($1::text[])`,
      [phones],
    );
    const map = new Map<string, Set<string>>();
    for (const r of rows) {
      const s = map.get(r.phone) ?? new Set<string>();
      s.add(r.code);
      map.set(r.phone, s);
    }
    return map;
  }

  async insertMany(m: EntityManager, rows: readonly NewDispatch[]): Promise<void> {
    if (rows.length === 0) return;
    await m.query(
      `INSERT INTO dispatches (id, response_id, point_id, contact_id, subdistrict_code, role, phone,
                               code, status, notified_at, ack_deadline, arrive_deadline)
       SELECT u.id, u.response_id, u.point_id, u.contact_id, u.sd, u.role, u.phone, u.code,
              'notified', u.notified_at, u.ack_deadline, u.arrive_deadline
         FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::text[], $6::text[],
                     $7::text[], $8::text[], $9::timestamptz[], $10::timestamptz[],
                     $11::timestamptz[])
           AS u(id, response_id, point_id, contact_id, sd, role, phone, code, notified_at,
                ack_deadline, arrive_deadline)`,
      [
        rows.map((r) => r.id),
        rows.map((r) => r.responseId),
        rows.map((r) => r.pointId),
        rows.map((r) => r.contactId),
        rows.map((r) => r.subdistrictCode),
        rows.map((r) => r.role),
        rows.map((r) => r.phone),
        rows.map((r) => r.code),
        rows.map((r) => r.notifiedAt.toISOString()),
        rows.map((r) => r.ackDeadline.toISOString()),
        rows.map((r) => r.arriveDeadline?.toISOString() ?? null),
      ],
    );
  }

  /** Stands down every live dispatch of the response outside `keep`; returns them. */
  async standDown(
    m: EntityManager,
    responseId: string,
    keep: Area,
    now: Date,
  ): Promise<DispatchRow[]> {
    if (keep.kind === 'all') return [];
    const ids: { id: string }[] = await m.query(
      `WITH u AS (
         UPDATE dispatches SET status = 'stood_down', closed_at = COALESCE(closed_at, $3)
          WHERE response_id = $1 AND status <> 'stood_down'
            AND NOT (subdistrict_code = ANY($2::text[]))
          RETURNING id)
       SELECT id FROM u`,
      [responseId, keep.kind === 'codes' ? keep.codes : [], now.toISOString()],
    );
    if (ids.length === 0) return [];
    return m.query(`${DETAIL} WHERE d.id = ANY($1::uuid[])`, [ids.map((r) => r.id)]);
  }

  async lock(m: EntityManager, id: string): Promise<DispatchRow | null> {
    const rows: DispatchRow[] = await m.query(`${DETAIL} WHERE d.id = $1 FOR UPDATE OF d`, [id]);
    return rows[0] ?? null;
  }

  async byId(id: string): Promise<DispatchRow | null> {
    const rows: DispatchRow[] = await this.ds.query(`${DETAIL} WHERE d.id = $1`, [id]);
    return rows[0] ?? null;
  }

  /** Dispatches answering to this code, newest first (SMS replies). */
  async byCode(code: string): Promise<DispatchRow[]> {
    return this.ds.query(`${DETAIL} WHERE d.code = $1 ORDER BY d.notified_at DESC LIMIT 50`, [
      code,
    ]);
  }

  async update(
    m: EntityManager,
    id: string,
    set: Record<string, string | number | boolean | null>,
  ): Promise<void> {
    const cols = Object.keys(set);
    await m.query(
      `UPDATE dispatches SET ${cols.map((c, i) => `${c} = $${i + 2}`).join(', ')} WHERE id = $1`,
      [id, ...cols.map((c) => set[c])],
    );
  }

  async list(f: {
    responseId?: string;
    status?: DispatchStatus;
    subdistrictCode?: string;
    contactId?: string;
    limit: number;
  }): Promise<DispatchRow[]> {
    return this.ds.query(
      `${DETAIL}
        WHERE ($1::uuid IS NULL OR d.response_id = $1)
          AND ($2::text IS NULL OR d.status = $2)
          AND ($3::text IS NULL OR d.subdistrict_code = $3)
          AND ($4::uuid IS NULL OR d.contact_id = $4)
        ORDER BY d.notified_at DESC, p.code, d.role LIMIT $5`,
      [
        f.responseId ?? null,
        f.status ?? null,
        f.subdistrictCode ?? null,
        f.contactId ?? null,
        f.limit,
      ],
    );
  }

  /** Console users to notify at an escalation step (subdistrict officers, or district). */
  /**
   * The duty officers on the rota at `at` (the duty desk's table): the district duty room's
   * last rung reaches whoever is on duty then, console user or not.
   */
  async rotaOfficers(
    m: EntityManager,
    at: Date,
  ): Promise<{ name: string; phone: string; username: string | null }[]> {
    const rows: { officers: { name: string; phone: string; username: string | null }[] }[] =
      await m.query(
        `SELECT officers FROM rota_shifts WHERE starts_at <= $1 AND ends_at > $1 LIMIT 1`,
        [at],
      );
    return rows[0]?.officers ?? [];
  }

  async escalationUsers(m: EntityManager, subdistrictCode: string | null): Promise<string[]> {
    const rows: { username: string }[] = await m.query(
      subdistrictCode
        ? `SELECT username FROM users WHERE NOT disabled AND role = 'duty_officer'
             AND subdistrict_code = $1 ORDER BY username`
        : `SELECT username FROM users WHERE NOT disabled AND role IN ('duty_officer', 'commander')
             AND subdistrict_code IS NULL ORDER BY username`,
      subdistrictCode ? [subdistrictCode] : [],
    );
    return rows.map((r) => r.username);
  }
}
