import { Injectable, type OnModuleInit } from '@nestjs/common';
import type {
  IncidentDutyPayload,
  ReportRecipientDto,
  UpwardReportDto,
  UpwardReportsQuery,
} from '@sanfang/shared';
import { notFound } from '../common/api-exception';
import { Outbox } from '../dispatch/notify/outbox.service';
import type { CommittedEvent, EventTx } from '../events/event-log';
import { Reactors } from '../events/reactors.service';
import { DutyDeskRepository, type DutyFacts } from './duty-desk.repository';
import type { RotaShift } from './entities/rota-shift.entity';
import type { UpwardReport } from './entities/upward-report.entity';
import { upwardKind, upwardReportHtml, upwardReportText, KIND_NAMES } from './report-text';
import { rotaRecipient } from './rota.service';
import { localTime } from './shifts';

const toDto = (r: UpwardReport): UpwardReportDto => ({
  id: r.id,
  incidentId: r.incidentId,
  dutyId: r.dutyId,
  kind: r.kind,
  target: r.target,
  recipients: r.recipients,
  channel: r.channel,
  sentAt: r.sentAt.toISOString(),
  sentBy: r.sentBy,
  late: r.late,
  text: r.text,
});

/**
 * Reporting duties meet the rota (a reactor: exactly once per event, in log order):
 * a started `leader_on_duty` duty sends the rota's leader of that moment the message;
 * a completed duty becomes an upward-report record, to whom resolved through the rota or the
 * recipients table, with the incident's facts as of then.
 */
@Injectable()
export class UpwardReportsService implements OnModuleInit {
  constructor(
    private readonly repo: DutyDeskRepository,
    private readonly outbox: Outbox,
    private readonly reactors: Reactors,
  ) {}

  onModuleInit(): void {
    this.reactors.register({
      name: 'duty-desk',
      types: ['incident.duty_started', 'incident.duty_done'],
      handle: (e, tx) => this.reactAll([e], tx),
      handleAll: (events, tx) => this.reactAll(events, tx),
    });
  }

  /**
   * The pass's events in log order, with what they read fetched once for the pass: the facts
   * of every duty they name (one statement) and the rota's shifts over their times (one
   * statement), instead of two queries per event. Nothing the pass writes changes either.
   */
  private async reactAll(events: CommittedEvent[], tx: EventTx): Promise<void> {
    const ours = events.filter(
      (e) =>
        (e.type === 'incident.duty_started' &&
          (e.payload as IncidentDutyPayload).target === 'leader_on_duty') ||
        e.type === 'incident.duty_done',
    );
    if (ours.length === 0) return;
    const facts = await this.repo.dutyFactsOf(tx.manager, [
      ...new Set(ours.map((e) => (e.payload as IncidentDutyPayload).dutyId)),
    ]);
    // The times the rota is asked about: a started duty's event time, a done duty's doneAt.
    const times = ours.flatMap((e) =>
      e.type === 'incident.duty_done'
        ? (facts.get((e.payload as IncidentDutyPayload).dutyId)?.doneAt ?? [])
        : [new Date(e.occurredAt)],
    );
    const shifts =
      times.length > 0
        ? await this.repo.shiftsOverlapping(
            tx.manager,
            new Date(Math.min(...times.map(Number))),
            new Date(Math.max(...times.map(Number))),
          )
        : [];
    const shiftAt = (t: Date): RotaShift | null =>
      shifts.find((s) => s.startsAt <= t && s.endsAt > t) ?? null;
    for (const e of ours) {
      const p = e.payload as IncidentDutyPayload;
      const f = facts.get(p.dutyId);
      if (!f) continue;
      if (e.type === 'incident.duty_started')
        await this.notifyLeader(p, f, shiftAt(new Date(e.occurredAt)), tx);
      else await this.record(f, (t) => shiftAt(t), tx);
    }
  }

  private async notifyLeader(
    p: IncidentDutyPayload,
    f: DutyFacts,
    shift: RotaShift | null,
    tx: EventTx,
  ): Promise<void> {
    const leader = shift?.leader ?? null;
    if (leader) {
      await this.outbox.record(tx.manager, [
        {
          dispatchId: null,
          kind: 'leader_report',
          ...rotaRecipient(leader),
          text: `【宝安三防】报告带班领导${leader.name}：${f.incident.title}（${localTime(f.incident.occurredAt)}，死亡 ${f.incident.deaths} 人，被困 ${f.incident.trapped} 人）。${f.name}时限 ${localTime(new Date(p.dueAt))}。`,
        },
      ]);
    }
    tx.emit('rota.leader_notified', {
      incidentId: p.incidentId,
      dutyId: p.dutyId,
      leader: leader?.name ?? null,
      address: leader?.phone ?? null,
    });
  }

  private async record(
    f: DutyFacts,
    shiftAt: (t: Date) => RotaShift | null,
    tx: EventTx,
  ): Promise<void> {
    if (!f.doneAt) return;
    let recipients: string[];
    if (f.target === 'leader_on_duty') {
      const leader = shiftAt(f.doneAt)?.leader;
      recipients = [leader ? `带班领导 ${leader.name}` : '带班领导（值班表未排）'];
    } else {
      recipients = (await this.repo.recipients(f.target, tx.manager)).map((r) => r.name);
    }
    const kind = upwardKind(f);
    const sentBy = f.doneBy ?? 'unknown';
    const id = await this.repo.insertUpwardReport(tx.manager, {
      incidentId: f.incidentId,
      dutyId: f.dutyId,
      kind,
      target: f.target,
      recipients,
      channel: f.channel ?? 'phone',
      sentAt: f.doneAt,
      sentBy,
      late: f.onTime === false,
      text: upwardReportText(f, kind, recipients, f.doneAt, sentBy),
    });
    if (!id) return;
    tx.emit('upward_report.recorded', {
      reportId: id,
      incidentId: f.incidentId,
      dutyId: f.dutyId,
      kind,
      target: f.target,
      recipients,
      channel: f.channel ?? 'phone',
      late: f.onTime === false,
    });
  }

  async list(q: UpwardReportsQuery): Promise<UpwardReportDto[]> {
    return (await this.repo.upwardReports(q.incidentId)).map(toDto);
  }

  async recipients(): Promise<ReportRecipientDto[]> {
    return (await this.repo.recipients()).map((r) => ({
      code: r.code,
      name: r.name,
      target: r.target,
      phone: r.phone,
    }));
  }

  async printable(id: string): Promise<string> {
    const r = await this.repo.upwardReport(id);
    if (!r) throw notFound('Upward report');
    return upwardReportHtml(`事件${KIND_NAMES[r.kind]} ${localTime(r.sentAt)}`, r.text);
  }
}
