import { z } from 'zod';
import type { DutyTarget } from './incidents';

// The duty desk (值班室): the rota, leader instructions and upward reports. ------------------

const name = z.string().trim().min(1).max(40);
const phone = z.string().regex(/^\+?\d{5,20}$/, 'must be 5–20 digits with an optional leading +');
const username = z.string().trim().min(1).max(64);

/** One person on a shift: a console user (username) or a named person with a phone. */
export const rotaPersonSchema = z.strictObject({
  name,
  phone,
  username: username.nullable().default(null),
});
export type RotaPerson = z.infer<typeof rotaPersonSchema>;

export const ROTA_ROLES = ['leader', 'chief', 'officer'] as const;
export type RotaRole = (typeof ROTA_ROLES)[number];
export const ROTA_CHANGE_KINDS = ['edit', 'swap', 'substitution'] as const;
export type RotaChangeKind = (typeof ROTA_CHANGE_KINDS)[number];

/** PUT /api/rota/shift — set one shift's people (a change, swap or substitution). */
export const rotaShiftInputSchema = z.strictObject({
  startsAt: z.iso.datetime({ offset: true }),
  leader: rotaPersonSchema.nullable(),
  chief: rotaPersonSchema.nullable(),
  officers: z.array(rotaPersonSchema).max(10),
  change: z.enum(ROTA_CHANGE_KINDS).default('edit'),
  note: z.string().trim().max(500).default(''),
});
export type RotaShiftInput = z.infer<typeof rotaShiftInputSchema>;

export const rotaQuerySchema = z.strictObject({
  from: z.iso.date(),
  to: z.iso.date(),
});
export type RotaQuery = z.infer<typeof rotaQuerySchema>;

/** POST /api/rota/import — a CSV of shifts, loaded all or nothing. */
export const rotaImportSchema = z.strictObject({
  csv: z.string().min(1).max(2_000_000),
  dryRun: z.boolean().default(false),
});
export type RotaImportInput = z.infer<typeof rotaImportSchema>;

export interface RotaShiftDto {
  startsAt: string;
  endsAt: string;
  leader: RotaPerson | null;
  chief: RotaPerson | null;
  officers: RotaPerson[];
  updatedBy: string | null;
  updatedAt: string | null;
}

/** A shift with no leader on duty or no officer, inside the warning horizon. */
export interface RotaGapDto {
  startsAt: string;
  endsAt: string;
  missing: ('leader' | 'officer')[];
}

export interface RotaNowDto {
  current: RotaShiftDto | null;
  next: RotaShiftDto | null;
  gaps: RotaGapDto[];
  gapWarnHours: number;
}

export interface RotaImportResult {
  shifts: number;
  replaced: number;
  dryRun: boolean;
}

/** One bad cell of an import: the line the CSV record starts on, the column, the reason. */
export interface RotaImportProblem {
  line: number;
  column: string;
  message: string;
}

export interface RotaShiftChangedPayload {
  startsAt: string;
  change: RotaChangeKind | 'import';
  note: string;
  before: { leader: string | null; chief: string | null; officers: string[] };
  after: { leader: string | null; chief: string | null; officers: string[] };
}
export interface RotaImportedPayload {
  shifts: number;
  replaced: number;
  from: string;
  to: string;
}
export interface RotaGapWarnedPayload {
  startsAt: string;
  missing: ('leader' | 'officer')[];
  notified: string[];
}
export interface RotaLeaderNotifiedPayload {
  incidentId: string;
  dutyId: string;
  leader: string | null;
  address: string | null;
}

// Leader instructions (批示指示) ----------------------------------------------------------

export const INSTRUCTION_LEVELS = ['city', 'district'] as const;
export const INSTRUCTION_CHANNELS = ['phone', 'document', 'system'] as const;
export const INSTRUCTION_CONCERNS = ['incident', 'warning', 'response'] as const;
export const INSTRUCTION_STATUSES = ['received', 'assigned', 'answered', 'closed'] as const;
export type InstructionStatus = (typeof INSTRUCTION_STATUSES)[number];
export const INSTRUCTION_UNIT_KINDS = ['member_unit', 'subdistrict', 'department'] as const;
export type InstructionUnitKind = (typeof INSTRUCTION_UNIT_KINDS)[number];
export const ASSIGNMENT_STATUSES = ['pending', 'overdue', 'answered'] as const;
export type AssignmentStatus = (typeof ASSIGNMENT_STATUSES)[number];

export const registerInstructionSchema = z.strictObject({
  fromName: name,
  fromTitle: z.string().trim().min(1).max(60),
  fromLevel: z.enum(INSTRUCTION_LEVELS),
  receivedAt: z.iso.datetime({ offset: true }),
  receivedVia: z.enum(INSTRUCTION_CHANNELS),
  text: z.string().trim().min(1).max(4000),
  concerns: z
    .strictObject({ kind: z.enum(INSTRUCTION_CONCERNS), id: z.uuid() })
    .nullable()
    .default(null),
});
export type RegisterInstruction = z.infer<typeof registerInstructionSchema>;

