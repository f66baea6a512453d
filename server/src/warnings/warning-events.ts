import type { WarningEventDetail, WarningEventPayload, WarningState } from '@sanfang/shared';
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

type EventMessage = Pick<CapMessage, 'msgType'> & Partial<CapMessage>;

/**
 * The detail the console fetches after a warning event, when `msg` is the warning's current
 * message (for replay: the log alone then draws the areas). Otherwise none: the reducer keeps
 * what it had.
 */
function detailOf(w: Warning, msg: EventMessage): WarningEventDetail | undefined {
  if (msg.id === undefined || msg.id !== w.currentMessageId || !msg.areas) return undefined;
  return {
    areas: msg.areas.map((a) => ({
      areaDesc: a.areaDesc,
      polygons: a.polygons,
      circles: a.circles,
      geocodes: a.geocodes,
    })),
    description: msg.description ?? '',
    instruction: msg.instruction ?? '',
    event: msg.event ?? '',
    inDistrict: w.inDistrict,
    effective: msg.effective?.toISOString() ?? null,
    issuedAt: w.issuedAt.toISOString(),
  };
}

export function warningPayload(w: Warning, msg: EventMessage): WarningEventPayload {
  const detail = detailOf(w, msg);
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
    ...(detail ? { detail } : {}),
  };
}

export function emitWarning(
  tx: EventTx,
  type: WarningEventType,
  w: Warning,
  msg: EventMessage,
): void {
  tx.emit(type, warningPayload(w, msg), { subdistrictCodes: w.subdistrictCodes });
}
