import type { EventEnvelope, EventType } from '@sanfang/shared';

/** An event type, or a family of them: `'incident.*'` matches `incident.reported`, … */
export type EventPattern = EventType | `${string}.*`;

export function matchesEvent(patterns: readonly EventPattern[], event: EventEnvelope): boolean {
  return patterns.some((p) =>
    p.endsWith('.*') ? event.type.startsWith(p.slice(0, -1)) : event.type === p,
  );
}