export const assignInstructionSchema = z.strictObject({
  units: z
    .array(
      z.strictObject({
        name: z.string().trim().min(1).max(60),
        kind: z.enum(INSTRUCTION_UNIT_KINDS),
        phone,
      }),
    )
    .min(1)
    .max(60),
  deadline: z.iso.datetime({ offset: true }),
});
export type AssignInstruction = z.infer<typeof assignInstructionSchema>;

/** A unit's feedback (反馈), by its link or taken by phone by the duty officer. */
export const answerSchema = z.strictObject({
  text: z.string().trim().min(1).max(4000),
  answeredBy: name,
});
export type AnswerInput = z.infer<typeof answerSchema>;

export const closeInstructionSchema = z.strictObject({
  summary: z.string().trim().min(1).max(4000),
});
export type CloseInstruction = z.infer<typeof closeInstructionSchema>;

export const instructionsQuerySchema = z.strictObject({
  status: z.enum(['open', 'all']).default('open'),
  concernsId: z.uuid().optional(),
});
export type InstructionsQuery = z.infer<typeof instructionsQuerySchema>;

export interface AssignmentDto {
  id: string;
  unitName: string;
  unitKind: InstructionUnitKind;
  unitPhone: string;
  deadline: string;
  status: AssignmentStatus;
  answerText: string | null;
  answeredBy: string | null;
  answeredVia: 'link' | 'phone' | null;
  answeredAt: string | null;
  recordedBy: string | null;
  overdueAt: string | null;
  escalatedTo: string[];
  /** The signed answer link (`/answer/<token>`); only in the console's own views. */
  link: string;
}

export interface InstructionDto {
  id: string;
  fromName: string;
  fromTitle: string;
  fromLevel: (typeof INSTRUCTION_LEVELS)[number];
  receivedAt: string;
  receivedVia: (typeof INSTRUCTION_CHANNELS)[number];
  text: string;
  concerns: { kind: (typeof INSTRUCTION_CONCERNS)[number]; id: string } | null;
  status: InstructionStatus;
  registeredBy: string;
  closedAt: string | null;
  closedBy: string | null;
  closingSummary: string | null;
  assignments: AssignmentDto[];
}

/** What a unit sees on its answer page: its own assignment only. */
export interface AnswerViewDto {
  unitName: string;
  fromName: string;
  fromTitle: string;
  text: string;
  receivedAt: string;
  deadline: string;
  status: AssignmentStatus;
  closed: boolean;
  answerText: string | null;
  answeredBy: string | null;
  answeredAt: string | null;
}

export interface InstructionEventPayload {
  instructionId: string;
  status: InstructionStatus;
  fromName: string;
  text: string;
  concerns: InstructionDto['concerns'];
  /** On `instruction.assigned`: the units this assignment added (absent on older events). */
  units?: string[];
  /** On `instruction.closed`: the closing summary (办结情况; absent on older events). */
  summary?: string;
}
export interface AssignmentEventPayload {
  instructionId: string;
  assignmentId: string;
  unitName: string;
  status: AssignmentStatus;
  deadline: string;
  via: 'link' | 'phone' | null;
  escalatedTo: string[];
}

export const INSTRUCTION_EVENT_TYPES = [
  'instruction.received',
  'instruction.assigned',
  'instruction.answered',
  'instruction.overdue',
  'instruction.closed',
] as const;
export type InstructionEventType = (typeof INSTRUCTION_EVENT_TYPES)[number];

/**
 * One event of an instruction's history, as the event log holds it: registered, assigned (the
 * units), answered by a unit (link or phone), overdue (the unit chased, the officers escalated
 * to), closed (the summary).
 */
export interface InstructionHistoryEntryDto {
  seq: number;
  type: InstructionEventType;
  at: string;
  actor: string;
  units?: string[];
  unitName?: string;
  via?: 'link' | 'phone' | null;
  deadline?: string;
  escalatedTo?: string[];
  summary?: string;
}

// Upward reports (初报 / 续报 / 终报) ------------------------------------------------------

export const UPWARD_KINDS = ['initial', 'followup', 'final'] as const;
export type UpwardKind = (typeof UPWARD_KINDS)[number];

export const upwardReportsQuerySchema = z.strictObject({ incidentId: z.uuid().optional() });
export type UpwardReportsQuery = z.infer<typeof upwardReportsQuerySchema>;

export interface UpwardReportDto {
  id: string;
  incidentId: string;
  dutyId: string;
  kind: UpwardKind;
  target: DutyTarget;
  recipients: string[];
  channel: string;
  sentAt: string;
  sentBy: string;
  late: boolean;
  text: string;
}

export interface ReportRecipientDto {
  code: string;
  name: string;
  target: DutyTarget;
  phone: string | null;
}

export interface UpwardReportPayload {
  reportId: string;
  incidentId: string;
  dutyId: string;
  kind: UpwardKind;
  target: DutyTarget;
  recipients: string[];
  channel: string;
  late: boolean;
}
