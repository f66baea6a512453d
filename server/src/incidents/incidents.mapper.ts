import type {
  DutyRuleDto,
  IncidentDto,
  IncidentDutyPayload,
  IncidentEventPayload,
  IncidentGrade,
  ReportingDutyDto,
} from '@sanfang/shared';
import type { DutyRule } from './entities/duty-rule.entity';
import type { Incident } from './entities/incident.entity';
import type { ReportingDuty } from './entities/reporting-duty.entity';

export const toIncidentDto = (i: Incident): IncidentDto => ({
  id: i.id,
  type: i.type,
  grade: i.grade,
  status: i.status,
  title: i.title,
  description: i.description,
  occurredAt: i.occurredAt.toISOString(),
  lon: i.lon,
  lat: i.lat,
  address: i.address,
  subdistrictCode: i.subdistrictCode,
  casualties: {
    deaths: i.deaths,
    seriousInjuries: i.seriousInjuries,
    missing: i.missing,
    trapped: i.trapped,
  },
  directLossCny: i.directLossCny,
  version: i.version,
  reportCount: i.reportCount,
  pointId: i.pointId,
  sensorAlarm: i.sensorAlarm,
  createdAt: i.createdAt.toISOString(),
  statusHistory: i.statusHistory,
});

export const toIncidentPayload = (
  i: Incident,
  previousGrade: IncidentGrade | null = null,
): IncidentEventPayload => ({
  incidentId: i.id,
  type: i.type,
  grade: i.grade,
  previousGrade,
  status: i.status,
  title: i.title,
  subdistrictCode: i.subdistrictCode,
  casualties: {
    deaths: i.deaths,
    seriousInjuries: i.seriousInjuries,
    missing: i.missing,
    trapped: i.trapped,
  },
  directLossCny: i.directLossCny,
  version: i.version,
  source: i.source,
  // What the console otherwise fetches after the event, so a replay draws it from the log.
  detail: {
    description: i.description,
    occurredAt: i.occurredAt.toISOString(),
    lon: i.lon,
    lat: i.lat,
    address: i.address,
    reportCount: i.reportCount,
    pointId: i.pointId,
    sensorAlarm: i.sensorAlarm,
    createdAt: i.createdAt.toISOString(),
  },
});

export const toDutyDto = (d: ReportingDuty): ReportingDutyDto => ({
  id: d.id,
  incidentId: d.incidentId,
  ruleCode: d.ruleCode,
  name: d.name,
  target: d.target,
  grade: d.grade,
  seqNo: d.seqNo,
  dueAt: d.dueAt.toISOString(),
  status: d.status,
  doneAt: d.doneAt?.toISOString() ?? null,
  doneBy: d.doneBy,
  onTime: d.onTime,
  overdueAt: d.overdueAt?.toISOString() ?? null,
  escalatedAt: d.escalatedAt?.toISOString() ?? null,
});

export const toDutyPayload = (d: ReportingDuty): IncidentDutyPayload => ({
  incidentId: d.incidentId,
  dutyId: d.id,
  ruleCode: d.ruleCode,
  name: d.name,
  target: d.target,
  grade: d.grade,
  dueAt: d.dueAt.toISOString(),
  status: d.status,
  onTime: d.onTime,
});

export const toRuleDto = (r: DutyRule): DutyRuleDto => ({
  code: r.code,
  name: r.name,
  trigger: r.trigger,
  target: r.target,
  channel: r.channel,
  minGrade: r.minGrade,
  maxGrade: r.maxGrade,
  dueAfterSeconds: r.dueAfterSeconds,
  escalateAfterSeconds: r.escalateAfterSeconds,
  active: r.active,
});

/** Incident scope for events: its subdistrict, or district-wide when unknown. */
export const scopeOf = (i: Pick<Incident, 'subdistrictCode'>): { subdistrictCodes: string[] } => ({
  subdistrictCodes: i.subdistrictCode ? [i.subdistrictCode] : [],
});
