import { Inject, Injectable } from '@nestjs/common';
import {
  type CreateIncident,
  gradeRank,
  type IncidentFeedReport,
  type IncidentIntakeResult,
  type IncidentPreviewDto,
  type IncidentSettings,
} from '@sanfang/shared';
import { randomUUID } from 'node:crypto';
import type { AuthUser } from '../auth/auth.types';
import { CLOCK, type Clock } from '../core/clock';
import type { EventTx } from '../events/event-log';
import { EventLog } from '../events/event-log.service';
import { GroupCommit, type Outcome } from '../events/group-commit';
import { insertRows, runTogether } from '../core/db/set-writes';
import { type DueData, DutiesService } from './duties.service';
import type { DutyRule } from './entities/duty-rule.entity';
import { IncidentVersion } from './entities/incident-version.entity';
import { ReportingDuty } from './entities/reporting-duty.entity';
import { IncidentReport } from './entities/incident-report.entity';
import { Incident } from './entities/incident.entity';
import { ruleApplies } from './duty-rules';
import { gradeIncident } from './grading';
import { IncidentsRepository } from './incidents.repository';
import { scopeOf, toIncidentDto, toIncidentPayload } from './incidents.mapper';
import { TYPE_NAMES } from './labels';

const anyCasualties = (c: CreateIncident['casualties']): boolean =>
  c.deaths + c.seriousInjuries + c.missing + c.trapped > 0;

/** Every intake transaction from feeds takes this first (with BEGIN). */
const INTAKE_LOCK_SQL = `SELECT pg_advisory_xact_lock(7, 0)`;

interface PendingReport {
  feedName: string;
  r: IncidentFeedReport;
  subdistrict: string | null;
}

/** A batch's shared reads and where its writes and timers go. */
export interface IntakePlan {
  rules: readonly DutyRule[];
  /** Write with the events' insert (no later statement in the transaction reads them). */
  deferred: boolean;
  timers: { key: string; at: Date; data: DueData }[];
}

/** What a new incident is opened with, beyond the report's own fields. */
export interface OpenExtras {
  pointId?: string;
  sensorAlarm?: boolean;
}

/**
 * Intake from feeds and the console: idempotent per (source, externalId); in storm mode a
 * report joins a nearby open incident of the same type, unless that would hide it (a higher
 * grade, or casualties where the incident has none).
 */
@Injectable()
export class IntakeService {
  private readonly batches = new GroupCommit<PendingReport, IncidentIntakeResult>((b) =>
    this.transact(b),
  );

