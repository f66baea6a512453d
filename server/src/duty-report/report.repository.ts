import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { EventType } from '@sanfang/shared';
import type { DataSource } from 'typeorm';
import type { ReportDuty, ReportEvent, ReportIncident } from './report-compute';
import type { Window } from './report-window';

/** What the duty reports read: the event log, incidents and reporting duties in a window. */
@Injectable()
export class DutyReportRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** How many events of each type occurred in the window. */
  countsByType(w: Window, types: EventType[]): Promise<{ type: string; n: string }[]> {
    return this.ds.query<{ type: string; n: string }[]>(
      `SELECT type, count(*) AS n FROM events
        WHERE occurred_at >= $1 AND occurred_at < $2
          AND type = ANY ($3)
        GROUP BY type`,
      [w.from, w.to, types],
    );
  }

  /** The window's events of these types with when they occurred (to count them per day). */
  eventsWithTime(w: Window, types: EventType[]): Promise<(ReportEvent & { occurred_at: Date })[]> {
    return this.ds.query<(ReportEvent & { occurred_at: Date })[]>(
      `SELECT type, payload, occurred_at FROM events WHERE occurred_at >= $1 AND occurred_at < $2
          AND type = ANY ($3) ORDER BY seq`,
      [w.from, w.to, types],
    );
  }

  events(w: Window, types: EventType[]): Promise<ReportEvent[]> {
    return this.ds.query<ReportEvent[]>(
      `SELECT type, payload FROM events WHERE occurred_at >= $1 AND occurred_at < $2
          AND type = ANY ($3) ORDER BY seq`,
      [w.from, w.to, types],
    );
  }

  /** Incidents opened in the window (their incident.reported event), as they stand now. */
  incidentsOpened(w: Window): Promise<ReportIncident[]> {
    return this.ds.query<ReportIncident[]>(
      `SELECT i.id, i.type, i.grade, i.deaths FROM incidents i
        WHERE i.id IN (SELECT (payload->>'incidentId')::uuid FROM events
                        WHERE type = 'incident.reported' AND occurred_at >= $1 AND occurred_at < $2)`,
      [w.from, w.to],
    );
  }

  /** Duties of these incidents or due in the window; `dueInWindow` counts only those due by `now`. */
  duties(w: Window, now: Date, incidentIds: string[]): Promise<ReportDuty[]> {
    return this.ds.query<ReportDuty[]>(
      `SELECT d.incident_id AS "incidentId", d.target, d.status, d.on_time AS "onTime",
              (d.due_at >= $1 AND d.due_at < $2 AND d.due_at <= $3) AS "dueInWindow"
         FROM reporting_duties d
        WHERE d.incident_id = ANY ($4::uuid[])
           OR (d.due_at >= $1 AND d.due_at < $2)`,
      [w.from, w.to, now, incidentIds],
    );
  }
}
