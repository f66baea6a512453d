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

/**
 * Applies dispatch.* events to the loaded dispatches. A dispatch the board has not loaded yet
 * (created after the snapshot) can't be drawn from the event alone (no deadlines, names), so
 * its response is returned for a refetch.
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

/** Replaces one response's dispatches with a fresh snapshot. */
export function replaceResponseDispatches(
  dispatches: DispatchMap,
  responseId: string,
  fresh: readonly DispatchDto[],
): DispatchMap {
  const next = new Map([...dispatches].filter(([, d]) => d.responseId !== responseId));
  for (const d of fresh) next.set(d.id, d);
  return next;
}

/** Drops the dispatches of responses no longer shown. */
export function keepResponses(
  dispatches: DispatchMap,
  responseIds: ReadonlySet<string>,
): DispatchMap {
  const kept = [...dispatches].filter(([, d]) => responseIds.has(d.responseId));
  return kept.length === dispatches.size ? dispatches : new Map(kept);
}