  constructor(
    private readonly events: EventLog,
    private readonly repo: IncidentsRepository,
    private readonly duties: DutiesService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * Group commit: reports that arrive while a transaction is in flight go together in the
   * next one, under the intake lock (which makes the repeat check and storm merging exact).
   * Each sender is answered after its transaction commits; a batch that fails is retried
   * report by report, so one bad report fails alone.
   */
  async fromFeed(feedName: string, r: IncidentFeedReport): Promise<IncidentIntakeResult> {
    const subdistrict = await this.locate(r);
    return this.batches.submit({ feedName, r, subdistrict });
  }

  private async transact(batch: PendingReport[]): Promise<Outcome<IncidentIntakeResult>[]> {
    const actor = batch.length === 1 ? `feed:${batch[0]!.feedName}` : 'feed:batch';
    const { result } = await this.events.writeWithEvents(
      actor,
      async (tx) => {
        // The intake lock was taken and the batch's context read with BEGIN (below).
        const known = this.repo.intakeContext(tx.manager, tx.begun[0]);
        // In storm mode a report may join an incident opened earlier in this batch, so each
        // one is written at once; otherwise everything travels with the events' insert.
        const plan: IntakePlan = {
          rules: known.rules,
          deferred: !known.settings.stormMode,
          timers: [],
        };
        const out: IncidentIntakeResult[] = [];
        for (const p of batch) {
          const key = `${p.r.source}\u0000${p.r.externalId}`;
          const seen = known.seen.get(key);
          if (seen) {
            out.push({ ...seen, duplicate: true });
            continue;
          }
          const by = `feed:${p.feedName}`;
          const res = await this.receive(
            tx.as(by),
            p.r.source,
            p.r.externalId,
            p.r,
            p.subdistrict,
            known.settings,
            by,
            plan,
          );
          known.seen.set(key, res);
          out.push(res);
        }
        await this.duties.scheduleDue(tx, plan.timers);
        return out;
      },
      // A batch of repeats changes nothing and records nothing.
      {
        allowNoEvent: true,
        begin: `${INTAKE_LOCK_SQL}; ${this.repo.intakeReadSql(
          batch.map((p) => ({ source: p.r.source, externalId: p.r.externalId })),
        )}`,
        commitWithEvents: true,
      },
    );
    return result.map((value) => ({ ok: true, value }));
  }

  /** Manual entry by a duty officer (source 'console'); never merged: the officer decided. */
  async fromConsole(user: AuthUser, body: CreateIncident): Promise<IncidentIntakeResult> {
    const subdistrict = await this.locate(body);
    return this.events.write(user.username, (tx) =>
      this.open(tx, 'console', randomUUID(), body, subdistrict, user.username),
    );
  }

  /**
   * What `fromConsole` would decide for this entry — the grade, the subdistrict and the reporting
   * duties it would start, due counted from now — without writing anything.
   */
  async preview(body: CreateIncident): Promise<IncidentPreviewDto> {
    const grade = gradeIncident(body.casualties, body.directLossCny);
    const [subdistrictCode, rules] = await Promise.all([this.locate(body), this.repo.rules()]);
    const now = this.clock.now().getTime();
    const duties = rules
      .filter((r) => (r.trigger === 'grade' || r.trigger === 'followup') && ruleApplies(r, grade))
      .map((r) => ({
        ruleCode: r.code,
        name: r.name,
        target: r.target,
        channel: r.channel,
        dueAt: new Date(now + r.dueAfterSeconds * 1000).toISOString(),
      }))
      .sort((a, b) => a.dueAt.localeCompare(b.dueAt) || a.ruleCode.localeCompare(b.ruleCode));
    return { grade, subdistrictCode, duties };
  }

  /**
   * Opens a new incident with its first report, first version and first duties: rows built
   * here and written in one statement, now or (in a batch) with the events' insert.
   */
  async open(
    tx: EventTx,
    source: string,
    externalId: string,
    r: CreateIncident,
    subdistrictCode: string | null,
    by: string,
    extras: OpenExtras = {},
    plan?: IntakePlan,
  ): Promise<IncidentIntakeResult> {
    const now = this.clock.now();
    const i = Object.assign(new Incident(), {
      id: randomUUID(),
      type: r.type,
      grade: gradeIncident(r.casualties, r.directLossCny),
      status: 'reported' as const,
      title:
        r.title ?? `${TYPE_NAMES[r.type]}${r.location.address ? ` ${r.location.address}` : ''}`,
      description: r.description,
      occurredAt: new Date(r.occurredAt),
      lon: r.location.lon ?? null,
      lat: r.location.lat ?? null,
      address: r.location.address ?? null,
      subdistrictCode,
      deaths: r.casualties.deaths,
      seriousInjuries: r.casualties.seriousInjuries,
      missing: r.casualties.missing,
      trapped: r.casualties.trapped,
      directLossCny: r.directLossCny,
      version: 1,
      reportCount: 1,
      source,
      pointId: extras.pointId ?? null,
      sensorAlarm: extras.sensorAlarm ?? false,
      statusHistory: [{ status: 'reported', at: now.toISOString(), by }],
      createdAt: now,
      updatedAt: now,
    });
    const report = reportRow(i.id, source, externalId, r, now);
    const rules = plan?.rules ?? (await this.repo.rules(tx.manager));
    const duties = this.duties.newIncidentDuties(i, now, rules);
    const m = tx.manager.connection;
    const writes = [
      insertRows(m.getMetadata(Incident), [i]),
      insertRows(m.getMetadata(IncidentVersion), [this.repo.versionRow(i, by, '初报', now)]),
      insertRows(m.getMetadata(IncidentReport), [report]),
      ...(duties.rows.length ? [insertRows(m.getMetadata(ReportingDuty), duties.rows)] : []),
    ];
    if (plan?.deferred) for (const w of writes) tx.defer(w.sql, w.params);
    else await runTogether(tx.manager, writes);
    if (plan) plan.timers.push(...duties.timers);
    else await this.duties.scheduleDue(tx, duties.timers);
    tx.emit('incident.reported', toIncidentPayload(i), scopeOf(i));
    this.duties.started(tx, i, duties.rows);
    return { incident: toIncidentDto(i), reportId: report.id, merged: false, duplicate: false };
  }

  private async receive(
    tx: EventTx,
    source: string,
    externalId: string,
    r: CreateIncident,
    subdistrict: string | null,
    settings: IncidentSettings,
    by: string,
    plan: IntakePlan,
  ): Promise<IncidentIntakeResult> {
    const target = settings.stormMode ? await this.mergeTarget(tx, r, settings) : null;
    if (!target) return this.open(tx, source, externalId, r, subdistrict, by, {}, plan);
    const report = reportRow(target.id, source, externalId, r, this.clock.now());
    await runTogether(tx.manager, [
      insertRows(tx.manager.connection.getMetadata(IncidentReport), [report]),
    ]);
    target.reportCount += 1;
    await this.repo.saveIncident(tx.manager, target);
    tx.emit(
      'incident.report_merged',
      { incidentId: target.id, reportId: report.id, source, externalId },
      scopeOf(target),
    );
    return { incident: toIncidentDto(target), reportId: report.id, merged: true, duplicate: false };
  }

  /** Never hide: only an incident at least as grave (grade, casualties) may absorb a report. */
  private async mergeTarget(
    tx: EventTx,
    r: CreateIncident,
    s: IncidentSettings,
  ): Promise<Incident | null> {
    if (r.location.lon === undefined || r.location.lat === undefined) return null;
    const grade = gradeIncident(r.casualties, r.directLossCny);
    const candidates = await this.repo.mergeCandidates(
      tx.manager,
      r.type,
      r.location.lon,
      r.location.lat,
      new Date(r.occurredAt),
      s.mergeWindowMinutes,
      s.mergeDistanceM,
    );
    return (
      candidates.find(
        (c) =>
          gradeRank(c.grade) >= gradeRank(grade) &&
          (!anyCasualties(r.casualties) ||
            c.deaths + c.seriousInjuries + c.missing + c.trapped > 0),
      ) ?? null
    );
  }

  private locate(r: CreateIncident): Promise<string | null> {
    return r.location.lon !== undefined && r.location.lat !== undefined
      ? this.repo.subdistrictAt(r.location.lon, r.location.lat)
      : Promise.resolve(null);
  }
}

function reportRow(
  incidentId: string,
  source: string,
  externalId: string,
  r: CreateIncident,
  at: Date,
): IncidentReport {
  return Object.assign(new IncidentReport(), {
    id: randomUUID(),
    incidentId,
    source,
    externalId,
    receivedAt: at,
    type: r.type,
    occurredAt: new Date(r.occurredAt),
    description: r.description,
    body: r,
  });
}
