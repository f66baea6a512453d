import { z } from 'zod';
import { DISTRICT_BBOX } from './geo';

/** Incidents and the duty desk (issue 7) — contracts. */
export const INCIDENT_TYPES = [
  'waterlogging',
  'ground_collapse',
  'fire',
  'forest_fire',
  'traffic',
  'production_safety',
  'building',
  'other',
] as const;
export type IncidentType = (typeof INCIDENT_TYPES)[number];

/** State Council Order 493 grades, low → high: 一般, 较大, 重大, 特别重大. */
export const INCIDENT_GRADES = ['general', 'larger', 'major', 'especially_major'] as const;
export type IncidentGrade = (typeof INCIDENT_GRADES)[number];
export const gradeRank = (g: IncidentGrade): number => INCIDENT_GRADES.indexOf(g);

export const INCIDENT_STATUSES = [
  'reported',
  'verified',
  'responding',
  'resolved',
  'closed',
] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

export interface Casualties {
  deaths: number;
  seriousInjuries: number;
  missing: number;
  trapped: number;
}

const [minLon, minLat, maxLon, maxLat] = DISTRICT_BBOX;
const count = z.number().int().min(0).max(100_000);
/** Timestamps must carry an offset (Z or ±hh:mm). */
const instant = z.iso.datetime({ offset: true });

export const casualtiesSchema = z.strictObject({
  deaths: count.default(0),
  seriousInjuries: count.default(0),
  missing: count.default(0),
  trapped: count.default(0),
});

/** WGS84 point inside the district's box (catches lat,lon swapped), and/or address text. */
export const incidentLocationSchema = z
  .strictObject({
    lon: z.number().min(minLon).max(maxLon).optional(),
    lat: z.number().min(minLat).max(maxLat).optional(),
    address: z.string().trim().min(1).max(500).optional(),
  })
  .refine((l) => (l.lon === undefined) === (l.lat === undefined), {
    message: 'lon and lat come together',
    path: ['lat'],
  })
  .refine((l) => l.lon !== undefined || l.address !== undefined, {
    message: 'give a WGS84 point (lon, lat) or an address',
  });
export type IncidentLocation = z.infer<typeof incidentLocationSchema>;

const incidentFields = {
  type: z.enum(INCIDENT_TYPES),
  occurredAt: instant,
  location: incidentLocationSchema,
  title: z.string().trim().min(1).max(200).optional(),
  description: z.string().trim().max(5000).default(''),
  casualties: casualtiesSchema.default({ deaths: 0, seriousInjuries: 0, missing: 0, trapped: 0 }),
  /** Direct economic loss estimate in CNY (yuan). */
  directLossCny: z.number().min(0).max(1e13).default(0),
};

/** POST /api/feeds/incidents: a report from another system (hotline, 110/119, video AI). */
export const incidentFeedSchema = z.strictObject({
  source: z
    .string()
    .trim()
    .regex(/^[a-z0-9][a-z0-9_.-]{0,63}$/, 'lower-case letters, digits, _ . -'),
  externalId: z.string().trim().min(1).max(128),
  ...incidentFields,
});
export type IncidentFeedReport = z.infer<typeof incidentFeedSchema>;

/** POST /api/incidents: manual entry by a duty officer. */
export const createIncidentSchema = z.strictObject(incidentFields);
export type CreateIncident = z.infer<typeof createIncidentSchema>;

/** PATCH /api/incidents/:id: an edit is a new version; expectedVersion guards lost updates. */
export const editIncidentSchema = z
  .strictObject({
    expectedVersion: z.number().int().min(1),
    reason: z.string().trim().min(1).max(500),
    type: z.enum(INCIDENT_TYPES).optional(),
    occurredAt: instant.optional(),
    location: incidentLocationSchema.optional(),
    title: z.string().trim().min(1).max(200).optional(),
    description: z.string().trim().max(5000).optional(),
    casualties: casualtiesSchema.optional(),
    directLossCny: z.number().min(0).max(1e13).optional(),
  })
  .refine(
    (e) =>
      [
        e.type,
        e.occurredAt,
        e.location,
        e.title,
        e.description,
        e.casualties,
        e.directLossCny,
      ].some((v) => v !== undefined),
    { message: 'nothing to change' },
  );
export type EditIncident = z.infer<typeof editIncidentSchema>;

export const changeStatusSchema = z.strictObject({
  to: z.enum(INCIDENT_STATUSES),
  note: z.string().trim().max(500).default(''),
});
export type ChangeIncidentStatus = z.infer<typeof changeStatusSchema>;

