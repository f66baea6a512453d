import { Inject, Injectable } from '@nestjs/common';
import {
  type CreateIncident,
  gradeRank,
  type IncidentFeedReport,
  type IncidentIntakeResult,
  type IncidentSettings,
} from '@sanfang/shared';
import { randomUUID } from 'node:crypto';
import type { AuthUser } from '../auth/auth.types';
import { CLOCK, type Clock } from '../core/clock';
import type { EventTx } from '../events/event-log';
import { EventLog } from '../events/event-log.service';
import { DutiesService } from './duties.service';
import { IncidentReport } from './entities/incident-report.entity';
import { Incident } from './entities/incident.entity';
import { gradeIncident } from './grading';
import { IncidentsRepository } from './incidents.repository';
import { scopeOf, toIncidentDto, toIncidentPayload } from './incidents.mapper';
import { TYPE_NAMES } from './labels';

const anyCasualties = (c: CreateIncident['casualties']): boolean =>
  c.deaths + c.seriousInjuries + c.missing + c.trapped > 0;

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
  constructor(
    private readonly events: EventLog,
    private readonly repo: IncidentsRepository,
    private readonly duties: DutiesService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async fromFeed(feedName: string, r: IncidentFeedReport): Promise<IncidentIntakeResult> {
    // Fast path for a repeat: no transaction, no event.
    const seen = await this.duplicate(r.source, r.externalId);
    if (seen) return seen;
    const settings = await this.repo.settings();
    const subdistrict = await this.locate(r);
    const out = await this.events.writeWithEvents(
      `feed:${feedName}`,
      async (tx) => {
        // Two deliveries of one report at once: the second waits here, then sees the first.
        await tx.manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [
          `incident-report:${r.source}:${r.externalId}`,
        ]);
        const again = await this.repo.reportBySource(tx.manager, r.source, r.externalId);
        if (again) return null;
        return this.receive(
          tx,
          r.source,
          r.externalId,
          r,
          subdistrict,
          settings,
          `feed:${feedName}`,
        );
      },
      { allowNoEvent: true }, // only the duplicate path writes nothing
    );
    const result = out.result ?? (await this.duplicate(r.source, r.externalId));
    if (!result) throw new Error('incident report vanished after a concurrent delivery');
    return result;
  }

  /** Manual entry by a duty officer (source 'console'); never merged: the officer decided. */
  async fromConsole(user: AuthUser, body: CreateIncident): Promise<IncidentIntakeResult> {
    const subdistrict = await this.locate(body);
    return this.events.write(user.username, (tx) =>
      this.open(tx, 'console', randomUUID(), body, subdistrict, user.username),
    );
  }

  /** Opens a new incident with its first report, first version and first duties. */
  async open(
    tx: EventTx,
    source: string,
    externalId: string,
    r: CreateIncident,
    subdistrictCode: string | null,
    by: string,
    extras: OpenExtras = {},
  ): Promise<IncidentIntakeResult> {
    const now = this.clock.now();
    const i = tx.manager.getRepository(Incident).create({
      type: r.type,
      grade: gradeIncident(r.casualties, r.directLossCny),
      status: 'reported',
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
    });
    await tx.manager.save(i);
    await this.repo.addVersion(tx.manager, i, by, '初报', now);
    const report = await this.saveReport(tx, i.id, source, externalId, r, now);
    tx.emit('incident.reported', toIncidentPayload(i), scopeOf(i));
    await this.duties.startGradeDuties(tx, i, now);
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
  ): Promise<IncidentIntakeResult> {
    const target = settings.stormMode ? await this.mergeTarget(tx, r, settings) : null;
    if (!target) return this.open(tx, source, externalId, r, subdistrict, by);
    const report = await this.saveReport(tx, target.id, source, externalId, r, this.clock.now());
    target.reportCount += 1;
    await tx.manager.save(target);
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

  private async saveReport(
    tx: EventTx,
    incidentId: string,
    source: string,
    externalId: string,
    r: CreateIncident,
    at: Date,
  ): Promise<IncidentReport> {
    const repo = tx.manager.getRepository(IncidentReport);
    return repo.save(
      repo.create({
        incidentId,
        source,
        externalId,
        receivedAt: at,
        type: r.type,
        occurredAt: new Date(r.occurredAt),
        description: r.description,
        body: r,
      }),
    );
  }

  private async duplicate(
    source: string,
    externalId: string,
  ): Promise<IncidentIntakeResult | null> {
    const m = this.repo.ds.manager;
    const rep = await this.repo.reportBySource(m, source, externalId);
    if (!rep) return null;
    const i = await this.repo.get(m, rep.incidentId);
    if (!i) return null;
    const first = (await this.repo.reports(i.id))[0];
    return {
      incident: toIncidentDto(i),
      reportId: rep.id,
      merged: first?.id !== rep.id,
      duplicate: true,
    };
  }

  private locate(r: CreateIncident): Promise<string | null> {
    return r.location.lon !== undefined && r.location.lat !== undefined
      ? this.repo.subdistrictAt(r.location.lon, r.location.lat)
      : Promise.resolve(null);
  }
}
