import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DutyReport, EventType, MonthlyReport } from '@sanfang/shared';
import type { DataSource } from 'typeorm';
import { CLOCK, type Clock } from '../core/clock';
import { IncidentsRepository } from '../incidents/incidents.repository';
import {
  computeReport,
  type ReportDuty,
  type ReportEvent,
  type ReportIncident,
} from './report-compute';
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
];

/** 每日值班情况 and the monthly summary, computed from the event log and incident tables. */
@Injectable()
export class DutyReportService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly incidents: IncidentsRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async daily(date: string): Promise<DutyReport> {
    const { reportCutoff } = await this.incidents.settings();
    return this.compute(`宝安区三防每日值班情况（${date}）`, dayWindow(date, reportCutoff));
  }

  async monthly(month: string): Promise<MonthlyReport> {
    const { reportCutoff } = await this.incidents.settings();
    const summary = await this.compute(
      `宝安区三防值班月报（${month}）`,
      monthWindow(month, reportCutoff),
    );
    const days = await Promise.all(
      daysOf(month).map(async (date) => {
        const w = dayWindow(date, reportCutoff);
        const rows = await this.ds.query<{ type: string; n: string }[]>(
          `SELECT type, count(*) AS n FROM events
            WHERE occurred_at >= $1 AND occurred_at < $2
              AND type IN ('incident.reported', 'warning.issued', 'dispatch.created')
            GROUP BY type`,
          [w.from, w.to],
        );
        const n = (t: string): number => Number(rows.find((r) => r.type === t)?.n ?? 0);
        return {
          date,
          incidents: n('incident.reported'),
          warningsIssued: n('warning.issued'),
          dispatches: n('dispatch.created'),
        };
      }),
    );
    return { month, summary, days };
  }

  private async compute(title: string, w: Window): Promise<DutyReport> {
    const events = await this.ds.query<ReportEvent[]>(
      `SELECT type, payload FROM events WHERE occurred_at >= $1 AND occurred_at < $2
          AND type = ANY ($3) ORDER BY seq`,
      [w.from, w.to, COUNTED],
    );
    // Incidents opened in the window (their incident.reported event), as they stand now.
    const incidents = await this.ds.query<ReportIncident[]>(
      `SELECT i.id, i.type, i.grade, i.deaths FROM incidents i
        WHERE i.id IN (SELECT (payload->>'incidentId')::uuid FROM events
                        WHERE type = 'incident.reported' AND occurred_at >= $1 AND occurred_at < $2)`,
      [w.from, w.to],
    );
    const now = this.clock.now();
    const duties = await this.ds.query<ReportDuty[]>(
      `SELECT d.incident_id AS "incidentId", d.target, d.status, d.on_time AS "onTime",
              (d.due_at >= $1 AND d.due_at < $2 AND d.due_at <= $3) AS "dueInWindow"
         FROM reporting_duties d
        WHERE d.incident_id = ANY ($4::uuid[])
           OR (d.due_at >= $1 AND d.due_at < $2)`,
      [w.from, w.to, now, incidents.map((i) => i.id)],
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