export const listIncidentsQuerySchema = z.strictObject({
  status: z.enum(INCIDENT_STATUSES).optional(),
  open: z.enum(['true', 'false']).optional(),
  type: z.enum(INCIDENT_TYPES).optional(),
  grade: z.enum(INCIDENT_GRADES).optional(),
  subdistrict: z
    .string()
    .regex(/^\d{6,12}$/)
    .optional(),
  /** Words in the title, description or address (case-insensitive). */
  q: z.string().trim().min(1).max(100).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type ListIncidentsQuery = z.infer<typeof listIncidentsQuerySchema>;

export const nearestTeamsQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(10),
  /** Include busy teams (assigned, en route, …) after the available ones. */
  all: z.enum(['true', 'false']).default('false'),
});
export type NearestTeamsQuery = z.infer<typeof nearestTeamsQuerySchema>;

/** POST /api/feeds/sensors: ponding-depth readings, by point code or id. */
export const sensorReadingSchema = z
  .strictObject({
    pointCode: z.string().trim().min(1).max(32).optional(),
    pointId: z.uuid().optional(),
    depthM: z.number().min(0).max(20),
    measuredAt: instant,
  })
  .refine((r) => (r.pointCode === undefined) !== (r.pointId === undefined), {
    message: 'give exactly one of pointCode, pointId',
    path: ['pointCode'],
  });
export const sensorFeedSchema = z.strictObject({
  readings: z.array(sensorReadingSchema).min(1).max(500),
});
export type SensorFeed = z.infer<typeof sensorFeedSchema>;
export type SensorReading = z.infer<typeof sensorReadingSchema>;

export type SensorOutcome = 'raised' | 'cleared' | 'unchanged' | 'stale';
/** What one sensor reading did: raised or cleared the point's sensor incident, or nothing. */
export interface SensorResult {
  pointCode: string;
  measuredAt: string;
  outcome: SensorOutcome;
  incidentId: string | null;
}
export interface SensorFeedResult {
  results: SensorResult[];
}

export interface IncidentDto {
  id: string;
  type: IncidentType;
  grade: IncidentGrade;
  status: IncidentStatus;
  title: string;
  description: string;
  occurredAt: string;
  lon: number | null;
  lat: number | null;
  address: string | null;
  subdistrictCode: string | null;
  casualties: Casualties;
  directLossCny: number;
  version: number;
  reportCount: number;
  pointId: string | null;
  sensorAlarm: boolean;
  createdAt: string;
  statusHistory: { status: IncidentStatus; at: string; by: string }[];
}

export interface IncidentIntakeResult {
  incident: IncidentDto;
  reportId: string;
  /** True when the report joined an existing incident (storm mode). */
  merged: boolean;
  /** True when (source, externalId) had been received before: nothing changed. */
  duplicate: boolean;
}

/** POST /api/incidents/preview: what saving this entry would start, with nothing saved. */
export interface IncidentPreviewDto {
  grade: IncidentGrade;
  subdistrictCode: string | null;
  /** The reporting duties the new incident would start, due counted from now. */
  duties: {
    ruleCode: string;
    name: string;
    target: DutyTarget;
    channel: 'phone' | 'written';
    dueAt: string;
  }[];
}

export interface IncidentVersionDto {
  version: number;
  changedAt: string;
  changedBy: string;
  reason: string;
  snapshot: IncidentDto;
}

export interface IncidentReportDto {
  id: string;
  source: string;
  externalId: string;
  receivedAt: string;
  type: IncidentType;
  description: string;
  casualties: Casualties;
  directLossCny: number;
}

export interface NearbyTeamDto {
  id: string;
  code: string;
  name: string;
  kind: string;
  members: number;
  status: string;
  subdistrictCode: string;
  lon: number;
  lat: number;
  distanceM: number;
}

// Reporting duties -------------------------------------------------------------------------

export const DUTY_TRIGGERS = ['grade', 'followup', 'casualty_change'] as const;
export type DutyTrigger = (typeof DUTY_TRIGGERS)[number];
export const DUTY_TARGETS = ['leader_on_duty', 'district', 'city'] as const;
export type DutyTarget = (typeof DUTY_TARGETS)[number];
export const DUTY_STATUSES = ['pending', 'done', 'overdue', 'superseded'] as const;
export type DutyStatus = (typeof DUTY_STATUSES)[number];

