import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  DEFAULT_INCIDENT_SETTINGS,
  type IncidentSettings,
  incidentSettingsSchema,
  type IncidentType,
  type ListIncidentsQuery,
} from '@sanfang/shared';
import type { DataSource, EntityManager } from 'typeorm';
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import { AppSetting } from '../database/app-setting.entity';
import { Subdistrict } from '../geo/entities/subdistrict.entity';
import { DutyRule } from './entities/duty-rule.entity';
import { IncidentAssignment } from './entities/incident-assignment.entity';
import { IncidentReport } from './entities/incident-report.entity';
import { IncidentVersion } from './entities/incident-version.entity';
import { Incident } from './entities/incident.entity';
import { ReportingDuty } from './entities/reporting-duty.entity';
import { toIncidentDto } from './incidents.mapper';

export const SETTINGS_KEY = 'incidents.settings';
const OPEN = ['reported', 'verified', 'responding'];

/** Queries for incidents, their reports, versions and duties; no rules here. */
@Injectable()
export class IncidentsRepository {
  private subdistricts: Subdistrict[] | null = null;
  private subdistrictsAt = 0;

  constructor(@InjectDataSource() readonly ds: DataSource) {}

  async settings(m: EntityManager = this.ds.manager): Promise<IncidentSettings> {
    const row = await m.getRepository(AppSetting).findOneBy({ key: SETTINGS_KEY });
    if (!row) return DEFAULT_INCIDENT_SETTINGS;
    const parsed = incidentSettingsSchema.safeParse(JSON.parse(row.value));
    return parsed.success ? parsed.data : DEFAULT_INCIDENT_SETTINGS;
  }

  async saveSettings(m: EntityManager, s: IncidentSettings): Promise<void> {
    await m
      .getRepository(AppSetting)
      .upsert({ key: SETTINGS_KEY, value: JSON.stringify(s) }, ['key']);
  }

  /** The subdistrict whose polygon holds the point (boundaries change only by import). */
  async subdistrictAt(lon: number, lat: number): Promise<string | null> {
    // Boundaries change only by import; a minute's staleness is harmless and saves a query.
    if (!this.subdistricts || Date.now() - this.subdistrictsAt > 60_000) {
      this.subdistricts = await this.ds.getRepository(Subdistrict).find();
      this.subdistrictsAt = Date.now();
    }
    const hit = this.subdistricts.find((s) =>
      booleanPointInPolygon([lon, lat], { type: 'Feature', geometry: s.geometry, properties: {} }),
    );
    return hit?.code ?? null;
  }

  reportBySource(
    m: EntityManager,
    source: string,
    externalId: string,
  ): Promise<IncidentReport | null> {
    return m.getRepository(IncidentReport).findOneBy({ source, externalId });
  }

  get(m: EntityManager, id: string, lock = false): Promise<Incident | null> {
    return m
      .getRepository(Incident)
      .findOne({ where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' } } : {}) });
  }

  list(q: ListIncidentsQuery): Promise<Incident[]> {
    const qb = this.ds
      .getRepository(Incident)
      .createQueryBuilder('i')
      .orderBy('i.occurred_at', 'DESC')
      .limit(q.limit);
    if (q.status) qb.andWhere('i.status = :s', { s: q.status });
    if (q.open === 'true') qb.andWhere('i.status IN (:...open)', { open: OPEN });
    if (q.open === 'false') qb.andWhere('i.status NOT IN (:...open)', { open: OPEN });
    return qb.getMany();
  }

  /** Open incidents of a type that occurred within the window, nearest first (storm merge). */
  async mergeCandidates(
    m: EntityManager,
    type: IncidentType,
    lon: number,
    lat: number,
    occurredAt: Date,
    windowMinutes: number,
    distanceM: number,
  ): Promise<Incident[]> {
    // Equirectangular distance is exact enough at a few hundred metres; the box uses the index.
    const rows = await m.query<{ id: string }[]>(
      `SELECT id FROM (
         SELECT id, 6371008.8 * sqrt(power(radians(lat - $3) , 2)
                + power(radians(lon - $2) * cos(radians($3)), 2)) AS d
           FROM incidents
          WHERE type = $1 AND status IN ('reported', 'verified', 'responding') AND lon IS NOT NULL
            AND occurred_at BETWEEN $4::timestamptz - make_interval(mins => $5)
                                AND $4::timestamptz + make_interval(mins => $5)
       ) c WHERE d <= $6 ORDER BY d LIMIT 5`,
      [type, lon, lat, occurredAt.toISOString(), windowMinutes, distanceM],
    );
    if (rows.length === 0) return [];
    const found = await m.getRepository(Incident).find({
      where: rows.map((r) => ({ id: r.id })),
      lock: { mode: 'pessimistic_write' },
    });
    return rows.flatMap((r) => found.filter((f) => f.id === r.id));
  }

  /** Appends the incident's current state as its next version (append-only table). */
  async addVersion(
    m: EntityManager,
    i: Incident,
    by: string,
    reason: string,
    at: Date,
  ): Promise<void> {
    await m.getRepository(IncidentVersion).insert({
      incidentId: i.id,
      version: i.version,
      changedAt: at,
      changedBy: by,
      reason,
      snapshot: toIncidentDto(i),
    });
  }

  versions(id: string): Promise<IncidentVersion[]> {
    return this.ds.getRepository(IncidentVersion).find({
      where: { incidentId: id },
      order: { version: 'ASC' },
    });
  }

  reports(id: string): Promise<IncidentReport[]> {
    return this.ds.getRepository(IncidentReport).find({
      where: { incidentId: id },
      order: { receivedAt: 'ASC' },
    });
  }

  rules(m: EntityManager = this.ds.manager): Promise<DutyRule[]> {
    return m.getRepository(DutyRule).find({ order: { code: 'ASC' } });
  }

  duties(incidentId: string): Promise<ReportingDuty[]> {
    return this.ds.getRepository(ReportingDuty).find({
      where: { incidentId },
      order: { dueAt: 'ASC', ruleCode: 'ASC' },
    });
  }

  assignments(incidentId: string): Promise<IncidentAssignment[]> {
    return this.ds
      .getRepository(IncidentAssignment)
      .find({ where: { incidentId }, order: { assignedAt: 'ASC' } });
  }
}
