import { randomInt, randomUUID } from 'node:crypto';
import { HttpStatus, Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { AckViewDto, CallReason, CallStatus } from '@sanfang/shared';
import type { DataSource, EntityManager } from 'typeorm';
import { ApiException } from '../common/api-exception';
import { CLOCK, type Clock } from '../core/clock';
import type { EventTx } from '../events/event-log';
import { EventLog } from '../events/event-log.service';
import { Timers } from '../timers/timers.service';
import { AckExtensions } from '../dispatch/ack-extensions';
import type { AckTokens } from '../dispatch/ack-token';
import { normalisePhone } from '../dispatch/ack.service';
import { DISPATCH_CONFIG, type DispatchConfig } from '../dispatch/dispatch.config';
import { DispatchRepository } from '../dispatch/dispatch.repository';
import { ACK_TOKENS } from '../dispatch/dispatch.tokens';
import { Outbox } from '../dispatch/notify/outbox.service';
import { LASTMILE_CONFIG, type LastMileConfig } from './lastmile.config';
import { PRIORITY } from '../dispatch/notify/channel';
import { backupText, callText, dutyOfficerText, leaderText, standDownText } from './messages';

export const CALL_DEADLINE_QUEUE = 'calls.deadline';
/** Rungs: 1 repeat to the person, 2 the backup person, 3 the unit's leader, 4 the district. */
export const LAST_RUNG = 4;

type Msg = Parameters<Outbox['record']>[1][number];

/** Someone to call: a responsible person or a point contact. */
export interface Target {
  kind: 'person' | 'contact';
  id: string;
  name: string;
  phone: string;
  unitCode: string | null;
  subdistrictCode: string | null;
  duty: string;
}

export interface RoundSpec {
  warningId: string | null;
  drillId: string | null;
  drill: boolean;
  reason: CallReason;
  hazard: string | null;
  colour: string | null;
  headline: string;
  expires: Date | null;
  /** Event visibility: the warning's zone ([] = district-wide). */
  subdistrictCodes: string[];
}

interface CallRow {
  id: string;
  round_id: string;
  warning_id: string | null;
  drill_id: string | null;
  drill: boolean;
  person_id: string | null;
  contact_id: string | null;
  name: string;
  phone: string;
  unit_code: string | null;
  unit_name: string | null;
  subdistrict_code: string | null;
  duty: string;
  code: string;
  called_at: Date;
  deadline: Date;
  answered_at: Date | null;
  answered_late: boolean | null;
  step: number;
  notified_phones: string[];
  status: CallStatus;
  closed_at: Date | null;
  headline: string;
}

const CALL_DETAIL = `SELECT c.*, u.name AS unit_name, r.headline
  FROM calls c JOIN call_rounds r ON r.id = c.round_id
  LEFT JOIN member_units u ON u.code = c.unit_code`;

const expired = (): ApiException =>
  new ApiException(HttpStatus.GONE, 'ACK_TOKEN_EXPIRED', undefined, 'token');
const tooOld = (): ApiException =>
  new ApiException(HttpStatus.GONE, 'ACK_LINK_TOO_OLD', undefined, 'token');

/**
 * 叫应: rounds of calls to responsible persons and point contacts (a warning issued, upgraded
 * or extended; a reachability drill), their answers through the dispatch ack page and SMS
 * codes, the escalation ladder on durable timers, and the stand-down.
 */
@Injectable()
export class CallsService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly events: EventLog,
    private readonly timers: Timers,
    private readonly outbox: Outbox,
    private readonly dispatches: DispatchRepository,
    private readonly extensions: AckExtensions,
    @Inject(ACK_TOKENS) private readonly tokens: AckTokens,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(DISPATCH_CONFIG) private readonly dispatchConfig: DispatchConfig,
    @Inject(LASTMILE_CONFIG) private readonly config: LastMileConfig,
  ) {}

  onModuleInit(): void {
    this.timers.handle<{ roundId: string; step: number }>(CALL_DEADLINE_QUEUE, (d) =>
      this.escalate(d.roundId, d.step).then(() => undefined),
    );
    this.extensions.register({
      view: (id) => this.view(id),
      answer: (id, actor) => this.answerById(id, actor),
      bySms: (code, phone) => this.answerBySms(code, phone),
    });
  }

  link(callId: string): string {
    return `${this.dispatchConfig.publicBaseUrl}/ack/${this.tokens.sign(callId)}`;
  }

  /** Persons (and, if asked, point contacts) in scope; one call per phone, persons first. */
  async targets(
    m: EntityManager,
    o: {
      subdistrictCodes: string[] | null;
      duties: string[] | null;
      unitCode: string | null;
      pointContacts: boolean;
    },
  ): Promise<Target[]> {
    const persons: Target[] = await m.query(
      `SELECT 'person' AS kind, id, name, phone, unit_code AS "unitCode",
              subdistrict_code AS "subdistrictCode", duty
         FROM responsible_persons
        WHERE ($1::text[] IS NULL OR subdistrict_code = ANY($1))
          AND ($2::text[] IS NULL OR duty = ANY($2))
          AND ($3::text IS NULL OR unit_code = $3)
        ORDER BY subdistrict_code, unit_code, name, id`,
      [o.subdistrictCodes, o.duties, o.unitCode],
    );
    const contacts: Target[] = o.pointContacts
      ? await m.query(
          `SELECT 'contact' AS kind, c.id, c.name, c.phone, NULL AS "unitCode",
                  p.subdistrict_code AS "subdistrictCode", c.role AS duty
             FROM contacts c JOIN waterlogging_points p ON p.id = c.point_id
            WHERE p.retired_at IS NULL AND c.role <> 'onsite_lead_backup'
              AND ($1::text[] IS NULL OR p.subdistrict_code = ANY($1))
            ORDER BY p.subdistrict_code, p.code, c.role`,
          [o.subdistrictCodes],
        )
      : [];
    const seen = new Set<string>();
    const out: Target[] = [];
    for (const t of [...persons, ...contacts]) {
      const key = normalisePhone(t.phone);
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(t);
    }
    return out;
  }

  /**
   * One round of calls in `tx`: earlier open calls of the same warning are superseded (closed
   * without a message), every target gets a call with its own link and reply code, and the
   * round's first rung is a durable timer at the answer window's end.
   */
  async startRound(tx: EventTx, spec: RoundSpec, targets: Target[]): Promise<string | null> {
    const m = tx.manager;
    const now = this.clock.now();
    const roundId = randomUUID();
    const deadline = new Date(now.getTime() + this.config.answerWindowS * 1000);
    if (spec.warningId) {
      await m.query(
        // Through the warning's rounds (a few rows): calls carry no index of their own by warning.
        `UPDATE calls SET closed_at = $2, status = 'stood_down'
          WHERE round_id IN (SELECT id FROM call_rounds WHERE warning_id = $1) AND closed_at IS NULL`,
        [spec.warningId, now],
      );
    }
    await m.query(
      `INSERT INTO call_rounds (id, warning_id, drill_id, drill, reason, hazard, colour, headline,
                                expires, started_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        roundId,
        spec.warningId,
        spec.drillId,
        spec.drill,
        spec.reason,
        spec.hazard,
        spec.colour,
        spec.headline,
        spec.expires,
        now,
      ],
    );
    // A reply code differs from the codes of the phone's open dispatches (read here) and open
    // calls (the unique index uq_calls_phone_code: the insert skips a taken pair; the codes of
    // those few phones are read and their calls drawn again).
    const taken = await this.dispatches.liveCodes(m, [...new Set(targets.map((t) => t.phone))]);
    const draw = (phone: string): string => {
      const used = taken.get(phone) ?? new Set<string>();
      taken.set(phone, used);
      if (used.size >= 9_000) throw new Error(`every reply code of ${phone} is in use`);
      let code = String(randomInt(1000, 10_000));
      while (used.has(code)) code = String(randomInt(1000, 10_000));
      used.add(code);
      return code;
    };
    const rows = targets.map((t) => ({ ...t, callId: randomUUID(), code: draw(t.phone) }));
    if (rows.length > 0) {
      let pending = rows;
      for (let attempt = 0; pending.length > 0; attempt++) {
        if (attempt === 5) throw new Error(`no free reply code for ${pending.length} call(s)`);
        const inserted = await this.insertCalls(m, roundId, spec, now, deadline, pending);
        pending = pending.filter((r) => !inserted.has(r.callId));
        if (pending.length === 0) break;
        const open: { phone: string; code: string }[] = await m.query(
          `SELECT phone, code FROM calls WHERE closed_at IS NULL AND phone = ANY($1::text[])`,
          [[...new Set(pending.map((r) => r.phone))]],
        );
        for (const o of open) taken.get(o.phone)?.add(o.code);
        // The same row objects as `rows`: the messages below carry the codes finally stored.
        for (const r of pending) r.code = draw(r.phone);
      }
      await this.timers.schedule(m, CALL_DEADLINE_QUEUE, `${roundId}:1`, deadline, {
        roundId,
        step: 1,
      });
    }
    const minutes = Math.max(1, Math.round(this.config.answerWindowS / 60));
    const msgs: Msg[] = rows.map((r) => ({
      dispatchId: null,
      callId: r.callId,
      kind: 'call',
      recipient: `${r.kind}:${r.id}`,
      address: r.phone,
      // Under the gateway's rate: on-site leads first, then everyone a red warning calls.
      priority:
        r.duty === 'onsite_lead'
          ? PRIORITY.onsiteLead
          : spec.colour === 'red'
            ? PRIORITY.redWarning
            : PRIORITY.normal,
      duty: r.duty,
      text: callText({
        drill: spec.drill,
        title: spec.headline,
        name: r.name,
        code: r.code,
        link: this.link(r.callId),
        minutes,
      }),
    }));
    tx.emit(
      'calls.started',
      {
        roundId,
        warningId: spec.warningId,
        drillId: spec.drillId,
        drill: spec.drill,
        reason: spec.reason,
        hazard: spec.hazard,
        colour: spec.colour,
        called: rows.length,
        headline: spec.headline,
      },
      { subdistrictCodes: spec.subdistrictCodes },
    );
    return this.outbox.record(m, msgs);
  }

  /** Sends 解除 to everyone of the warning not yet stood down (one message a phone). */
  async standDown(
    tx: EventTx,
    warningId: string,
    reason: string,
    subdistrictCodes: string[],
  ): Promise<string | null> {
    const m = tx.manager;
    const now = this.clock.now();
    const rows: CallRow[] = await m.query(
      // (A CTE: TypeORM returns [rows, count] for a bare UPDATE … RETURNING.)
      `WITH u AS (
         UPDATE calls c SET status = 'stood_down', closed_at = COALESCE(c.closed_at, $2)
           FROM call_rounds r
          WHERE r.id = c.round_id AND r.warning_id = $1 AND c.status <> 'stood_down'
         RETURNING c.*, r.headline)
       SELECT * FROM u ORDER BY called_at, name`,
      [warningId, now],
    );
    if (rows.length === 0) return null;
    const seen = new Set<string>();
    const msgs: Msg[] = [];
    for (const r of rows) {
      const key = normalisePhone(r.phone);
      if (seen.has(key)) continue;
      seen.add(key);
      msgs.push({
        dispatchId: null,
        callId: r.id,
        duty: r.duty,
        kind: 'call_stand_down',
        recipient: r.person_id ? `person:${r.person_id}` : `contact:${r.contact_id}`,
        address: r.phone,
        text: standDownText({ drill: r.drill, title: r.headline }),
      });
    }
    tx.emit(
      'calls.stood_down',
      { warningId, drillId: null, count: msgs.length, reason },
      { subdistrictCodes },
    );
    return this.outbox.record(m, msgs);
  }

  /** One rung of the ladder for a round's unanswered calls; exactly once (the round's step). */
  async escalate(roundId: string, step: number): Promise<boolean> {
    const { result } = await this.events.writeWithEvents(
      'escalation',
      async (tx) => {
        const m = tx.manager;
        const [round] = await m.query<
          {
            id: string;
            step: number;
            warning_id: string | null;
            drill_id: string | null;
            drill: boolean;
            headline: string;
          }[]
        >(`SELECT * FROM call_rounds WHERE id = $1 FOR UPDATE`, [roundId]);
        if (!round || round.step >= step) return null;
        const open: CallRow[] = await m.query(
          `${CALL_DETAIL} WHERE c.round_id = $1 AND c.closed_at IS NULL AND c.answered_at IS NULL
            ORDER BY c.subdistrict_code, c.unit_code, c.name`,
          [roundId],
        );
        await m.query(`UPDATE call_rounds SET step = $2 WHERE id = $1`, [roundId, step]);
        if (open.length === 0) return null;
        const msgs: Msg[] = [];
        const added = new Map<string, string>();
        const base = { drill: round.drill, title: round.headline };
        if (step === 1) {
          const minutes = Math.max(1, Math.round(this.config.stepS / 60));
          for (const c of open)
            msgs.push({
              dispatchId: null,
              callId: c.id,
              duty: c.duty,
              kind: 'call',
              recipient: c.person_id ? `person:${c.person_id}` : `contact:${c.contact_id}`,
              address: c.phone,
              text: callText({
                ...base,
                name: c.name,
                code: c.code,
                link: this.link(c.id),
                minutes,
                again: true,
              }),
            });
        } else if (step === 2) {
          const backups: { call_id: string; id: string; name: string; phone: string }[] =
            await m.query(
              `SELECT c.id AS call_id, b.id, b.name, b.phone
                 FROM calls c JOIN responsible_persons p ON p.id = c.person_id
                 JOIN responsible_persons b ON b.id = p.backup_id
                WHERE c.id = ANY($1::uuid[])`,
              [open.map((c) => c.id)],
            );
          const byCall = new Map(open.map((c) => [c.id, c]));
          for (const b of backups) {
            const c = byCall.get(b.call_id);
            if (!c) continue;
            added.set(c.id, b.phone);
            msgs.push({
              dispatchId: null,
              callId: c.id,
              duty: c.duty,
              kind: 'call_escalation',
              recipient: `person:${b.id}`,
              address: b.phone,
              text: backupText({
                ...base,
                name: b.name,
                forName: c.name,
                code: c.code,
                link: this.link(c.id),
              }),
            });
          }
        } else if (step === 3) {
          const leaders: { unit_code: string; id: string; phone: string }[] = await m.query(
            `SELECT DISTINCT ON (unit_code) unit_code, id, phone FROM responsible_persons
              WHERE leader AND unit_code = ANY($1::text[]) ORDER BY unit_code, name, id`,
            [[...new Set(open.flatMap((c) => (c.unit_code ? [c.unit_code] : [])))]],
          );
          for (const l of leaders) {
            const names = open
              .filter((c) => c.unit_code === l.unit_code && c.person_id !== l.id)
              .map((c) => c.name);
            if (names.length === 0) continue;
            msgs.push({
              dispatchId: null,
              kind: 'call_escalation',
              recipient: `person:${l.id}`,
              address: l.phone,
              text: leaderText({ ...base, names }),
            });
          }
        } else {
          const users: { username: string }[] = await m.query(
            `SELECT username FROM users WHERE NOT disabled AND deleted_at IS NULL
                AND role = 'duty_officer' AND subdistrict_code IS NULL ORDER BY username`,
          );
          for (const u of users)
            msgs.push({
              dispatchId: null,
              kind: 'call_escalation',
              recipient: `user:${u.username}`,
              address: u.username,
              text: dutyOfficerText({ ...base, count: open.length }),
            });
        }
        await m.query(
          `UPDATE calls c SET step = $2, status = 'escalated',
                  notified_phones = CASE WHEN x.phone IS NULL THEN c.notified_phones
                                         ELSE array_append(c.notified_phones, x.phone) END
             FROM unnest($1::uuid[], $3::text[]) AS x(id, phone)
            WHERE c.id = x.id`,
          [open.map((c) => c.id), step, open.map((c) => added.get(c.id) ?? null)],
        );
        tx.emit(
          'calls.escalated',
          {
            roundId,
            warningId: round.warning_id,
            drillId: round.drill_id,
            drill: round.drill,
            step,
            count: open.length,
            sent: msgs.length,
          },
          { subdistrictCodes: [] },
        );
        if (step < LAST_RUNG) {
          const at = new Date(this.clock.now().getTime() + this.config.stepS * 1000);
          await this.timers.schedule(m, CALL_DEADLINE_QUEUE, `${roundId}:${step + 1}`, at, {
            roundId,
            step: step + 1,
          });
        }
        return this.outbox.record(m, msgs);
      },
      { allowNoEvent: true },
    );
    if (result === null) return false;
    this.outbox.kick([result]);
    return true;
  }

  /** Inserts calls; a (phone, code) pair an open call already has is skipped. Returns the ids inserted. */
  private async insertCalls(
    m: EntityManager,
    roundId: string,
    spec: RoundSpec,
    now: Date,
    deadline: Date,
    rows: readonly (Target & { callId: string; code: string })[],
  ): Promise<Set<string>> {
    const inserted: { id: string }[] = await m.query(
      `INSERT INTO calls (id, round_id, warning_id, drill_id, drill, person_id, contact_id, name,
                          phone, unit_code, subdistrict_code, duty, code, called_at, deadline,
                          notified_phones, status)
       SELECT x.id, $1, $2, $3, $4, x.person_id, x.contact_id, x.name, x.phone, x.unit_code,
              x.subdistrict_code, x.duty, x.code, $5, $6, ARRAY[x.phone], 'called'
         FROM unnest($7::uuid[], $8::uuid[], $9::uuid[], $10::text[], $11::text[], $12::text[],
                     $13::text[], $14::text[], $15::text[])
              AS x(id, person_id, contact_id, name, phone, unit_code, subdistrict_code, duty, code)
       ON CONFLICT (phone, code) WHERE closed_at IS NULL DO NOTHING
       RETURNING id`,
      [
        roundId,
        spec.warningId,
        spec.drillId,
        spec.drill,
        now,
        deadline,
        rows.map((r) => r.callId),
        rows.map((r) => (r.kind === 'person' ? r.id : null)),
        rows.map((r) => (r.kind === 'contact' ? r.id : null)),
        rows.map((r) => r.name),
        rows.map((r) => r.phone),
        rows.map((r) => r.unitCode),
        rows.map((r) => r.subdistrictCode),
        rows.map((r) => r.duty),
        rows.map((r) => r.code),
      ],
    );
    return new Set(inserted.map((r) => r.id));
  }

  private toView(c: CallRow, unchanged?: boolean): AckViewDto {
    const status =
      c.status === 'answered'
        ? 'acknowledged'
        : c.status === 'stood_down'
          ? 'stood_down'
          : c.status === 'escalated'
            ? 'escalated'
            : 'notified';
    return {
      dispatchId: c.id,
      status,
      role: 'onsite_lead',
      contactName: c.name,
      pointName: c.headline,
      pointCode: c.unit_name ?? '',
      pointLocation: [0, 0],
      hazard: 'flood',
      level: 'attention',
      code: c.code,
      ackDeadline: c.deadline.toISOString(),
      arriveDeadline: null,
      acknowledgedAt: c.answered_at?.toISOString() ?? null,
      ackLate: c.answered_late,
      arrivedAt: null,
      arriveLate: null,
      arrivalFar: null,
      ...(unchanged === undefined ? {} : { unchanged }),
      call: { title: c.headline, drill: c.drill, unitName: c.unit_name, duty: c.duty },
    };
  }

  private checkAge(c: CallRow): void {
    if (this.clock.now().getTime() - c.called_at.getTime() > this.dispatchConfig.ackLinkMaxAgeMs)
      throw tooOld();
  }

  async view(id: string): Promise<AckViewDto | null> {
    const [c] = await this.ds.query<CallRow[]>(`${CALL_DETAIL} WHERE c.id = $1`, [id]);
    if (!c) return null;
    this.checkAge(c);
    // A superseded call (upgrade, extension) still shows; a stood-down one is refused.
    if (c.status === 'stood_down' && c.answered_at === null && !(await this.superseded(c)))
      throw expired();
    return this.toView(c);
  }

  private async superseded(c: CallRow): Promise<boolean> {
    if (!c.warning_id) return false;
    const [r] = await this.ds.query<{ n: string }[]>(
      `SELECT count(*) AS n FROM calls c JOIN call_rounds r ON r.id = c.round_id
        WHERE r.warning_id = $1 AND c.status <> 'stood_down'`,
      [c.warning_id],
    );
    return Number(r?.n ?? 0) > 0;
  }

  async answerById(id: string, actor: string): Promise<AckViewDto | null> {
    const [c] = await this.ds.query<CallRow[]>(`${CALL_DETAIL} WHERE c.id = $1`, [id]);
    if (!c) return null;
    this.checkAge(c);
    return this.answer(id, actor);
  }

  async answerBySms(code: string, phone: string): Promise<AckViewDto | null> {
    const mineOf = (rows: CallRow[]) =>
      rows.filter((c) => c.notified_phones.some((p) => normalisePhone(p) === phone));
    // An open call first, through the open calls' code index; a closed one (a late or repeated
    // answer) only when no open call of this phone has the code.
    const open = mineOf(
      await this.ds.query<CallRow[]>(
        `${CALL_DETAIL} WHERE c.code = $1 AND c.closed_at IS NULL ORDER BY c.called_at DESC`,
        [code],
      ),
    );
    const c =
      open[0] ??
      mineOf(
        await this.ds.query<CallRow[]>(
          `${CALL_DETAIL} WHERE c.code = $1 ORDER BY c.called_at DESC LIMIT 50`,
          [code],
        ),
      )[0];
    if (!c) return null;
    const who = normalisePhone(c.phone) === phone ? 'sms' : 'sms-backup';
    return this.answer(c.id, `${who}:${phone}`);
  }

  /** The answer: once; late past the window (still recorded); refused once stood down. */
  private async answer(id: string, actor: string): Promise<AckViewDto> {
    const { result } = await this.events.writeWithEvents(
      actor,
      async (tx) => {
        const m = tx.manager;
        const [c] = await m.query<CallRow[]>(`${CALL_DETAIL} WHERE c.id = $1 FOR UPDATE OF c`, [
          id,
        ]);
        if (!c) throw expired();
        if (c.answered_at) return this.toView(c, true);
        if (c.status === 'stood_down') throw expired();
        const now = this.clock.now();
        const late = now.getTime() > c.deadline.getTime();
        await m.query(
          `UPDATE calls SET answered_at = $2, answered_late = $3, answered_by = $4,
                  status = 'answered', closed_at = $2 WHERE id = $1`,
          [id, now, late, actor],
        );
        tx.emit(
          'call.answered',
          {
            callId: c.id,
            roundId: c.round_id,
            warningId: c.warning_id,
            drillId: c.drill_id,
            drill: c.drill,
            name: c.name,
            unitCode: c.unit_code,
            subdistrictCode: c.subdistrict_code,
            late,
            step: c.step,
          },
          { subdistrictCodes: c.subdistrict_code ? [c.subdistrict_code] : [] },
        );
        return this.toView(
          { ...c, answered_at: now, answered_late: late, status: 'answered', closed_at: now },
          false,
        );
      },
      { allowNoEvent: true },
    );
    return result;
  }
}
