import type { EventEnvelope } from '@sanfang/shared';

const WARNING_CHANGES = new Set<string>([
  'warning.issued',
  'warning.updated',
  'warning.cancelled',
  'warning.expired',
  'warning.retracted',
  // A message that joined the chain without changing the warning still belongs in its lineage.
  'cap.received',
]);

/** Whether a batch of live events concerns one warning (a new message in its chain, its end). */
export function concernsWarning(warningId: string, events: readonly EventEnvelope[]): boolean {
  return events.some(
    (e) =>
      WARNING_CHANGES.has(e.type) && 'warningId' in e.payload && e.payload.warningId === warningId,
  );
}
