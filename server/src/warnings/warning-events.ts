import type { WarningEventPayload, WarningState } from '@sanfang/shared';
import type { EventTx } from '../events/event-log';
import type { CapMessage } from './entities/cap-message.entity';
import type { Warning } from './entities/warning.entity';

export type WarningEventType =
  | 'warning.issued'
  | 'warning.updated'
  | 'warning.cancelled'
  | 'warning.expired'
  | 'warning.retracted';

/** A stored `active` warning reads as expired once its time has passed. */
export const effectiveState = (w: Warning, now: Date): WarningState =>
  w.state === 'active' && w.expires !== null && w.expires <= now ? 'expired' : w.state;

export function warningPayload(w: Warning, msg: Pick<CapMessage, 'msgType'>): WarningEventPayload {
  return {
    warningId: w.id,
    hazard: w.hazard,
    colour: w.colour,
    status: w.status,
    headline: w.headline,
    subdistrictCodes: w.subdistrictCodes,
    messageId: w.currentMessageId,
    msgType: msg.msgType,
    state: w.state,
    level: w.level,
    severity: w.severity,
    expires: w.expires?.toISOString() ?? null,
    districtWide: w.districtWide,
    drill: w.status === 'Exercise',
  };
}

export function emitWarning(
  tx: EventTx,
  type: WarningEventType,
  w: Warning,
  msg: Pick<CapMessage, 'msgType'>,
): void {
  tx.emit(type, warningPayload(w, msg), { subdistrictCodes: w.subdistrictCodes });
}
