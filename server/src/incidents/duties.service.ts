import { randomUUID } from 'node:crypto';
import { HttpStatus, Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { CompleteDuty, ReportingDutyDto } from '@sanfang/shared';
import type { EntityManager } from 'typeorm';
import type { AuthUser } from '../auth/auth.types';
import { ApiException, notFound } from '../common/api-exception';
import { CLOCK, type Clock } from '../core/clock';
import type { EventTx } from '../events/event-log';
import { EventLog } from '../events/event-log.service';
import { Timers } from '../timers/timers.service';
import { isOnTime, ruleApplies } from './duty-rules';
import type { DutyRule } from './entities/duty-rule.entity';
import type { Incident } from './entities/incident.entity';
import { ReportingDuty } from './entities/reporting-duty.entity';
import { IncidentsRepository } from './incidents.repository';
import { scopeOf, toDutyDto, toDutyPayload } from './incidents.mapper';

export const DUTY_DUE_QUEUE = 'incidents.duty_due';
export const DUTY_ESCALATE_QUEUE = 'incidents.duty_escalate';

export interface DueData {
  dutyId: string;
  dueAt: string;
}

const addSeconds = (d: Date, s: number): Date => new Date(d.getTime() + s * 1000);

/** A pending duty of rule `r` for the incident, due at `dueAt`. */
function dutyRow(
  i: Incident,
  r: DutyRule,
  seqNo: number,
  at: Date,
  dueAt: Date,
  id: string,
): ReportingDuty {
  return Object.assign(new ReportingDuty(), {
    id,
    incidentId: i.id,
    ruleCode: r.code,
    name: r.name,
    target: r.target,
    grade: i.grade,
    seqNo,
    startedAt: at,
    dueAt,
    escalateAfterSeconds: r.escalateAfterSeconds,
    status: 'pending' as const,
    doneAt: null,
    doneBy: null,
    note: '',
    onTime: null,
    overdueAt: null,
    escalatedAt: null,
  });
}

const dueTimer = (d: ReportingDuty) => ({
  key: dueKey(d),
  at: d.dueAt,
  data: { dutyId: d.id, dueAt: d.dueAt.toISOString() } satisfies DueData,
});
// Keys name one intended firing: the duty and its deadline (or its escalation step).
const dueKey = (d: ReportingDuty): string => `${d.id}@${d.dueAt.toISOString()}`;
const escalateKey = (d: ReportingDuty): string => `${d.id}@escalate`;

/**
 * Reporting duties: started by grade, casualty changes and follow-up intervals; each has a due
 * time backed by a durable timer. Overdue → console alarm; still undone after the rule's delay
 * → escalated. Handlers re-check state under a row lock, so a late or repeated firing is a no-op.
 */
@Injectable()
export class DutiesService implements OnModuleInit {
  constructor(
    private readonly events: EventLog,
    private readonly timers: Timers,
    private readonly repo: IncidentsRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.timers.handle<DueData>(DUTY_DUE_QUEUE, (d) => this.onDue(d));
    this.timers.handle<DueData>(DUTY_ESCALATE_QUEUE, (d) => this.onEscalate(d));
  }

  /** The duties of the incident's current grade (and its first follow-up). */
  async startGradeDuties(tx: EventTx, i: Incident, at: Date): Promise<void> {
    for (const r of await this.repo.rules(tx.manager)) {
      if (!ruleApplies(r, i.grade)) continue;
      if (r.trigger === 'grade')
        await this.start(tx, i, r, 0, at, addSeconds(at, r.dueAfterSeconds));
      if (r.trigger === 'followup')
        await this.start(tx, i, r, 1, at, addSeconds(at, r.dueAfterSeconds));
    }
  }

  /** A supplementary report (补报) for changed casualty figures, one per incident version. */
  async startSupplementary(tx: EventTx, i: Incident, at: Date): Promise<void> {
    for (const r of await this.repo.rules(tx.manager)) {
      if (r.trigger === 'casualty_change' && ruleApplies(r, i.grade))
        await this.start(tx, i, r, i.version, at, addSeconds(at, r.dueAfterSeconds));
    }
  }

  /**
   * After re-grading, pending grade/follow-up duties of another grade give way to the new
   * grade's (done ones stay on record as they were).
   */
  async supersedeOtherGrades(tx: EventTx, i: Incident): Promise<void> {
    const rows = await this.pending(tx.manager, i.id);
    const rules = new Map((await this.repo.rules(tx.manager)).map((r) => [r.code, r]));
    for (const d of rows) {
      const trigger = rules.get(d.ruleCode)?.trigger;
      if (d.grade !== i.grade && trigger !== 'casualty_change') await this.supersede(tx, i, d);
    }
  }

  /** Resolved/closed: no more follow-up reports are due. */
  async endFollowups(tx: EventTx, i: Incident): Promise<void> {
    const rules = new Map((await this.repo.rules(tx.manager)).map((r) => [r.code, r]));
    for (const d of await this.pending(tx.manager, i.id))
      if (rules.get(d.ruleCode)?.trigger === 'followup') await this.supersede(tx, i, d);
  }

  async list(incidentId: string): Promise<ReportingDutyDto[]> {
    return (await this.repo.duties(incidentId)).map(toDutyDto);
  }

  async complete(
    user: AuthUser,
    incidentId: string,
    dutyId: string,
    body: CompleteDuty,
  ): Promise<ReportingDutyDto> {
    return this.events.write(user.username, async (tx) => {
      const d = await this.repo.lockedDuty(tx.manager, dutyId, incidentId);
      if (!d) throw notFound('Reporting duty');
      if (d.status === 'done' || d.status === 'superseded')
        throw new ApiException(HttpStatus.CONFLICT, 'DUTY_ALREADY_DONE', `Duty is ${d.status}`);
      const i = await this.repo.get(tx.manager, incidentId);
      if (!i) throw notFound('Incident');
      const now = this.clock.now();
      d.status = 'done';
      d.doneAt = now;
      d.doneBy = user.username;
      d.note = body.note;
      d.onTime = isOnTime(now, d.dueAt);
      await this.repo.saveDuty(tx.manager, d);
      await this.timers.cancel(tx.manager, DUTY_DUE_QUEUE, dueKey(d));
      await this.timers.cancel(tx.manager, DUTY_ESCALATE_QUEUE, escalateKey(d));
      tx.emit('incident.duty_done', toDutyPayload(d), scopeOf(i));
      // The next follow-up (续报) falls due one interval after this one was made.
      const rule = (await this.repo.rules(tx.manager)).find((r) => r.code === d.ruleCode);
      const open = i.status !== 'resolved' && i.status !== 'closed';
      if (rule?.trigger === 'followup' && open && ruleApplies(rule, i.grade))
        await this.start(tx, i, rule, d.seqNo + 1, now, addSeconds(now, rule.dueAfterSeconds));
      return toDutyDto(d);
    });
  }

  private pending(m: EntityManager, incidentId: string): Promise<ReportingDuty[]> {
    return this.repo.undoneDuties(m, incidentId);
  }

  /**
   * The first duties of a new incident, as rows with their due timers (nothing can exist yet,
   * so no conflict is possible). The caller writes them; `started` emits their events.
   */
  newIncidentDuties(
    i: Incident,
    at: Date,
    rules: readonly DutyRule[],
  ): { rows: ReportingDuty[]; timers: { key: string; at: Date; data: DueData }[] } {
    const rows: ReportingDuty[] = [];
    for (const r of rules) {
      if (!ruleApplies(r, i.grade)) continue;
      if (r.trigger === 'grade')
        rows.push(dutyRow(i, r, 0, at, addSeconds(at, r.dueAfterSeconds), randomUUID()));
      if (r.trigger === 'followup')
        rows.push(dutyRow(i, r, 1, at, addSeconds(at, r.dueAfterSeconds), randomUUID()));
    }
    return { rows, timers: rows.map(dueTimer) };
  }

  /** Due timers of new duties, in one statement that travels with the commit. */
  scheduleDue(tx: EventTx, timers: readonly { key: string; at: Date; data: DueData }[]) {
    return this.timers.deferMany(tx, DUTY_DUE_QUEUE, timers);
  }

  started(tx: EventTx, i: Incident, rows: readonly ReportingDuty[]): void {
    for (const d of rows) tx.emit('incident.duty_started', toDutyPayload(d), scopeOf(i));
  }

  private async start(
    tx: EventTx,
    i: Incident,
    r: DutyRule,
    seqNo: number,
    at: Date,
    dueAt: Date,
  ): Promise<void> {
    const values: Partial<ReportingDuty> = dutyRow(i, r, seqNo, at, dueAt, '');
    delete values.id; // the database gives one, or none when the step already exists
    // The same step started twice (e.g. back to an earlier grade) stays one duty.
    const id = await this.repo.insertDutyStep(tx.manager, values);
    if (!id) return;
    const d = Object.assign(new ReportingDuty(), values, { id });
    const t = dueTimer(d);
    await this.timers.schedule<DueData>(tx.manager, DUTY_DUE_QUEUE, t.key, t.at, t.data);
    tx.emit('incident.duty_started', toDutyPayload(d), scopeOf(i));
  }

  private async supersede(tx: EventTx, i: Incident, d: ReportingDuty): Promise<void> {
    d.status = 'superseded';
    await this.repo.saveDuty(tx.manager, d);
    await this.timers.cancel(tx.manager, DUTY_DUE_QUEUE, dueKey(d));
    await this.timers.cancel(tx.manager, DUTY_ESCALATE_QUEUE, escalateKey(d));
    tx.emit('incident.duty_superseded', toDutyPayload(d), scopeOf(i));
  }

  /** Timer: the due time passed. Exactly one overdue alarm, only if still undone. */
  private async onDue(data: DueData): Promise<void> {
    await this.events.writeWithEvents(
      'timer:duty_due',
      async (tx) => {
        const d = await this.locked(tx.manager, data.dutyId);
        if (!d || d.status !== 'pending' || d.dueAt.toISOString() !== data.dueAt) return;
        const i = await this.repo.get(tx.manager, d.incidentId);
        if (!i) return;
        const now = this.clock.now();
        d.status = 'overdue';
        d.overdueAt = now;
        await this.repo.saveDuty(tx.manager, d);
        await this.timers.schedule<DueData>(
          tx.manager,
          DUTY_ESCALATE_QUEUE,
          escalateKey(d),
          addSeconds(now, d.escalateAfterSeconds),
          { dutyId: d.id, dueAt: data.dueAt },
        );
        tx.emit('incident.duty_overdue', toDutyPayload(d), scopeOf(i));
      },
      { allowNoEvent: true }, // a firing for a duty already done changes nothing
    );
  }

  /** Timer: still undone after the escalation delay → raised to the commander. */
  private async onEscalate(data: DueData): Promise<void> {
    await this.events.writeWithEvents(
      'timer:duty_escalate',
      async (tx) => {
        const d = await this.locked(tx.manager, data.dutyId);
        if (!d || d.status !== 'overdue' || d.escalatedAt) return;
        const i = await this.repo.get(tx.manager, d.incidentId);
        if (!i) return;
        d.escalatedAt = this.clock.now();
        await this.repo.saveDuty(tx.manager, d);
        tx.emit('incident.duty_escalated', toDutyPayload(d), { subdistrictCodes: [] });
      },
      { allowNoEvent: true },
    );
  }

  private locked(m: EntityManager, id: string): Promise<ReportingDuty | null> {
    return this.repo.lockedDuty(m, id);
  }
}