/** PUT /api/incidents/config/duties/:code — one configured reporting duty. */
export const dutyRuleSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(100),
    trigger: z.enum(DUTY_TRIGGERS),
    target: z.enum(DUTY_TARGETS),
    channel: z.enum(['phone', 'written']),
    minGrade: z.enum(INCIDENT_GRADES),
    maxGrade: z.enum(INCIDENT_GRADES).nullable().default(null),
    dueAfterSeconds: z
      .number()
      .int()
      .min(1)
      .max(30 * 86_400),
    escalateAfterSeconds: z
      .number()
      .int()
      .min(1)
      .max(7 * 86_400),
    active: z.boolean().default(true),
  })
  .refine((r) => r.maxGrade === null || gradeRank(r.maxGrade) >= gradeRank(r.minGrade), {
    message: 'maxGrade below minGrade',
    path: ['maxGrade'],
  });
export type DutyRuleInput = z.infer<typeof dutyRuleSchema>;
export const dutyRuleCodeSchema = z.string().regex(/^[a-z][a-z0-9_]{0,31}$/);
export interface DutyRuleDto extends DutyRuleInput {
  code: string;
}

export interface ReportingDutyDto {
  id: string;
  incidentId: string;
  ruleCode: string;
  name: string;
  target: DutyTarget;
  grade: IncidentGrade;
  seqNo: number;
  dueAt: string;
  status: DutyStatus;
  doneAt: string | null;
  doneBy: string | null;
  onTime: boolean | null;
  overdueAt: string | null;
  escalatedAt: string | null;
}

export const completeDutySchema = z.strictObject({
  note: z.string().trim().max(500).default(''),
});
export type CompleteDuty = z.infer<typeof completeDutySchema>;

/** PUT /api/incidents/config/settings */
export const incidentSettingsSchema = z.strictObject({
  stormMode: z.boolean(),
  mergeDistanceM: z.number().int().min(10).max(10_000),
  mergeWindowMinutes: z
    .number()
    .int()
    .min(1)
    .max(24 * 60),
  /** The alarm clears only when depth falls this far below the threshold (no flapping). */
  sensorHysteresisM: z.number().min(0).max(1),
  /** Daily report window starts at this local (Asia/Shanghai) time. */
  reportCutoff: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/),
});
export type IncidentSettings = z.infer<typeof incidentSettingsSchema>;
export const DEFAULT_INCIDENT_SETTINGS: IncidentSettings = {
  stormMode: false,
  mergeDistanceM: 300,
  mergeWindowMinutes: 60,
  sensorHysteresisM: 0.05,
  reportCutoff: '08:00',
};

// Events ----------------------------------------------------------------------------------

/** Payload of incident.reported|updated|regraded|status_changed. */
export interface IncidentEventPayload {
  incidentId: string;
  type: IncidentType;
  grade: IncidentGrade;
  previousGrade: IncidentGrade | null;
  status: IncidentStatus;
  title: string;
  subdistrictCode: string | null;
  casualties: Casualties;
  directLossCny: number;
  version: number;
  /** Where it came from (feed source, 'console' or 'sensor'). */
  source: string;
  /**
   * Added for replay (复盘): what the console otherwise fetches after the event (location,
   * description), so the log alone draws the incident. Absent on events written before;
   * replay then shows such an incident from its first event that finds it already known, or
   * not at all (it has no location to draw).
   */
  detail?: IncidentEventDetail;
}

/** What an incident event carries for replay (see IncidentEventPayload.detail). */
export interface IncidentEventDetail {
  description: string;
  occurredAt: string;
  lon: number | null;
  lat: number | null;
  address: string | null;
  reportCount: number;
  pointId: string | null;
  sensorAlarm: boolean;
  createdAt: string;
}

export interface IncidentReportMergedPayload {
  incidentId: string;
  reportId: string;
  source: string;
  externalId: string;
}

/** Payload of incident.duty_started|duty_done|duty_overdue|duty_escalated|duty_superseded. */
export interface IncidentDutyPayload {
  incidentId: string;
  dutyId: string;
  ruleCode: string;
  name: string;
  target: DutyTarget;
  grade: IncidentGrade;
  dueAt: string;
  status: DutyStatus;
  onTime: boolean | null;
}

export interface IncidentTeamAssignedPayload {
  incidentId: string;
  teamId: string;
  teamName: string;
  distanceM: number | null;
}

export interface SensorAlarmPayload {
  pointId: string;
  pointCode: string;
  state: 'raised' | 'cleared';
  depthM: number;
  alarmDepthM: number;
  incidentId: string | null;
}

