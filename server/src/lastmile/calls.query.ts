import { randomUUID } from 'node:crypto';
import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type {
  CallBoardDto,
  CallDto,
  CallTally,
  DeliveryHealthDto,
  DeliveryHealthRow,
  DrillDto,
  DrillReportDto,
  DrillStart,
} from '@sanfang/shared';
import type { DataSource } from 'typeorm';
import { ApiException, notFound } from '../common/api-exception';
import { EventLog } from '../events/event-log.service';
import { Outbox } from '../dispatch/notify/outbox.service';
import { CallsService } from './calls.service';
import { drillTitle } from './messages';
import { PERSON_DETAIL, toPersonDto } from './roster.service';

interface BoardRow {
  id: string;
  name: string;
  phone: string;
  unit_code: string | null;
  unit_name: string | null;
  subdistrict_code: string | null;
  subdistrict_name: string | null;
  duty: string;
  status: CallDto['status'];
  step: number;
  called_at: Date;
  deadline: Date;
  answered_at: Date | null;
  answered_late: boolean | null;
}

const toCall = (r: BoardRow): CallDto => ({
  id: r.id,
  name: r.name,
  phone: r.phone,
  unitCode: r.unit_code,
  unitName: r.unit_name,
  subdistrictCode: r.subdistrict_code,
  duty: r.duty,
  status: r.status,
  step: r.step,
  calledAt: r.called_at.toISOString(),
  deadline: r.deadline.toISOString(),
  answeredAt: r.answered_at?.toISOString() ?? null,
  answeredLate: r.answered_late,
});

/**
 * A message failed when the channel refused it (today: released with an error, not yet
 * delivered) or when a delivery receipt says so (`failed` / `expired`, issue 13 §3).
 */
export const FAILED_MESSAGE = `(n.delivery_state IN ('failed', 'expired')
  OR (n.status <> 'delivered' AND n.last_error IS NOT NULL))`;

