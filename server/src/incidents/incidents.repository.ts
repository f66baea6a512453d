import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  DEFAULT_INCIDENT_SETTINGS,
  type IncidentIntakeResult,
  type IncidentSettings,
  incidentSettingsSchema,
  type IncidentType,
  type ListIncidentsQuery,
  type TeamStatus,
} from '@sanfang/shared';
import { In, IsNull, type DataSource, type EntityManager } from 'typeorm';
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import { AppSetting } from '../core/settings/app-setting.entity';
import { fromJsonRow } from '../core/db/json-rows';
import { inlineParams } from '../events/events.repository';
import { RescueTeam } from '../resources/entities/rescue-team.entity';
import { Subdistrict } from '../geo/entities/subdistrict.entity';
import { WaterloggingPoint } from '../geo/entities/waterlogging-point.entity';
import { DutyRule } from './entities/duty-rule.entity';
import { IncidentAssignment } from './entities/incident-assignment.entity';
import { IncidentReport } from './entities/incident-report.entity';
import { IncidentVersion } from './entities/incident-version.entity';
import { Incident } from './entities/incident.entity';
import { ReportingDuty } from './entities/reporting-duty.entity';
import { SensorState } from './entities/sensor-state.entity';
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

  /**
   * What a batch of feed reports needs, in one read: the reports already received (with
   * their incident, and whether each was the incident's first report), the settings and the
   * duty rules. Parameter-free (values inlined), to travel with BEGIN.
   */
  intakeReadSql(keys: readonly { source: string; externalId: string }[]): string {
    return inlineParams(
      `WITH keys AS (SELECT * FROM jsonb_to_recordset($1::jsonb) AS k(source text, external_id text))
       SELECT
         (SELECT coalesce(jsonb_agg(jsonb_build_object(
                   'source', r.source, 'external_id', r.external_id, 'id', r.id,
                   'incident', to_jsonb(i),
                   'first', (SELECT f.id FROM incident_reports f WHERE f.incident_id = i.id
                              ORDER BY f.received_at LIMIT 1))), '[]')
            -- One index probe per key (the pair is unique): told nothing of the keys' count,
            -- the planner hash-joined them with a scan of every report on every batch.
            FROM keys k
            CROSS JOIN LATERAL (SELECT * FROM incident_reports x
                                 WHERE x.source = k.source AND x.external_id = k.external_id
                                 LIMIT 1) r
            JOIN incidents i ON i.id = r.incident_id) AS seen,
         (SELECT value FROM app_settings WHERE key = $2) AS settings,
         (SELECT coalesce(jsonb_agg(to_jsonb(d) ORDER BY d.code), '[]')
            FROM incident_duty_rules d) AS rules`,
      [
        JSON.stringify(keys.map((k) => ({ source: k.source, external_id: k.externalId }))),
        SETTINGS_KEY,
      ],
    );
  }

  /** The row of `intakeReadSql` (sent with BEGIN and the intake lock), read. */
  intakeContext(
    m: EntityManager,
    begun: Record<string, unknown> | undefined,
  ): {
    seen: Map<string, IncidentIntakeResult>;
    settings: IncidentSettings;
    rules: DutyRule[];
  } {
    const row = begun as
      | {
          seen: {
            source: string;
            external_id: string;
            id: string;
            first: string;
            incident: object;
          }[];
          settings: string | null;
          rules: Record<string, unknown>[];
        }
      | undefined;
    if (!row) throw new Error('intake read returned nothing');
    const meta = (e: typeof Incident | typeof DutyRule) => m.connection.getMetadata(e);
    const seen = new Map<string, IncidentIntakeResult>();
    for (const x of row.seen) {
      const i = fromJsonRow<Incident>(meta(Incident), x.incident as Record<string, unknown>);
      seen.set(`${x.source}\u0000${x.external_id}`, {
        incident: toIncidentDto(i),
        reportId: x.id,
        merged: x.first !== x.id,
        duplicate: true,
      });
    }
    const parsed =
      row.settings === null ? null : incidentSettingsSchema.safeParse(JSON.parse(row.settings));
    return {
      seen,
      settings: parsed?.success ? parsed.data : DEFAULT_INCIDENT_SETTINGS,
      rules: row.rules.map((x) => fromJsonRow<DutyRule>(meta(DutyRule), x)),
    };
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

  get(m: EntityManager = this.ds.manager, id: string, lock = false): Promise<Incident | null> {
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
    if (q.type) qb.andWhere('i.type = :t', { t: q.type });
    if (q.grade) qb.andWhere('i.grade = :g', { g: q.grade });
    if (q.subdistrict) qb.andWhere('i.subdistrict_code = :sd', { sd: q.subdistrict });
    if (q.q) {
      const like = `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      qb.andWhere(
        "(i.title ILIKE :like OR i.description ILIKE :like OR coalesce(i.address, '') ILIKE :like)",
        { like },
      );
    }
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
    await m.getRepository(IncidentVersion).insert(this.versionRow(i, by, reason, at));
  }

  versionRow(i: Incident, by: string, reason: string, at: Date): IncidentVersion {
    return Object.assign(new IncidentVersion(), {
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

  /** One duty, locked for update; with `incidentId`, only that incident's. */
  lockedDuty(m: EntityManager, id: string, incidentId?: string): Promise<ReportingDuty | null> {
    return m.getRepository(ReportingDuty).findOne({
      where: incidentId === undefined ? { id } : { id, incidentId },
      lock: { mode: 'pessimistic_write' },
    });
  }

  /** An incident's undone (pending or overdue) duties, locked for update. */
  undoneDuties(m: EntityManager, incidentId: string): Promise<ReportingDuty[]> {
    return m.getRepository(ReportingDuty).find({
      where: [
        { incidentId, status: 'pending' },
        { incidentId, status: 'overdue' },
      ],
      lock: { mode: 'pessimistic_write' },
    });
  }

  async saveDuty(m: EntityManager, d: ReportingDuty): Promise<void> {
    await m.save(d);
  }

  /** Inserts a duty step unless it already exists (then null): the same step stays one duty. */
  async insertDutyStep(m: EntityManager, values: Partial<ReportingDuty>): Promise<string | null> {
    const inserted = await m
      .createQueryBuilder()
      .insert()
      .into(ReportingDuty)
      .values(values)
      .orIgnore()
      .returning('id')
      .execute();
    return (inserted.raw as { id: string }[])[0]?.id ?? null;
  }

  async saveRule(m: EntityManager, rule: Partial<DutyRule>): Promise<DutyRule> {
    const repo = m.getRepository(DutyRule);
    return repo.save(repo.create(rule));
  }

  /** A point's sensor state, created at zero if new, locked for update. */
  async lockedSensorState(m: EntityManager, pointId: string): Promise<SensorState> {
    const states = m.getRepository(SensorState);
    await states
      .createQueryBuilder()
      .insert()
      .values({ pointId, depthM: 0, measuredAt: new Date(0), alarm: false, incidentId: null })
      .orIgnore()
      .execute();
    return states.findOneOrFail({ where: { pointId }, lock: { mode: 'pessimistic_write' } });
  }

  async saveSensorState(m: EntityManager, s: SensorState): Promise<void> {
    await m.getRepository(SensorState).save(s);
  }

  /** The point's newest open incident, locked for update. */
  openIncidentAt(m: EntityManager, pointId: string): Promise<Incident | null> {
    return m.getRepository(Incident).findOne({
      where: { pointId, status: In(['reported', 'verified', 'responding']) },
      order: { createdAt: 'DESC' },
      lock: { mode: 'pessimistic_write' },
    });
  }

  /** Live waterlogging points by code or id. */
  livePoints(codes: string[], ids: string[]): Promise<WaterloggingPoint[]> {
    return this.ds.getRepository(WaterloggingPoint).find({
      where: [
        ...(codes.length ? [{ code: In(codes), retiredAt: IsNull() }] : []),
        ...(ids.length ? [{ id: In(ids), retiredAt: IsNull() }] : []),
      ],
    });
  }

  liveTeams(): Promise<RescueTeam[]> {
    return this.ds.getRepository(RescueTeam).find({ where: { retiredAt: IsNull() } });
  }

  team(m: EntityManager, id: string): Promise<RescueTeam | null> {
    return m.getRepository(RescueTeam).findOneBy({ id });
  }

  /**
   * Moves a live team from `from` to assigned; null when it was not in `from` (conditional,
   * so of two officers assigning one team at once exactly one wins).
   */
  async takeTeam(m: EntityManager, id: string, from: TeamStatus): Promise<RawTeam | null> {
    const rows = await m.query<[RawTeam[], number]>(
      `UPDATE rescue_teams SET status = 'assigned', updated_at = now()
        WHERE id = $1 AND status = $2 AND retired_at IS NULL
        RETURNING id, code, name, kind, members, status, subdistrict_code, lon, lat`,
      [id, from],
    );
    return rows[0][0] ?? null;
  }

  async insertAssignment(m: EntityManager, a: Omit<IncidentAssignment, 'id'>): Promise<void> {
    await m.getRepository(IncidentAssignment).insert(a);
  }

  async saveIncident(m: EntityManager, i: Incident): Promise<void> {
    await m.save(i);
  }
}

/** A rescue team row as the driver returns it. */
export interface RawTeam {
  id: string;
  code: string;
  name: string;
  kind: string;
  members: number;
  status: TeamStatus;
  subdistrict_code: string;
  lon: number;
  lat: number;
}
