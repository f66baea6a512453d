import { z } from 'zod';

/**
 * The last mile (issue 13): 三防 responsible persons and member units, warning call-and-answer
 * (叫应) and reachability drills (连通性测试). Fields are only ever added.
 */

/** Member units: the district's 10 subdistricts and its 43 departments and enterprises. */
export const UNIT_KINDS = ['subdistrict', 'department', 'enterprise'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

/** What a responsible person answers for (the 叫应 table calls by duty). */
export const PERSON_DUTIES = [
  'subdistrict_head', // 街道三防负责人
  'unit_head', // 成员单位三防负责人
  'community', // 社区责任人
  'reservoir', // 水库责任人
  'river', // 河道责任人
  'slope', // 边坡责任人
  'liaison', // 三防联络员
] as const;
export type PersonDuty = (typeof PERSON_DUTIES)[number];

export interface MemberUnitDto {
  code: string;
  name: string;
  kind: UnitKind;
  /** A subdistrict unit's own subdistrict; null for district-wide departments. */
  subdistrictCode: string | null;
  /** The unit's leader (a responsible person of the unit), the third rung of escalation. */
  leaderId: string | null;
  persons: number;
}

export interface PersonDto {
  id: string;
  name: string;
  phone: string;
  phone2: string | null;
  unitCode: string;
  unitName: string;
  subdistrictCode: string;
  duty: PersonDuty;
  backupId: string | null;
  backupName: string | null;
  leader: boolean;
  updatedAt: string;
}

const phone = z
  .string()
  .trim()
  .regex(/^\+?[0-9][0-9 -]{5,19}$/, 'a phone number: digits, optionally +, spaces or dashes');
const code = (what: string) => z.string().regex(/^[A-Za-z0-9_-]{1,16}$/, what);

export const personInputSchema = z.object({
  name: z.string().trim().min(1).max(60),
  phone,
  phone2: phone.nullable().default(null),
  unitCode: code('a member unit code'),
  subdistrictCode: z.string().regex(/^\d{6,12}$/, 'a subdistrict code'),
  duty: z.enum(PERSON_DUTIES),
  backupId: z.string().uuid().nullable().default(null),
  leader: z.boolean().default(false),
});
export type PersonInput = z.infer<typeof personInputSchema>;
export const personPatchSchema = personInputSchema.partial();
export type PersonPatch = z.infer<typeof personPatchSchema>;

export const personsQuerySchema = z.object({
  unitCode: code('a member unit code').optional(),
  subdistrictCode: z
    .string()
    .regex(/^\d{6,12}$/)
    .optional(),
  q: z.string().trim().max(60).optional(),
  limit: z.coerce.number().int().min(1).max(5000).default(200),
  offset: z.coerce.number().int().min(0).default(0),
});
export type PersonsQuery = z.infer<typeof personsQuerySchema>;

export interface PersonsPage {
  total: number;
  persons: PersonDto[];
}

/** The 叫应 table: for a hazard and colour, which duties are called (in the warning's zone). */
export interface CallRuleDto {
  /** A warning hazard key (rainstorm, typhoon, …) or `*` for any hazard without a row. */
  hazard: string;
  colour: 'blue' | 'yellow' | 'orange' | 'red';
  duties: PersonDuty[];
  /** Also call the waterlogging points' contacts (deduplicated by phone with the persons). */
  pointContacts: boolean;
}

export const callRuleSchema = z.object({
  hazard: z.string().regex(/^(\*|[a-z_]{2,40})$/, 'a hazard key such as rainstorm, or *'),
  colour: z.enum(['blue', 'yellow', 'orange', 'red']),
  duties: z.array(z.enum(PERSON_DUTIES)).max(PERSON_DUTIES.length),
  pointContacts: z.boolean().default(false),
});
export const callRulesSchema = z.object({ rules: z.array(callRuleSchema).max(400) });
export type CallRulesInput = z.infer<typeof callRulesSchema>;

export type CallStatus = 'called' | 'answered' | 'escalated' | 'stood_down';

/** Why a round of calls went out. */
export type CallReason = 'issued' | 'upgraded' | 'extended' | 'drill';

/** One row of a 叫应 board: called / answered / overdue for a subdistrict or a unit. */
export interface CallTally {
  key: string;
  name: string;
  called: number;
  answered: number;
  overdue: number;
}

export interface CallDto {
  id: string;
  name: string;
  phone: string;
  unitCode: string | null;
  unitName: string | null;
  subdistrictCode: string | null;
  duty: string;
  status: CallStatus;
  step: number;
  calledAt: string;
  deadline: string;
  answeredAt: string | null;
  answeredLate: boolean | null;
}

export interface CallBoardDto {
  warningId: string | null;
  drillId: string | null;
  drill: boolean;
  totals: { called: number; answered: number; overdue: number; stoodDown: number };
  bySubdistrict: CallTally[];
  byUnit: CallTally[];
  /** Unanswered calls, oldest first (the ones to chase). */
  overdue: CallDto[];
}

export interface DeliveryHealthRow {
  kind: 'person' | 'contact';
  id: string;
  name: string;
  phone: string;
  unitCode: string | null;
  unitName: string | null;
  subdistrictCode: string | null;
  /** The last message's error when it failed (or its receipt said failed / expired). */
  lastError: string | null;
  lastFailedAt: string | null;
  /** Called at least once and never answered. */
  neverAnswered: boolean;
}

export interface DeliveryHealthDto {
  failed: DeliveryHealthRow[];
  neverAnswered: DeliveryHealthRow[];
  noBackup: PersonDto[];
  bySubdistrict: { code: string; failed: number; neverAnswered: number; noBackup: number }[];
  byUnit: { code: string; name: string; failed: number; neverAnswered: number; noBackup: number }[];
}

export const drillStartSchema = z
  .object({
    scope: z.enum(['district', 'subdistrict', 'unit']),
    code: z.string().max(16).nullable().default(null),
    note: z.string().trim().max(200).default(''),
  })
  .refine((d) => d.scope === 'district' || (d.code !== null && d.code !== ''), {
    message: 'a subdistrict or unit drill names its code',
    path: ['code'],
  });
export type DrillStart = z.infer<typeof drillStartSchema>;

export interface DrillDto {
  id: string;
  scope: 'district' | 'subdistrict' | 'unit';
  code: string | null;
  note: string;
  startedBy: string;
  startedAt: string;
  called: number;
  answered: number;
}

export interface DrillReportDto extends DrillDto {
  answeredCalls: (CallDto & { seconds: number })[];
  unanswered: CallDto[];
  medianSeconds: number | null;
}

// Events.
export interface RosterChangedPayload {
  action: 'created' | 'updated' | 'removed' | 'imported' | 'rules_changed';
  personId?: string;
  name?: string;
  unitCode?: string;
  count?: number;
}

export interface CallsRoundPayload {
  roundId: string;
  warningId: string | null;
  drillId: string | null;
  drill: boolean;
  reason: CallReason;
  hazard: string | null;
  colour: string | null;
  called: number;
  headline: string;
}

export interface CallEventPayload {
  callId: string;
  roundId: string;
  warningId: string | null;
  drillId: string | null;
  drill: boolean;
  name: string;
  unitCode: string | null;
  subdistrictCode: string | null;
  late: boolean;
  /** The escalation step reached before the answer (0: answered in the window). */
  step: number;
}

export interface CallsEscalatedPayload {
  roundId: string;
  warningId: string | null;
  drillId: string | null;
  drill: boolean;
  /** 1 repeat, 2 backup person, 3 the unit's leader, 4 the district duty officers. */
  step: number;
  /** Calls still unanswered at this step. */
  count: number;
  /** Messages this step sent. */
  sent: number;
}

export interface CallsStoodDownPayload {
  warningId: string | null;
  drillId: string | null;
  count: number;
  reason: string;
}
