import type {
  DispatchDto,
  EventEnvelope,
  EventMap,
  EventType,
  IncidentDto,
  NearbyTeamDto,
  ReportingDutyDto,
  ResponseDto,
  ResponseEventPayload,
  SuggestionDto,
  WarningDto,
} from '@sanfang/shared';

let seq = 0;
/** A live event as the socket delivers it. */
export function event<K extends EventType>(
  type: K,
  payload: EventMap[K],
  occurredAt = '2025-06-11T07:00:00.000Z',
): EventEnvelope {
  seq += 1;
  return { seq, type, occurredAt, payload } as EventEnvelope;
}

export function warning(overrides: Partial<WarningDto> = {}): WarningDto {
  return {
    id: 'w1',
    hazard: 'rainstorm',
    colour: 'yellow',
    level: 'III',
    severity: 'Moderate',
    status: 'Actual',
    drill: false,
    state: 'active',
    headline: '宝安区暴雨黄色预警',
    description: '',
    instruction: '',
    event: '暴雨',
    subdistrictCodes: [],
    districtWide: true,
    inDistrict: true,
    areas: [],
    issuedAt: '2025-06-11T06:05:00.000Z',
    updatedAt: '2025-06-11T06:05:00.000Z',
    effective: null,
    expires: '2025-06-11T12:05:00.000Z',
    currentMessageId: 'm1',
    current: {
      sender: '44030041600000',
      identifier: '44030041600000_20250611140500',
      sent: '2025-06-11T06:05:00.000Z',
      msgType: 'Alert',
    },
    chainIdentities: [],
    expiresAssumed: false,
    missingEarlier: false,
    signature: { state: 'absent', by: null },
    texts: [],
    ...overrides,
  };
}

export function dispatch(overrides: Partial<DispatchDto> = {}): DispatchDto {
  return {
    id: 'd1',
    responseId: 'r1',
    pointId: 'p1',
    pointCode: 'BA-001',
    pointName: '宝安大道下穿',
    subdistrictCode: '440306001',
    contactId: 'c1',
    contactName: '张三',
    phone: '13800000000',
    role: 'onsite_lead',
    status: 'notified',
    code: '1234',
    notifiedAt: '2025-06-11T07:00:00.000Z',
    ackDeadline: '2025-06-11T07:10:00.000Z',
    ackRemainingS: 600,
    acknowledgedAt: null,
    ackLate: null,
    arriveDeadline: '2025-06-11T07:30:00.000Z',
    arriveRemainingS: 1800,
    arrivedAt: null,
    arriveLate: null,
    arrivalDistanceM: null,
    arrivalFar: null,
    depthM: null,
    ackEscalationStep: 0,
    arriveEscalationStep: 0,
    closedAt: null,
    ...overrides,
  };
}

/** A response.* event's payload: a level IV flood response for the whole district. */
export function responsePayload(over: Partial<ResponseEventPayload> = {}): ResponseEventPayload {
  return {
    responseId: 'r1',
    hazard: 'flood',
    level: 'IV',
    previousLevel: null,
    subdistrictCodes: [],
    reason: '暴雨黄色预警',
    preemptive: false,
    warningId: null,
    ...over,
  };
}

export function response(overrides: Partial<ResponseDto> = {}): ResponseDto {
  return {
    id: 'r1',
    hazard: 'flood',
    level: 'IV',
    status: 'active',
    subdistrictCodes: [],
    preemptive: false,
    warningId: null,
    startedAt: '2025-06-11T07:00:00.000Z',
    startedBy: 'commander',
    endedAt: null,
    history: [],
    ...overrides,
  };
}

export function incident(overrides: Partial<IncidentDto> = {}): IncidentDto {
  return {
    id: 'i1',
    type: 'traffic',
    grade: 'general',
    status: 'reported',
    title: '宝安大道下穿隧道车辆被困',
    description: '一辆小车被困积水中',
    occurredAt: '2025-06-11T07:00:00.000Z',
    lon: 113.88,
    lat: 22.58,
    address: '宝安大道下穿隧道',
    subdistrictCode: null,
    casualties: { deaths: 1, seriousInjuries: 0, missing: 0, trapped: 2 },
    directLossCny: 0,
    version: 1,
    reportCount: 1,
    pointId: null,
    sensorAlarm: false,
    createdAt: '2025-06-11T07:02:00.000Z',
    statusHistory: [{ status: 'reported', at: '2025-06-11T07:02:00.000Z', by: 'duty' }],
    ...overrides,
  };
}

export function reportingDuty(overrides: Partial<ReportingDutyDto> = {}): ReportingDutyDto {
  return {
    id: 'duty-1',
    incidentId: 'i1',
    ruleCode: 'leader_notify',
    name: '电话报告带班领导',
    target: 'leader_on_duty',
    grade: 'general',
    seqNo: 0,
    dueAt: '2025-06-11T07:12:00.000Z',
    status: 'pending',
    doneAt: null,
    doneBy: null,
    onTime: null,
    overdueAt: null,
    escalatedAt: null,
    ...overrides,
  };
}

export function nearbyTeam(overrides: Partial<NearbyTeamDto> = {}): NearbyTeamDto {
  return {
    id: 't1',
    code: 'RT-001',
    name: '西乡街道综合救援队',
    kind: 'comprehensive',
    members: 24,
    status: 'standby',
    subdistrictCode: '440306002',
    lon: 113.87,
    lat: 22.59,
    distanceM: 1520,
    ...overrides,
  };
}

export function suggestion(overrides: Partial<SuggestionDto> = {}): SuggestionDto {
  return {
    id: 's1',
    warningId: 'w1',
    hazard: 'flood',
    level: 'attention',
    action: 'start',
    subdistrictCodes: [],
    reason: '宝安区暴雨黄色预警: rainstorm yellow → flood attention (table: rainstorm yellow)',
    basis: {
      change: 'changed',
      headline: '宝安区暴雨黄色预警',
      warningHazard: 'rainstorm',
      warningColour: 'yellow',
      rule: { hazard: 'rainstorm', colour: 'yellow' },
    },
    autoApply: false,
    status: 'pending',
    responseId: null,
    decidedBy: null,
    decidedAt: null,
    note: null,
    receivedAt: '2025-06-11T06:05:10.000Z',
    ...overrides,
  };
}