/** 叫应 boards, delivery health and reachability drills. */
@Injectable()
export class CallsQuery {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly events: EventLog,
    private readonly calls: CallsService,
    private readonly outbox: Outbox,
  ) {}

  /** The latest round of a warning's (or a drill's) calls, tallied by subdistrict and unit. */
  async board(by: { warningId: string } | { drillId: string }, now: Date): Promise<CallBoardDto> {
    const col = 'warningId' in by ? 'warning_id' : 'drill_id';
    const id = 'warningId' in by ? by.warningId : by.drillId;
    const [round] = await this.ds.query<{ id: string; drill: boolean }[]>(
      `SELECT id, drill FROM call_rounds WHERE ${col} = $1 ORDER BY started_at DESC, id LIMIT 1`,
      [id],
    );
    const rows: BoardRow[] = round
      ? await this.ds.query(
          `SELECT c.*, u.name AS unit_name, s.name AS subdistrict_name
             FROM calls c LEFT JOIN member_units u ON u.code = c.unit_code
             LEFT JOIN subdistricts s ON s.code = c.subdistrict_code
            WHERE c.round_id = $1 ORDER BY c.called_at, c.subdistrict_code, c.unit_code, c.name`,
          [round.id],
        )
      : [];
    const overdue = (r: BoardRow): boolean =>
      r.answered_at === null && r.status !== 'stood_down' && r.deadline.getTime() < now.getTime();
    const tally = (key: (r: BoardRow) => [string, string]): CallTally[] => {
      const map = new Map<string, CallTally>();
      for (const r of rows) {
        const [k, name] = key(r);
        const t = map.get(k) ?? { key: k, name, called: 0, answered: 0, overdue: 0 };
        t.called += 1;
        if (r.answered_at) t.answered += 1;
        if (overdue(r)) t.overdue += 1;
        map.set(k, t);
      }
      return [...map.values()].sort((a, b) => a.key.localeCompare(b.key));
    };
    return {
      warningId: 'warningId' in by ? by.warningId : null,
      drillId: 'drillId' in by ? by.drillId : null,
      drill: round?.drill ?? false,
      totals: {
        called: rows.length,
        answered: rows.filter((r) => r.answered_at).length,
        overdue: rows.filter(overdue).length,
        stoodDown: rows.filter((r) => r.status === 'stood_down' && !r.answered_at).length,
      },
      bySubdistrict: tally((r) => [
        r.subdistrict_code ?? '-',
        r.subdistrict_name ?? r.subdistrict_code ?? '-',
      ]),
      byUnit: tally((r) => [r.unit_code ?? '-', r.unit_name ?? '-']),
      overdue: rows.filter(overdue).map(toCall),
    };
  }

  async health(now: Date): Promise<DeliveryHealthDto> {
    // Each recipient's last message (person:<id> or contact:<id>) that failed.
    const failed: (DeliveryHealthRow & { at: Date | null })[] = await this.ds.query(
      `WITH last AS (
         SELECT DISTINCT ON (n.recipient) split_part(n.recipient, ':', 1) AS kind,
                split_part(n.recipient, ':', 2)::uuid AS rid, n.status, n.last_error, n.created_at
           FROM notifications n
          WHERE n.recipient LIKE 'person:%' OR n.recipient LIKE 'contact:%'
          ORDER BY n.recipient, n.created_at DESC, n.id DESC)
       SELECT n.kind, n.rid AS id, COALESCE(p.name, c.name) AS name,
              COALESCE(p.phone, c.phone) AS phone,
              p.unit_code AS "unitCode", u.name AS "unitName",
              COALESCE(p.subdistrict_code, wp.subdistrict_code) AS "subdistrictCode",
              n.last_error AS "lastError", n.created_at AS at, false AS "neverAnswered"
         FROM last n
         LEFT JOIN responsible_persons p ON n.kind = 'person' AND p.id = n.rid
         LEFT JOIN member_units u ON u.code = p.unit_code
         LEFT JOIN contacts c ON n.kind = 'contact' AND c.id = n.rid
         LEFT JOIN waterlogging_points wp ON wp.id = c.point_id
        WHERE ${FAILED_MESSAGE} AND COALESCE(p.id, c.id) IS NOT NULL
        ORDER BY 7, 5, 3`,
    );
    // Called (a 叫应 or a dispatch) past its window, and never answered any.
    const never: DeliveryHealthRow[] = await this.ds.query(
      `WITH asked AS (
         SELECT 'person' AS kind, person_id AS id, bool_or(answered_at IS NOT NULL) AS answered
           FROM calls WHERE person_id IS NOT NULL AND deadline < $1 GROUP BY person_id
         UNION ALL
         SELECT 'contact', contact_id, bool_or(answered_at IS NOT NULL)
           FROM calls WHERE contact_id IS NOT NULL AND deadline < $1 GROUP BY contact_id
         UNION ALL
         SELECT 'contact', contact_id, bool_or(acknowledged_at IS NOT NULL)
           FROM dispatches WHERE ack_deadline < $1 GROUP BY contact_id),
       never AS (SELECT kind, id FROM asked GROUP BY kind, id HAVING NOT bool_or(answered))
       SELECT n.kind, n.id, COALESCE(p.name, c.name) AS name, COALESCE(p.phone, c.phone) AS phone,
              p.unit_code AS "unitCode", u.name AS "unitName",
              COALESCE(p.subdistrict_code, wp.subdistrict_code) AS "subdistrictCode",
              NULL AS "lastError", NULL AS "lastFailedAt", true AS "neverAnswered"
         FROM never n
         LEFT JOIN responsible_persons p ON n.kind = 'person' AND p.id = n.id
         LEFT JOIN member_units u ON u.code = p.unit_code
         LEFT JOIN contacts c ON n.kind = 'contact' AND c.id = n.id
         LEFT JOIN waterlogging_points wp ON wp.id = c.point_id
        WHERE COALESCE(p.id, c.id) IS NOT NULL
        ORDER BY 7, 5, 3`,
      [now],
    );
    const noBackup = (
      await this.ds.query<Parameters<typeof toPersonDto>[0][]>(
        `${PERSON_DETAIL} WHERE p.backup_id IS NULL ORDER BY p.subdistrict_code, p.unit_code, p.name`,
      )
    ).map(toPersonDto);
    const failedRows: DeliveryHealthRow[] = failed.map(({ at, ...r }) => ({
      ...r,
      lastFailedAt: at?.toISOString() ?? null,
    }));
    const subs = new Map<
      string,
      { code: string; failed: number; neverAnswered: number; noBackup: number }
    >();
    const units = new Map<
      string,
      { code: string; name: string; failed: number; neverAnswered: number; noBackup: number }
    >();
    const bump = (
      sub: string | null,
      unit: string | null,
      unitName: string | null,
      k: 'failed' | 'neverAnswered' | 'noBackup',
    ): void => {
      const s = subs.get(sub ?? '-') ?? {
        code: sub ?? '-',
        failed: 0,
        neverAnswered: 0,
        noBackup: 0,
      };
      s[k] += 1;
      subs.set(s.code, s);
      if (unit) {
        const u = units.get(unit) ?? {
          code: unit,
          name: unitName ?? unit,
          failed: 0,
          neverAnswered: 0,
          noBackup: 0,
        };
        u[k] += 1;
        units.set(unit, u);
      }
    };
    for (const r of failedRows) bump(r.subdistrictCode, r.unitCode, r.unitName, 'failed');
    for (const r of never) bump(r.subdistrictCode, r.unitCode, r.unitName, 'neverAnswered');
    for (const p of noBackup) bump(p.subdistrictCode, p.unitCode, p.unitName, 'noBackup');
    return {
      failed: failedRows,
      neverAnswered: never,
      noBackup,
      bySubdistrict: [...subs.values()].sort((a, b) => a.code.localeCompare(b.code)),
      byUnit: [...units.values()].sort((a, b) => a.code.localeCompare(b.code)),
    };
  }

  /** Starts a drill: every person (and point contact) in scope gets a drill call. */
  async startDrill(actor: string, d: DrillStart): Promise<DrillDto> {
    let scopeName = '全区';
    if (d.scope === 'subdistrict') {
      const [s] = await this.ds.query<{ name: string }[]>(
        `SELECT name FROM subdistricts WHERE code = $1`,
        [d.code],
      );
      if (!s)
        throw new ApiException(
          HttpStatus.UNPROCESSABLE_ENTITY,
          'VALIDATION_FAILED',
          `no subdistrict ${d.code}`,
          'body.code',
        );
      scopeName = s.name;
    } else if (d.scope === 'unit') {
      const [u] = await this.ds.query<{ name: string }[]>(
        `SELECT name FROM member_units WHERE code = $1`,
        [d.code],
      );
      if (!u)
        throw new ApiException(
          HttpStatus.UNPROCESSABLE_ENTITY,
          'VALIDATION_FAILED',
          `no member unit ${d.code}`,
          'body.code',
        );
      scopeName = u.name;
    }
    const id = randomUUID();
    const { result } = await this.events.writeWithEvents(actor, async (tx) => {
      const now = new Date();
      await tx.manager.query(
        `INSERT INTO drills (id, scope, code, note, started_by, started_at)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [id, d.scope, d.scope === 'district' ? null : d.code, d.note, actor, now],
      );
      const targets = await this.calls.targets(tx.manager, {
        subdistrictCodes: d.scope === 'subdistrict' && d.code ? [d.code] : null,
        duties: null,
        unitCode: d.scope === 'unit' ? d.code : null,
        pointContacts: d.scope !== 'unit',
      });
      const batch = await this.calls.startRound(
        tx,
        {
          warningId: null,
          drillId: id,
          drill: true,
          reason: 'drill',
          hazard: null,
          colour: null,
          headline: drillTitle(scopeName),
          expires: null,
          subdistrictCodes: d.scope === 'subdistrict' && d.code ? [d.code] : [],
        },
        targets,
      );
      return batch;
    });
    this.outbox.kick([result]);
    const [out] = await this.drills(id);
    if (!out) throw notFound('drill');
    return out;
  }

  async drills(id?: string): Promise<DrillDto[]> {
    const rows: {
      id: string;
      scope: DrillDto['scope'];
      code: string | null;
      note: string;
      started_by: string;
      started_at: Date;
      called: string;
      answered: string;
    }[] = await this.ds.query(
      `SELECT d.*, count(c.id) AS called, count(c.answered_at) AS answered
         FROM drills d LEFT JOIN calls c ON c.drill_id = d.id
        WHERE ($1::uuid IS NULL OR d.id = $1)
        GROUP BY d.id ORDER BY d.started_at DESC LIMIT 200`,
      [id ?? null],
    );
    return rows.map((r) => ({
      id: r.id,
      scope: r.scope,
      code: r.code,
      note: r.note,
      startedBy: r.started_by,
      startedAt: r.started_at.toISOString(),
      called: Number(r.called),
      answered: Number(r.answered),
    }));
  }

  async drillReport(id: string): Promise<DrillReportDto> {
    const [d] = await this.drills(id);
    if (!d) throw notFound('drill');
    const rows: BoardRow[] = await this.ds.query(
      `SELECT c.*, u.name AS unit_name FROM calls c
         LEFT JOIN member_units u ON u.code = c.unit_code
        WHERE c.drill_id = $1 ORDER BY c.answered_at NULLS LAST, c.subdistrict_code, c.name`,
      [id],
    );
    const answeredCalls = rows
      .filter((r) => r.answered_at)
      .map((r) => ({
        ...toCall(r),
        seconds: Math.round(((r.answered_at?.getTime() ?? 0) - r.called_at.getTime()) / 1000),
      }));
    const secs = answeredCalls.map((a) => a.seconds).sort((a, b) => a - b);
    const mid = Math.floor(secs.length / 2);
    const median =
      secs.length === 0
        ? null
        : secs.length % 2
          ? (secs[mid] ?? null)
          : ((secs[mid - 1] ?? 0) + (secs[mid] ?? 0)) / 2;
    return {
      ...d,
      answeredCalls,
      unanswered: rows.filter((r) => !r.answered_at).map(toCall),
      medianSeconds: median,
    };
  }
}