export interface IncidentConfigChangedPayload {
  what: 'duty_rule' | 'settings';
  code: string | null;
}

// Duty log ---------------------------------------------------------------------------------

export const DUTY_LOG_KINDS = ['event', 'entry', 'correction', 'handover'] as const;
export type DutyLogKind = (typeof DUTY_LOG_KINDS)[number];

export const dutyLogEntrySchema = z.strictObject({
  text: z.string().trim().min(1).max(4000),
  /** A correction names the entry it corrects; the old entry stays as it was. */
  correctsId: z.number().int().min(1).optional(),
});
export type DutyLogEntryInput = z.infer<typeof dutyLogEntrySchema>;

export const handoverSchema = z.strictObject({
  toOfficer: z.string().trim().min(1).max(64),
  note: z.string().trim().min(1).max(4000),
  openItems: z.array(z.string().trim().min(1).max(500)).max(50).default([]),
});
export type HandoverInput = z.infer<typeof handoverSchema>;

export const dutyLogQuerySchema = z.strictObject({
  from: instant.optional(),
  to: instant.optional(),
  limit: z.coerce.number().int().min(1).max(2000).default(500),
});
export type DutyLogQuery = z.infer<typeof dutyLogQuerySchema>;

export interface DutyLogEntryDto {
  id: number;
  at: string;
  kind: DutyLogKind;
  author: string;
  text: string;
  eventSeq: number | null;
  correctsId: number | null;
}

export interface DutyLogEntryPayload {
  entryId: number;
  kind: DutyLogKind;
  author: string;
  text: string;
  correctsId: number | null;
}

// Reports ----------------------------------------------------------------------------------

export const dailyReportQuerySchema = z.strictObject({
  /** The duty day (YYYY-MM-DD, Asia/Shanghai); its window starts at the cutoff that day. */
  date: z.iso.date(),
  format: z.enum(['json', 'html', 'csv']).default('json'),
});
export type DailyReportQuery = z.infer<typeof dailyReportQuerySchema>;

export const monthlyReportQuerySchema = z.strictObject({
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM'),
  format: z.enum(['json', 'html', 'csv']).default('json'),
});
export type MonthlyReportQuery = z.infer<typeof monthlyReportQuerySchema>;

export interface DutyReport {
  title: string;
  from: string;
  to: string;
  incidents: {
    total: number;
    byType: Partial<Record<IncidentType, number>>;
    byGrade: Partial<Record<IncidentGrade, number>>;
    deaths: number;
    /** Incidents with a duty to report to the district (leaders) / the city. */
    escalatedToDistrict: number;
    reportedToCity: number;
    dutiesDue: number;
    dutiesOnTime: number;
    onTimeRate: number | null;
  };
  warnings: {
    issued: number;
    updated: number;
    cancelled: number;
    expired: number;
    retracted: number;
    /** Actual warnings issued, by hazard/colour, e.g. "rainstorm/yellow": 2. */
    issuedBySignal: Record<string, number>;
  };
  responses: {
    started: number;
    levelChanged: number;
    ended: number;
    /** Highest level reached per hazard in the window. */
    highestLevel: Record<string, string>;
  };
  dispatch: {
    created: number;
    acknowledged: number;
    acknowledgedOnTime: number;
    ackRate: number | null;
    arrived: number;
    arrivedOnTime: number;
    onTimeArrivalRate: number | null;
    escalated: number;
  };
  shelters: { opened: number; closed: number; peakOccupancy: number; capacityOpened: number };
  teams: { deployed: number; assignments: number };
  /** Leader instructions (批示指示) in the window. */
  instructions: { received: number; answered: number; closed: number; overdue: number };
  /** Upward reports sent in the window, per recipient; late ones, and duties due but not done. */
  upwardReports: {
    sent: number;
    byRecipient: Record<string, number>;
    late: number;
    missed: number;
  };
  /** 叫应 (issue 13): live warning calls; drills are counted apart and not in these. */
  calls: {
    called: number;
    answered: number;
    answeredOnTime: number;
    overdue: number;
    drills: number;
  };
}

export interface MonthlyReport {
  month: string;
  summary: DutyReport;
  days: {
    date: string;
    incidents: number;
    warningsIssued: number;
    dispatches: number;
    instructions: number;
    upwardReports: number;
    /** 叫应 that day (drills apart): calls made, answered, unanswered at the first rung. */
    calls: number;
    callsAnswered: number;
    callsOverdue: number;
  }[];
}
