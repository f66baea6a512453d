import type { EventEnvelope } from '@sanfang/shared';

/** A fake live connection: the test pushes event batches to whoever listens. */
export function liveSocket() {
  const listeners = new Set<(events: EventEnvelope[]) => void>();
  return {
    onEvents: (l: (events: EventEnvelope[]) => void) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    push: (...events: EventEnvelope[]) => listeners.forEach((l) => l(events)),
    listening: () => listeners.size,
  };
}

/** Lets settled reads' callbacks run (no timers: the test settles the reads by hand). */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await Promise.resolve();
}
