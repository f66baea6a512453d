import { Inject, Injectable } from '@nestjs/common';
import type { DutyReport, EventType, MonthlyReport } from '@sanfang/shared';
import { CLOCK, type Clock } from '../core/clock';
import { IncidentsRepository } from '../incidents/incidents.repository';
import { callCounts, computeReport } from './report-compute';
import { DutyReportRepository } from './report.repository';
import { dayWindow, daysOf, monthWindow, type Window } from './report-window';

const COUNTED: EventType[] = [
  'warning.issued',
  'warning.updated',
  'warning.cancelled',
  'warning.expired',
  'warning.retracted',
  'response.started',
  'response.level_changed',
  'response.ended',
  'dispatch.created',
  'dispatch.acknowledged',
  'dispatch.arrived',
  'dispatch.escalated',
  'shelter.opened',
  'shelter.closed',
  'shelter.occupancy_updated',
  'team.status_changed',
  'calls.started',
  'call.answered',
  'calls.escalated',
  'instruction.received',
  'instruction.answered',
  'instruction.closed',
  'instruction.overdue',
  'upward_report.recorded',
];

/** 每日值班情况 and the monthly summary, computed from the event log and incident tables. */
@Injectable()
export class DutyReportService {
  constructor(
    private readonly repo: DutyReportRepository,
    private readonly incidents: IncidentsRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async daily(date: string): Promise<DutyReport> {
    const { reportCutoff } = await this.incidents.settings();
    return this.compute(`宝安区三防每日值班情况（${date}）`, dayWindow(date, reportCutoff));
  }

  async monthly(month: string): Promise<MonthlyReport> {
    const { reportCutoff } = await this.incidents.settings();
    const window = monthWindow(month, reportCutoff);
    const summary = await this.compute(`宝安区三防值班月报（${month}）`, window);
    const callEvents = await this.repo.eventsWithTime(window, [
      'calls.started',
      'call.answered',
      'calls.escalated',
    ]);
    const days = await Promise.all(
      daysOf(month).map(async (date) => {
        const w = dayWindow(date, reportCutoff);
        const rows = await this.repo.countsByType(w, [
          'incident.reported',
          'warning.issued',
          'dispatch.created',
          'instruction.received',
          'upward_report.recorded',
        ]);
        const n = (t: string): number => Number(rows.find((r) => r.type === t)?.n ?? 0);
        const calls = callCounts(
          callEvents.filter(
            (e) => e.occurred_at.getTime() >= w.from.getTime() && e.occurred_at < w.to,
          ),
        );
        return {
          date,
          incidents: n('incident.reported'),
          warningsIssued: n('warning.issued'),
          dispatches: n('dispatch.created'),
          instructions: n('instruction.received'),
          upwardReports: n('upward_report.recorded'),
          calls: calls.called,
          callsAnswered: calls.answered,
          callsOverdue: calls.overdue,
        };
      }),
    );
    return { month, summary, days };
  }

  private async compute(title: string, w: Window): Promise<DutyReport> {
    const events = await this.repo.events(w, COUNTED);
    const incidents = await this.repo.incidentsOpened(w);
    const duties = await this.repo.duties(
      w,
      this.clock.now(),
      incidents.map((i) => i.id),
    );
    const own = new Set(incidents.map((i) => i.id));
    return computeReport(
      title,
      w.from,
      w.to,
      events,
      incidents,
      // Escalation counts are about the window's incidents; the on-time rate about duties due in it.
      duties.filter((d) => own.has(d.incidentId) || d.dueInWindow),
    );
  }
}
