import { HttpStatus, Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type {
  AnswerInput,
  AnswerViewDto,
  AssignInstruction,
  AssignmentDto,
  AssignmentEventPayload,
  CloseInstruction,
  InstructionDto,
  InstructionEventPayload,
  InstructionHistoryEntryDto,
  InstructionsQuery,
  RegisterInstruction,
} from '@sanfang/shared';
import { INSTRUCTION_EVENT_TYPES } from '@sanfang/shared';
import type { EntityManager } from 'typeorm';
import type { AuthUser } from '../auth/auth.types';
import { ApiException, notFound } from '../common/api-exception';
import { CLOCK, type Clock } from '../core/clock';
import { DISPATCH_CONFIG, type DispatchConfig } from '../dispatch/dispatch.config';
import { Outbox } from '../dispatch/notify/outbox.service';
import { EventLog } from '../events/event-log.service';
import { Timers } from '../timers/timers.service';
import { DutyDeskRepository } from './duty-desk.repository';
import type { Instruction } from './entities/instruction.entity';
import type { InstructionAssignment } from './entities/instruction-assignment.entity';
import { INSTRUCTION_TOKENS, type InstructionTokens } from './instruction-token';
import { rotaRecipient, RotaService } from './rota.service';
import { localTime } from './shifts';

export const INSTRUCTION_DUE_QUEUE = 'duty_desk.instruction_due';

export interface InstructionDueData {
  assignmentId: string;
  deadline: string;
}
// A key names one intended firing: the assignment and its deadline.
const dueKey = (a: { id: string; deadline: Date }): string => `${a.id}@${a.deadline.toISOString()}`;

const closedError = () =>
  new ApiException(HttpStatus.CONFLICT, 'INSTRUCTION_CLOSED', 'The instruction is closed (办结)');

/**
 * Leader instructions (批示指示): registered, assigned to units with a feedback deadline,
 * answered by each unit (its signed link, or a phone call the officer records), closed (办结).
 * A unit past its deadline is chased and escalated to the officer on duty at that moment, on a
 * durable timer that fires once across instances (job id per firing, row lock, state check).
 */
@Injectable()
export class InstructionsService implements OnModuleInit {
  constructor(
    private readonly repo: DutyDeskRepository,
    private readonly events: EventLog,
    private readonly timers: Timers,
    private readonly outbox: Outbox,
    private readonly rota: RotaService,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(INSTRUCTION_TOKENS) private readonly tokens: InstructionTokens,
    @Inject(DISPATCH_CONFIG) private readonly dispatch: DispatchConfig,
  ) {}

  onModuleInit(): void {
    this.timers.handle<InstructionDueData>(INSTRUCTION_DUE_QUEUE, (d) => this.onDue(d));
  }

  private link(a: InstructionAssignment): string {
    return `${this.dispatch.publicBaseUrl.replace(/\/$/, '')}/answer/${this.tokens.sign(a.id)}`;
  }

  private assignmentDto(a: InstructionAssignment): AssignmentDto {
    return {
      id: a.id,
      unitName: a.unitName,
      unitKind: a.unitKind,
      unitPhone: a.unitPhone,
      deadline: a.deadline.toISOString(),
      status: a.status,
      answerText: a.answerText,
      answeredBy: a.answeredBy,
      answeredVia: a.answeredVia,
      answeredAt: a.answeredAt?.toISOString() ?? null,
      recordedBy: a.recordedBy,
      overdueAt: a.overdueAt?.toISOString() ?? null,
      escalatedTo: a.escalatedTo,
      link: this.link(a),
    };
  }

  private dto(i: Instruction, as: InstructionAssignment[]): InstructionDto {
    return {
      id: i.id,
      fromName: i.fromName,
      fromTitle: i.fromTitle,
      fromLevel: i.fromLevel,
      receivedAt: i.receivedAt.toISOString(),
      receivedVia: i.receivedVia,
      text: i.text,
      concerns: i.concernsKind && i.concernsId ? { kind: i.concernsKind, id: i.concernsId } : null,
      status: i.status,
      registeredBy: i.registeredBy,
      closedAt: i.closedAt?.toISOString() ?? null,
      closedBy: i.closedBy,
      closingSummary: i.closingSummary,
      assignments: as.filter((a) => a.instructionId === i.id).map((a) => this.assignmentDto(a)),
    };
  }

  private payload(i: Instruction): InstructionEventPayload {
    return {
      instructionId: i.id,
      status: i.status,
      fromName: i.fromName,
      text: i.text,
      concerns: i.concernsKind && i.concernsId ? { kind: i.concernsKind, id: i.concernsId } : null,
    };
  }

  private assignmentPayload(a: InstructionAssignment): AssignmentEventPayload {
    return {
      instructionId: a.instructionId,
      assignmentId: a.id,
      unitName: a.unitName,
      status: a.status,
      deadline: a.deadline.toISOString(),
      via: a.answeredVia,
      escalatedTo: a.escalatedTo,
    };
  }

  private async full(id: string, m?: EntityManager): Promise<InstructionDto> {
    const i = await this.repo.instruction(id, m);
    if (!i) throw notFound('Instruction');
    return this.dto(i, await this.repo.assignmentsOf([id], m));
  }

  async list(q: InstructionsQuery): Promise<InstructionDto[]> {
    const rows = await this.repo.instructions(q.status === 'open', q.concernsId);
    const as = await this.repo.assignmentsOf(rows.map((r) => r.id));
    return rows.map((i) => this.dto(i, as));
  }

  get(id: string): Promise<InstructionDto> {
    return this.full(id);
  }

  /** The instruction's history: its events as the log holds them, oldest first. */
  async history(id: string): Promise<InstructionHistoryEntryDto[]> {
    if (!(await this.repo.instruction(id))) throw notFound('Instruction');
    const rows = await this.repo.instructionEvents(id, INSTRUCTION_EVENT_TYPES);
    return rows.map((r) => {
      const type = r.type as InstructionHistoryEntryDto['type'];
      const base = { seq: Number(r.seq), type, at: r.occurred_at.toISOString(), actor: r.actor };
      if (type === 'instruction.answered' || type === 'instruction.overdue') {
        const p = r.payload as AssignmentEventPayload;
        return {
          ...base,
          unitName: p.unitName,
          via: p.via,
          deadline: p.deadline,
          escalatedTo: p.escalatedTo,
        };
      }
      const p = r.payload as InstructionEventPayload;
      return {
        ...base,
        ...(p.units ? { units: p.units } : {}),
        ...(p.summary !== undefined ? { summary: p.summary } : {}),
      };
    });
  }

  register(user: AuthUser, body: RegisterInstruction): Promise<InstructionDto> {
    return this.events.write(user.username, async (tx) => {
      if (
        body.concerns &&
        !(await this.repo.concernExists(tx.manager, body.concerns.kind, body.concerns.id))
      )
        throw new ApiException(
          HttpStatus.NOT_FOUND,
          'NOT_FOUND',
          `No ${body.concerns.kind} with this id: the instruction must concern an existing one`,
          'body.concerns.id',
        );
      const i = await this.repo.insertInstruction(tx.manager, {
        fromName: body.fromName,
        fromTitle: body.fromTitle,
        fromLevel: body.fromLevel,
        receivedAt: new Date(body.receivedAt),
        receivedVia: body.receivedVia,
        text: body.text,
        concernsKind: body.concerns?.kind ?? null,
        concernsId: body.concerns?.id ?? null,
        status: 'received',
        registeredBy: user.username,
        createdAt: this.clock.now(),
        closedAt: null,
        closedBy: null,
        closingSummary: null,
      });
      tx.emit('instruction.received', this.payload(i));
      return this.dto(i, []);
    });
  }

  async assign(user: AuthUser, id: string, body: AssignInstruction): Promise<InstructionDto> {
    const deadline = new Date(body.deadline);
    if (deadline.getTime() <= this.clock.now().getTime())
      throw new ApiException(
        HttpStatus.BAD_REQUEST,
        'VALIDATION_FAILED',
        'The feedback deadline must be in the future',
        'body.deadline',
      );
    const { result, batch } = await this.events.write(user.username, async (tx) => {
      const i = await this.repo.lockInstruction(tx.manager, id);
      if (!i) throw notFound('Instruction');
      if (i.status === 'closed') throw closedError();
      const rows = await this.repo.insertAssignments(
        tx.manager,
        body.units.map((u) => ({
          instructionId: i.id,
          unitName: u.name,
          unitKind: u.kind,
          unitPhone: u.phone,
          deadline,
          status: 'pending' as const,
          answerText: null,
          answeredBy: null,
          answeredVia: null,
          answeredAt: null,
          recordedBy: null,
          overdueAt: null,
          escalatedTo: [],
        })),
      );
      await this.timers.scheduleMany<InstructionDueData>(
        tx.manager,
        INSTRUCTION_DUE_QUEUE,
        rows.map((a) => ({
          key: dueKey(a),
          at: a.deadline,
          data: { assignmentId: a.id, deadline: a.deadline.toISOString() },
        })),
      );
      i.status = 'assigned';
      await this.repo.saveInstruction(tx.manager, i);
      const batch = await this.outbox.record(
        tx.manager,
        rows.map((a) => ({
          dispatchId: null,
          kind: 'instruction' as const,
          recipient: `unit:${a.unitName}`,
          address: a.unitPhone,
          text: `【宝安三防】${i.fromTitle}${i.fromName}批示：${i.text} 请于 ${localTime(deadline)} 前反馈：${this.link(a)}`,
        })),
      );
      tx.emit('instruction.assigned', { ...this.payload(i), units: rows.map((a) => a.unitName) });
      return { result: await this.full(id, tx.manager), batch };
    });
    this.outbox.kick([batch]);
    return result;
  }

  answerByPhone(
    user: AuthUser,
    id: string,
    assignmentId: string,
    body: AnswerInput,
  ): Promise<InstructionDto> {
    return this.events.write(user.username, async (tx) => {
      const a = await this.answer(tx.manager, assignmentId, body, 'phone', user.username, id);
      tx.emit('instruction.answered', this.assignmentPayload(a));
      return this.full(id, tx.manager);
    });
  }

  private tokenAssignment(token: string): string {
    const id = this.tokens.verify(token);
    if (!id)
      throw new ApiException(
        HttpStatus.NOT_FOUND,
        'INSTRUCTION_LINK_INVALID',
        undefined,
        'params.token',
      );
    return id;
  }

  async view(token: string): Promise<AnswerViewDto> {
    const a = await this.repo.assignment(this.tokenAssignment(token));
    if (!a)
      throw new ApiException(
        HttpStatus.NOT_FOUND,
        'INSTRUCTION_LINK_INVALID',
        undefined,
        'params.token',
      );
    const i = (await this.repo.instruction(a.instructionId))!;
    return this.answerView(i, a);
  }

  answerByLink(token: string, body: AnswerInput): Promise<AnswerViewDto> {
    const id = this.tokenAssignment(token);
    return this.events.write(`unit-link`, async (tx) => {
      const a = await this.answer(tx.manager, id, body, 'link', null, null);
      tx.emit('instruction.answered', this.assignmentPayload(a));
      const i = (await this.repo.instruction(a.instructionId, tx.manager))!;
      return this.answerView(i, a);
    });
  }

  private answerView(i: Instruction, a: InstructionAssignment): AnswerViewDto {
    return {
      unitName: a.unitName,
      fromName: i.fromName,
      fromTitle: i.fromTitle,
      text: i.text,
      receivedAt: i.receivedAt.toISOString(),
      deadline: a.deadline.toISOString(),
      status: a.status,
      closed: i.status === 'closed',
      answerText: a.answerText,
      answeredBy: a.answeredBy,
      answeredAt: a.answeredAt?.toISOString() ?? null,
    };
  }

  /** Records one unit's answer as given; the instruction is `answered` once all units have. */
  private async answer(
    m: EntityManager,
    assignmentId: string,
    body: AnswerInput,
    via: 'link' | 'phone',
    recordedBy: string | null,
    instructionId: string | null,
  ): Promise<InstructionAssignment> {
    const peek = await this.repo.assignment(assignmentId, m);
    if (!peek || (instructionId !== null && peek.instructionId !== instructionId))
      throw via === 'link'
        ? new ApiException(
            HttpStatus.NOT_FOUND,
            'INSTRUCTION_LINK_INVALID',
            undefined,
            'params.token',
          )
        : notFound('Assignment');
    // Lock order: the instruction, then the assignment (as assign and close do).
    const i = (await this.repo.lockInstruction(m, peek.instructionId))!;
    if (i.status === 'closed') throw closedError();
    const a = (await this.repo.lockAssignment(m, assignmentId))!;
    if (a.status === 'answered') throw new ApiException(HttpStatus.CONFLICT, 'ASSIGNMENT_ANSWERED');
    a.status = 'answered';
    a.answerText = body.text;
    a.answeredBy = body.answeredBy;
    a.answeredVia = via;
    a.answeredAt = this.clock.now();
    a.recordedBy = recordedBy;
    await this.repo.saveAssignment(m, a);
    await this.timers.cancel(m, INSTRUCTION_DUE_QUEUE, dueKey(a));
    const all = await this.repo.assignmentsOf([i.id], m);
    if (all.every((x) => x.status === 'answered') && i.status !== 'answered') {
      i.status = 'answered';
      await this.repo.saveInstruction(m, i);
    }
    return a;
  }

  close(user: AuthUser, id: string, body: CloseInstruction): Promise<InstructionDto> {
    return this.events.write(user.username, async (tx) => {
      const i = await this.repo.lockInstruction(tx.manager, id);
      if (!i) throw notFound('Instruction');
      if (i.status === 'closed') throw closedError();
      i.status = 'closed';
      i.closedAt = this.clock.now();
      i.closedBy = user.username;
      i.closingSummary = body.summary;
      await this.repo.saveInstruction(tx.manager, i);
      const open = (await this.repo.assignmentsOf([id], tx.manager)).filter(
        (a) => a.status === 'pending',
      );
      await this.timers.cancelMany(tx.manager, INSTRUCTION_DUE_QUEUE, open.map(dueKey));
      tx.emit('instruction.closed', { ...this.payload(i), summary: body.summary });
      return this.full(id, tx.manager);
    });
  }

  /**
   * Timer: a unit's deadline passed. If it still has not answered (and the instruction is
   * open), chase the unit and escalate to whoever is on duty *now* per the rota.
   */
  async onDue(d: InstructionDueData): Promise<void> {
    const { result } = await this.events.writeWithEvents(
      'timer:instruction_due',
      async (tx) => {
        const peek = await this.repo.assignment(d.assignmentId, tx.manager);
        if (!peek) return null;
        const i = await this.repo.lockInstruction(tx.manager, peek.instructionId);
        const a = await this.repo.lockAssignment(tx.manager, d.assignmentId);
        if (!i || !a || i.status === 'closed' || a.status !== 'pending') return null;
        if (a.deadline.toISOString() !== d.deadline) return null;
        const now = this.clock.now();
        // Exactly at the deadline is still on time: look again just after it.
        if (now.getTime() <= a.deadline.getTime()) {
          await this.timers.schedule(
            tx.manager,
            INSTRUCTION_DUE_QUEUE,
            `${dueKey(a)}:recheck:${now.getTime()}`,
            new Date(a.deadline.getTime() + 1_000),
            d,
          );
          return null;
        }
        const shift = await this.rota.shiftAt(now, tx.manager);
        const onDuty = shift?.officers.length
          ? shift.officers
          : shift?.chief
            ? [shift.chief]
            : shift?.leader
              ? [shift.leader]
              : [];
        a.status = 'overdue';
        a.overdueAt = now;
        a.escalatedTo = onDuty.map((p) => p.name);
        await this.repo.saveAssignment(tx.manager, a);
        const batch = await this.outbox.record(tx.manager, [
          {
            dispatchId: null,
            kind: 'instruction',
            recipient: `unit:${a.unitName}`,
            address: a.unitPhone,
            text: `【宝安三防】催办：${i.fromTitle}${i.fromName}批示的反馈已超时（时限 ${localTime(a.deadline)}），请立即反馈：${this.link(a)}`,
          },
          ...onDuty.map((p) => ({
            dispatchId: null,
            kind: 'escalation' as const,
            ...rotaRecipient(p),
            text: `【宝安三防】批示反馈超时：${a.unitName} 未在 ${localTime(a.deadline)} 前反馈 ${i.fromName} 的批示，请跟进。`,
          })),
        ]);
        tx.emit('instruction.overdue', this.assignmentPayload(a));
        return { batch };
      },
      { allowNoEvent: true },
    );
    if (result) this.outbox.kick([result.batch]);
  }
}
