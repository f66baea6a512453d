import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DutyTarget, IncidentGrade, IncidentStatus, IncidentType } from '@sanfang/shared';
import { type DataSource, type EntityManager, LessThanOrEqual, MoreThan } from 'typeorm';
import { Instruction } from './entities/instruction.entity';
import { InstructionAssignment } from './entities/instruction-assignment.entity';
import { ReportRecipient } from './entities/report-recipient.entity';
import { RotaShift } from './entities/rota-shift.entity';
import { UpwardReport } from './entities/upward-report.entity';

/** A reporting duty as the upward-report record needs it, with its incident's facts. */
export interface DutyFacts {
  dutyId: string;
  incidentId: string;
  ruleCode: string;
  name: string;
  target: DutyTarget;
  trigger: string | null;
  channel: string | null;
  seqNo: number;
  doneAt: Date | null;
  doneBy: string | null;
  onTime: boolean | null;
  note: string;
  incident: {
    title: string;
    type: IncidentType;
    grade: IncidentGrade;
    status: IncidentStatus;
    occurredAt: Date;
    address: string | null;
    description: string;
    deaths: number;
    seriousInjuries: number;
    missing: number;
    trapped: number;
    directLossCny: number;
    version: number;
  };
}

/** All of the duty desk's SQL: rota, gap warnings, instructions, upward reports. */
@Injectable()
export class DutyDeskRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  private m(m?: EntityManager): EntityManager {
    return m ?? this.ds.manager;
  }

  // Rota ------------------------------------------------------------------------------------

  shiftsBetween(from: Date, to: Date): Promise<RotaShift[]> {
    return this.ds
      .getRepository(RotaShift)
      .createQueryBuilder('s')
      .where('s.starts_at >= :from AND s.starts_at < :to', { from, to })
      .orderBy('s.starts_at', 'ASC')
      .getMany();
  }

  /** The shift running at `t` (its row, if the rota has one). */
  shiftAt(t: Date, m?: EntityManager): Promise<RotaShift | null> {
    return this.m(m)
      .getRepository(RotaShift)
      .findOne({ where: { startsAt: LessThanOrEqual(t), endsAt: MoreThan(t) } });
  }

  /** Shifts running at some time in [from, to] (a reactor pass looks its times up in these). */
  shiftsOverlapping(m: EntityManager, from: Date, to: Date): Promise<RotaShift[]> {
    return m
      .getRepository(RotaShift)
      .find({ where: { startsAt: LessThanOrEqual(to), endsAt: MoreThan(from) } });
  }

  lockShift(m: EntityManager, startsAt: Date): Promise<RotaShift | null> {
    return m
      .getRepository(RotaShift)
      .createQueryBuilder('s')
      .setLock('pessimistic_write')
      .where('s.starts_at = :t', { t: startsAt })
      .getOne();
  }

  async saveShift(m: EntityManager, s: RotaShift): Promise<void> {
    await m.getRepository(RotaShift).save(s);
  }

  /** Serialises rota writers (imports against edits) for the rest of the transaction. */
  async lockRota(m: EntityManager): Promise<void> {
    await m.query(`SELECT pg_advisory_xact_lock(hashtext('sanfang.rota'))`);
  }

  async consoleUsernames(): Promise<Set<string>> {
    const rows = await this.ds.query<{ username: string }[]>(
      `SELECT username FROM users WHERE NOT disabled AND deleted_at IS NULL
          AND role IN ('duty_officer', 'commander', 'admin')`,
    );
    return new Set(rows.map((r) => r.username));
  }

  async adminUsernames(m: EntityManager): Promise<string[]> {
    const rows: { username: string }[] = await m.query(
      `SELECT username FROM users WHERE NOT disabled AND deleted_at IS NULL AND role = 'admin'
        ORDER BY username`,
    );
    return rows.map((r) => r.username);
  }

  /** Records the gap warning of one shift; false when it was already warned (any instance). */
  async claimGapWarning(
    m: EntityManager,
    startsAt: Date,
    missing: string[],
    at: Date,
  ): Promise<boolean> {
    const rows: unknown[] = await m.query(
      `INSERT INTO rota_gap_warnings (starts_at, warned_at, missing) VALUES ($1, $2, $3)
       ON CONFLICT (starts_at) DO NOTHING RETURNING starts_at`,
      [startsAt, at, missing],
    );
    return rows.length > 0;
  }

  // Instructions ----------------------------------------------------------------------------

  insertInstruction(m: EntityManager, i: Omit<Instruction, 'id'>): Promise<Instruction> {
    const repo = m.getRepository(Instruction);
    return repo.save(repo.create(i));
  }

  async saveInstruction(m: EntityManager, i: Instruction): Promise<void> {
    await m.getRepository(Instruction).save(i);
  }

  instruction(id: string, m?: EntityManager): Promise<Instruction | null> {
    return this.m(m).getRepository(Instruction).findOneBy({ id });
  }

  lockInstruction(m: EntityManager, id: string): Promise<Instruction | null> {
    return m
      .getRepository(Instruction)
      .createQueryBuilder('i')
      .setLock('pessimistic_write')
      .where('i.id = :id', { id })
      .getOne();
  }

  instructions(open: boolean, concernsId?: string): Promise<Instruction[]> {
    const qb = this.ds
      .getRepository(Instruction)
      .createQueryBuilder('i')
      .orderBy('i.received_at', 'DESC')
      .limit(500);
    if (open) qb.andWhere(`i.status <> 'closed'`);
    if (concernsId) qb.andWhere('i.concerns_id = :c', { c: concernsId });
    return qb.getMany();
  }

  /** Whether the incident, warning or response an instruction names exists. */
  async concernExists(
    m: EntityManager,
    kind: 'incident' | 'warning' | 'response',
    id: string,
  ): Promise<boolean> {
    const table = { incident: 'incidents', warning: 'warnings', response: 'responses' }[kind];
    const rows = await m.query<unknown[]>(`SELECT 1 FROM ${table} WHERE id = $1`, [id]);
    return rows.length > 0;
  }

  /** The instruction's events from the log, oldest first. */
  instructionEvents(
    id: string,
    types: readonly string[],
  ): Promise<{ seq: string; type: string; occurred_at: Date; actor: string; payload: unknown }[]> {
    return this.ds.query(
      `SELECT seq, type, occurred_at, actor, payload FROM events
        WHERE type = ANY ($1) AND payload->>'instructionId' = $2
        ORDER BY seq`,
      [types, id],
    );
  }

  assignmentsOf(ids: string[], m?: EntityManager): Promise<InstructionAssignment[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.m(m)
      .getRepository(InstructionAssignment)
      .createQueryBuilder('a')
      .where('a.instruction_id = ANY (:ids)', { ids })
      .orderBy('a.unit_name', 'ASC')
      .addOrderBy('a.id', 'ASC')
      .getMany();
  }

  insertAssignments(
    m: EntityManager,
    rows: Omit<InstructionAssignment, 'id'>[],
  ): Promise<InstructionAssignment[]> {
    const repo = m.getRepository(InstructionAssignment);
    return repo.save(rows.map((r) => repo.create(r)));
  }

  assignment(id: string, m?: EntityManager): Promise<InstructionAssignment | null> {
    return this.m(m).getRepository(InstructionAssignment).findOneBy({ id });
  }

  lockAssignment(m: EntityManager, id: string): Promise<InstructionAssignment | null> {
    return m
      .getRepository(InstructionAssignment)
      .createQueryBuilder('a')
      .setLock('pessimistic_write')
      .where('a.id = :id', { id })
      .getOne();
  }

  async saveAssignment(m: EntityManager, a: InstructionAssignment): Promise<void> {
    await m.getRepository(InstructionAssignment).save(a);
  }

  // Upward reports --------------------------------------------------------------------------

  async dutyFacts(m: EntityManager, dutyId: string): Promise<DutyFacts | null> {
    return (await this.dutyFactsOf(m, [dutyId])).get(dutyId) ?? null;
  }

  /** dutyFacts of several duties in one statement (a reactor pass), by duty id. */
  async dutyFactsOf(m: EntityManager, dutyIds: readonly string[]): Promise<Map<string, DutyFacts>> {
    if (dutyIds.length === 0) return new Map();
    const rows: Record<string, unknown>[] = await m.query(
      `SELECT d.id, d.incident_id, d.rule_code, d.name, d.target, d.seq_no, d.done_at, d.done_by,
              d.on_time, d.note, r.trigger, r.channel,
              i.title, i.type, i.grade, i.status, i.occurred_at, i.address, i.description,
              i.deaths, i.serious_injuries, i.missing, i.trapped, i.direct_loss_cny, i.version
         FROM reporting_duties d
         JOIN incidents i ON i.id = d.incident_id
         LEFT JOIN incident_duty_rules r ON r.code = d.rule_code
        WHERE d.id = ANY ($1::uuid[])`,
      [dutyIds],
    );
    return new Map(rows.map((r) => [r.id as string, toDutyFacts(r)]));
  }

  recipients(target?: DutyTarget, m?: EntityManager): Promise<ReportRecipient[]> {
    return this.m(m)
      .getRepository(ReportRecipient)
      .find({
        where: { active: true, ...(target ? { target } : {}) },
        order: { target: 'ASC', position: 'ASC', code: 'ASC' },
      });
  }

  /** One record per duty: a second try (a replayed reactor pass) inserts nothing. */
  async insertUpwardReport(m: EntityManager, r: Omit<UpwardReport, 'id'>): Promise<string | null> {
    const res = await m
      .createQueryBuilder()
      .insert()
      .into(UpwardReport)
      .values(r)
      .orIgnore()
      .returning(['id'])
      .execute();
    const row = res.raw as { id: string }[];
    return row[0]?.id ?? null;
  }

  upwardReports(incidentId?: string): Promise<UpwardReport[]> {
    return this.ds.getRepository(UpwardReport).find({
      where: incidentId ? { incidentId } : {},
      order: { sentAt: 'DESC' },
      take: 500,
    });
  }

  upwardReport(id: string): Promise<UpwardReport | null> {
    return this.ds.getRepository(UpwardReport).findOneBy({ id });
  }
}

function toDutyFacts(r: Record<string, unknown>): DutyFacts {
  return {
    dutyId: r.id as string,
    incidentId: r.incident_id as string,
    ruleCode: r.rule_code as string,
    name: r.name as string,
    target: r.target as DutyTarget,
    trigger: r.trigger as string | null,
    channel: r.channel as string | null,
    seqNo: Number(r.seq_no),
    doneAt: r.done_at as Date | null,
    doneBy: r.done_by as string | null,
    onTime: r.on_time as boolean | null,
    note: r.note as string,
    incident: {
      title: r.title as string,
      type: r.type as IncidentType,
      grade: r.grade as IncidentGrade,
      status: r.status as IncidentStatus,
      occurredAt: r.occurred_at as Date,
      address: r.address as string | null,
      description: r.description as string,
      deaths: Number(r.deaths),
      seriousInjuries: Number(r.serious_injuries),
      missing: Number(r.missing),
      trapped: Number(r.trapped),
      directLossCny: Number(r.direct_loss_cny),
      version: Number(r.version),
    },
  };
}
