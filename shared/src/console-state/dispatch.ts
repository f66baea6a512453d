import type { DispatchDto, DispatchEventPayload, EventEnvelope } from '../index';

type DispatchEvent = Extract<EventEnvelope, { payload: DispatchEventPayload }>;
const DISPATCH_TYPES = new Set<string>([
  'dispatch.created',
  'dispatch.acknowledged',
  'dispatch.arrived',
  'dispatch.escalated',
  'dispatch.stood_down',
]);
const isDispatchEvent = (e: EventEnvelope): e is DispatchEvent => DISPATCH_TYPES.has(e.type);

export type DispatchMap = ReadonlyMap<string, DispatchDto>;

function applyOne(d: DispatchDto, e: DispatchEvent): DispatchDto {
  const p = e.payload;
  const at = p.at ?? e.occurredAt;
  switch (e.type) {
    case 'dispatch.created':
      return d;
    case 'dispatch.acknowledged':
      return {
        ...d,
        status: p.status,
        acknowledgedAt: d.acknowledgedAt ?? at,
        ackLate: p.late ?? d.ackLate,
        ackRemainingS: null,
      };
    case 'dispatch.arrived':
      return {
        ...d,
        status: p.status,
        acknowledgedAt: d.acknowledgedAt ?? at,
        arrivedAt: d.arrivedAt ?? at,
        // An arrival closes the call-out (as the API stores it).
        closedAt: d.closedAt ?? at,
        arriveLate: p.late ?? d.arriveLate,
        arrivalFar: p.far ?? d.arrivalFar,
        arrivalDistanceM: p.distanceM !== undefined ? p.distanceM : d.arrivalDistanceM,
        depthM: p.depthM !== undefined ? p.depthM : d.depthM,
        ackRemainingS: null,
        arriveRemainingS: null,
      };
    case 'dispatch.escalated':
      return {
        ...d,
        status: p.status,
        ackEscalationStep:
          p.ladder === 'ack' ? (p.step ?? d.ackEscalationStep) : d.ackEscalationStep,
        arriveEscalationStep:
          p.ladder === 'arrive' ? (p.step ?? d.arriveEscalationStep) : d.arriveEscalationStep,
      };
    case 'dispatch.stood_down':
      return { ...d, status: 'stood_down', closedAt: d.closedAt ?? at };
  }
}

/** A response's call-outs by id, as the API lists them. */
export const dispatchesFromList = (list: readonly DispatchDto[]): DispatchMap =>
  new Map(list.map((d) => [d.id, d]));

/**
 * One response's call-outs after one event (`responseId` is the response they belong to):
 * events of other responses, and of call-outs not loaded, return the same map.
 */
export function applyDispatchEvent(
  dispatches: DispatchMap,
  e: EventEnvelope,
  responseId: string,
): DispatchMap {
  if (!isDispatchEvent(e) || e.payload.responseId !== responseId) return dispatches;
  const current = dispatches.get(e.payload.dispatchId);
  if (!current) return dispatches;
  const updated = applyOne(current, e);
  return updated === current ? dispatches : new Map(dispatches).set(updated.id, updated);
}

/**
 * Whether the event names a call-out of this response the loaded snapshot does not have
 * (created after it was read): it can't be drawn from the event alone (no deadlines, names),
 * so the response is read again.
 */
export const dispatchMissing = (
  dispatches: DispatchMap,
  e: EventEnvelope,
  responseId: string,
): boolean =>
  isDispatchEvent(e) &&
  e.payload.responseId === responseId &&
  !dispatches.has(e.payload.dispatchId);

/**
 * Applies dispatch.* events to loaded dispatches of any responses (the fold a replay uses); the
 * responses with call-outs not loaded are returned for a refetch.
 */
export function applyDispatchEvents(
  dispatches: DispatchMap,
  events: readonly EventEnvelope[],
): { dispatches: DispatchMap; refetch: string[] } {
  let next: Map<string, DispatchDto> | null = null;
  const refetch = new Set<string>();
  for (const e of events) {
    if (!isDispatchEvent(e)) continue;
    const current = (next ?? dispatches).get(e.payload.dispatchId);
    if (!current) {
      refetch.add(e.payload.responseId);
      continue;
    }
    const updated = applyOne(current, e);
    if (updated === current) continue;
    next ??= new Map(dispatches);
    next.set(updated.id, updated);
  }
  return { dispatches: next ?? dispatches, refetch: [...refetch] };
}

/** A call-out drawn from its dispatch.created event alone (events carrying `detail`). */
export function dispatchFromEvent(e: EventEnvelope): DispatchDto | null {
  if (e.type !== 'dispatch.created' || !e.payload.detail) return null;
  const p = e.payload;
  const d = p.detail!;
  return {
    id: p.dispatchId,
    responseId: p.responseId,
    pointId: p.pointId,
    pointCode: d.pointCode,
    pointName: d.pointName,
    subdistrictCode: d.subdistrictCode,
    contactId: p.contactId,
    contactName: d.contactName,
    phone: d.phone,
    role: p.role,
    status: p.status,
    code: d.code,
    notifiedAt: d.notifiedAt,
    ackDeadline: d.ackDeadline,
    ackRemainingS: null,
    acknowledgedAt: null,
    ackLate: null,
    arriveDeadline: d.arriveDeadline,
    arriveRemainingS: null,
    arrivedAt: null,
    arriveLate: null,
    arrivalDistanceM: null,
    arrivalFar: null,
    depthM: null,
    ackEscalationStep: 0,
    arriveEscalationStep: 0,
    closedAt: null,
  };
}

/**
 * Every response's call-outs after one event (the replay's board): a created call-out whose
 * event carries its detail is added; the others change as `applyDispatchEvent` changes them.
 */
export function applyAnyDispatchEvent(dispatches: DispatchMap, e: EventEnvelope): DispatchMap {
  if (!isDispatchEvent(e)) return dispatches;
  const current = dispatches.get(e.payload.dispatchId);
  if (!current) {
    const created = dispatchFromEvent(e);
    return created ? new Map(dispatches).set(created.id, created) : dispatches;
  }
  const updated = applyOne(current, e);
  return updated === current ? dispatches : new Map(dispatches).set(updated.id, updated);
}

/** Countdowns as the board showed them at `at` (null once acknowledged, arrived or closed). */
export function dispatchAt(d: DispatchDto, at: string): DispatchDto {
  const now = Date.parse(at);
  const open = d.status !== 'stood_down' && d.closedAt === null;
  const remaining = (deadline: string | null) =>
    deadline === null ? null : Math.round((Date.parse(deadline) - now) / 1000);
  return {
    ...d,
    ackRemainingS: open && d.acknowledgedAt === null ? remaining(d.ackDeadline) : null,
    arriveRemainingS: open && d.arrivedAt === null ? remaining(d.arriveDeadline) : null,
  };
}
