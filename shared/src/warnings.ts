/**
 * Warnings (CAP) — contracts. Owned by the warnings feature; other features read the event
 * payloads below (the duty report counts them), so fields are only ever added.
 */
export const SIGNAL_COLOURS = ['white', 'blue', 'yellow', 'orange', 'red'] as const;
export type SignalColour = (typeof SIGNAL_COLOURS)[number];

export type CapStatus = 'Actual' | 'Exercise' | 'System' | 'Test' | 'Draft';

/** Payload of warning.issued|updated|cancelled|expired|retracted. */
export interface WarningEventPayload {
  warningId: string;
  /** e.g. rainstorm, typhoon, thunderstorm_gale, heat, … */
  hazard: string;
  colour: SignalColour | null;
  status: CapStatus;
  headline: string;
  subdistrictCodes: string[];
}
