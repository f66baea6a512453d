import type { DispatchDto, DispatchEventPayload, EventEnvelope } from '@sanfang/shared';

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
  const at = e.occurredAt;
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
        arriveLate: p.late ?? d.arriveLate,
        arrivalFar: p.far ?? d.arrivalFar,
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
