import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import {
  type ChangeIncidentStatus,
  type CreateIncident,
  type EditIncident,
  type IncidentDto,
  type IncidentReportDto,
  type IncidentVersionDto,
  INCIDENT_STATUSES,
  type ListIncidentsQuery,
} from '@sanfang/shared';
import type { AuthUser } from '../auth/auth.types';
import { ApiException, notFound } from '../common/api-exception';
import { CLOCK, type Clock } from '../core/clock';
import type { EventTx } from '../events/event-log';
import { EventLog } from '../events/event-log.service';
import { DutiesService } from './duties.service';
import type { Incident } from './entities/incident.entity';
import { gradeIncident } from './grading';
import { IncidentsRepository } from './incidents.repository';
import { scopeOf, toIncidentDto, toIncidentPayload } from './incidents.mapper';

const hasCasualtyChange = (i: Incident, e: EditIncident): boolean =>
  e.casualties !== undefined &&
  (e.casualties.deaths !== i.deaths ||
    e.casualties.seriousInjuries !== i.seriousInjuries ||
    e.casualties.missing !== i.missing ||
    e.casualties.trapped !== i.trapped);

/** Reading, editing (new versions) and moving incidents through their status workflow. */
@Injectable()
export class IncidentsService {
  constructor(
    private readonly events: EventLog,
    private readonly repo: IncidentsRepository,
    private readonly duties: DutiesService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async list(q: ListIncidentsQuery): Promise<IncidentDto[]> {
    return (await this.repo.list(q)).map(toIncidentDto);
  }

  async get(id: string): Promise<IncidentDto> {
    const i = await this.repo.get(this.repo.ds.manager, id);
    if (!i) throw notFound('Incident');
    return toIncidentDto(i);
  }

  async versions(id: string): Promise<IncidentVersionDto[]> {
    await this.get(id);
    return (await this.repo.versions(id)).map((v) => ({
      version: v.version,
      changedAt: v.changedAt.toISOString(),
      changedBy: v.changedBy,
      reason: v.reason,
      snapshot: v.snapshot,
    }));
  }

  async reports(id: string): Promise<IncidentReportDto[]> {
    await this.get(id);
    return (await this.repo.reports(id)).map((r) => {
      const body = r.body as CreateIncident;
      return {
        id: r.id,
        source: r.source,
        externalId: r.externalId,
        receivedAt: r.receivedAt.toISOString(),
        type: r.type,
        description: r.description,
        casualties: body.casualties,
        directLossCny: body.directLossCny,
      };
    });
  }

  /** An edit is a new version; new figures re-grade (new duties) or start a 补报. */
  async edit(user: AuthUser, id: string, e: EditIncident): Promise<IncidentDto> {
    const subdistrict =
      e.location?.lon !== undefined && e.location.lat !== undefined
        ? await this.repo.subdistrictAt(e.location.lon, e.location.lat)
        : undefined;
    return this.events.write(user.username, async (tx) => {
      const i = await this.lockOpen(tx, id);
      if (i.version !== e.expectedVersion)
        throw new ApiException(
          HttpStatus.CONFLICT,
          'INCIDENT_VERSION_CONFLICT',
          `Incident is at version ${i.version}, not ${e.expectedVersion}`,
          'body.expectedVersion',
        );
      const casualtiesChanged = hasCasualtyChange(i, e);
      if (e.type) i.type = e.type;
      if (e.occurredAt) i.occurredAt = new Date(e.occurredAt);
      if (e.title) i.title = e.title;
      if (e.description !== undefined) i.description = e.description;
      if (e.location) {
        i.lon = e.location.lon ?? null;
        i.lat = e.location.lat ?? null;
        i.address = e.location.address ?? null;
        if (subdistrict !== undefined) i.subdistrictCode = subdistrict;
      }
      if (e.casualties) {
        i.deaths = e.casualties.deaths;
        i.seriousInjuries = e.casualties.seriousInjuries;
        i.missing = e.casualties.missing;
        i.trapped = e.casualties.trapped;
      }
      if (e.directLossCny !== undefined) i.directLossCny = e.directLossCny;
      await this.applyChange(tx, i, user.username, e.reason, casualtiesChanged);
      return toIncidentDto(i);
    });
  }

  /** reported → verified → responding → resolved → closed; forward only, steps may be skipped. */
  async changeStatus(user: AuthUser, id: string, body: ChangeIncidentStatus): Promise<IncidentDto> {
    return this.events.write(user.username, async (tx) => {
      const i = await this.repo.get(tx.manager, id, true);
      if (!i) throw notFound('Incident');
      const from = INCIDENT_STATUSES.indexOf(i.status);
      if (INCIDENT_STATUSES.indexOf(body.to) <= from)
        throw new ApiException(
          HttpStatus.CONFLICT,
          'INCIDENT_STATUS_INVALID',
          `Cannot move from ${i.status} to ${body.to}`,
          'body.to',
        );
      const now = this.clock.now();
      i.status = body.to;
      i.statusHistory = [
        ...i.statusHistory,
        { status: body.to, at: now.toISOString(), by: user.username },
      ];
      i.version += 1;
      await this.repo.saveIncident(tx.manager, i);
      await this.repo.addVersion(
        tx.manager,
        i,
        user.username,
        body.note || `status → ${body.to}`,
        now,
      );
      tx.emit('incident.status_changed', toIncidentPayload(i), scopeOf(i));
      if (body.to === 'resolved' || body.to === 'closed') await this.duties.endFollowups(tx, i);
      return toIncidentDto(i);
    });
  }

  /**
   * Saves a changed incident as its next version and starts what the change calls for:
   * a new grade's duties on re-grading, a supplementary report on changed casualties.
   */
  async applyChange(
    tx: EventTx,
    i: Incident,
    by: string,
    reason: string,
    casualtiesChanged: boolean,
  ): Promise<void> {
    const now = this.clock.now();
    const previous = i.grade;
    i.grade = gradeIncident(i, i.directLossCny);
    i.version += 1;
    await this.repo.saveIncident(tx.manager, i);
    await this.repo.addVersion(tx.manager, i, by, reason, now);
    tx.emit('incident.updated', toIncidentPayload(i, previous), scopeOf(i));
    if (i.grade !== previous) {
      tx.emit('incident.regraded', toIncidentPayload(i, previous), scopeOf(i));
      await this.duties.supersedeOtherGrades(tx, i);
      await this.duties.startGradeDuties(tx, i, now);
    }
    if (casualtiesChanged) await this.duties.startSupplementary(tx, i, now);
  }

  private async lockOpen(tx: EventTx, id: string): Promise<Incident> {
    const i = await this.repo.get(tx.manager, id, true);
    if (!i) throw notFound('Incident');
    if (i.status === 'closed')
      throw new ApiException(HttpStatus.CONFLICT, 'INCIDENT_STATUS_INVALID', 'Incident is closed');
    return i;
  }
}
