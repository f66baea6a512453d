import type {
  DispatchDto,
  EventEnvelope,
  EventMap,
  EventType,
  ResponseDto,
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
