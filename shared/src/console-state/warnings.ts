import type { EventEnvelope, WarningDto, WarningEventPayload } from '../index';

type WarningEvent = Extract<EventEnvelope, { payload: WarningEventPayload }>;
const WARNING_TYPES = new Set<string>([
  'warning.issued',
  'warning.updated',
  'warning.cancelled',
  'warning.expired',
  'warning.retracted',
]);
const isWarningEvent = (e: EventEnvelope): e is WarningEvent => WARNING_TYPES.has(e.type);
const ending = (e: WarningEvent): boolean =>
  e.type !== 'warning.issued' && e.type !== 'warning.updated';

/**
 * A warning as the banner and map know it: the API DTO once fetched, or, for the moments after
 * an event and before its detail arrives, a provisional one built from the event (areas empty,
 * so the map falls back to the subdistricts or the whole district).
 */
export interface WarningsState {
  byId: ReadonlyMap<string, WarningDto>;
}

export const emptyWarnings: WarningsState = { byId: new Map() };

export function warningsFromList(list: readonly WarningDto[]): WarningsState {
  return { byId: new Map(list.filter((w) => w.state === 'active').map((w) => [w.id, w])) };
}

function fromPayload(
  p: WarningEventPayload,
  at: string,
  before: WarningDto | undefined,
): WarningDto {
  const base: WarningDto = before ?? {
    id: p.warningId,
    hazard: p.hazard,
    colour: p.colour,
    level: null,
    severity: '',
    status: p.status,
    drill: false,
    state: 'active',
    headline: p.headline,
    description: '',
    instruction: '',
    event: '',
    subdistrictCodes: p.subdistrictCodes,
    districtWide: p.subdistrictCodes.length === 0,
    inDistrict: true,
    areas: [],
    issuedAt: at,
    updatedAt: at,
    effective: null,
    expires: null,
    currentMessageId: p.messageId ?? '',
    // The CAP details below arrive with the detail fetch.
    current: { sender: '', identifier: '', sent: at, msgType: p.msgType ?? 'Alert' },
    chainIdentities: [],
    expiresAssumed: false,
    missingEarlier: false,
    signature: { state: 'absent', by: null },
    texts: [],
  };
  // Events written since replay carry the detail the console would fetch.
  const d = p.detail;
  const areaChanged =
    before !== undefined && before.subdistrictCodes.join(',') !== [...p.subdistrictCodes].join(',');
  return {
    ...base,
    hazard: p.hazard,
    colour: p.colour,
    status: p.status,
    headline: p.headline,
    subdistrictCodes: p.subdistrictCodes,
    level: p.level !== undefined ? p.level : base.level,
    severity: p.severity ?? base.severity,
    expires: p.expires !== undefined ? p.expires : base.expires,
    districtWide: p.districtWide ?? (p.subdistrictCodes.length === 0 || base.districtWide),
    drill: p.drill ?? base.drill,
    // Old polygons no longer describe a changed area; the detail fetch brings the new ones.
    areas: d ? d.areas : areaChanged ? [] : base.areas,
    description: d ? d.description : base.description,
    instruction: d ? d.instruction : base.instruction,
    event: d ? d.event : base.event,
    inDistrict: d ? d.inDistrict : base.inDistrict,
    effective: d ? d.effective : base.effective,
    issuedAt: d ? d.issuedAt : base.issuedAt,
    updatedAt: at,
    currentMessageId: p.messageId ?? base.currentMessageId,
  };
}

/** Applies one event (warning.* change the state; any other passes through): the reducer. */
export function applyWarningEvent(state: WarningsState, e: EventEnvelope): WarningsState {
  if (!isWarningEvent(e)) return state;
  const p = e.payload;
  const byId = new Map(state.byId);
  if (ending(e) || (p.state !== undefined && p.state !== 'active')) byId.delete(p.warningId);
  else byId.set(p.warningId, fromPayload(p, e.occurredAt, byId.get(p.warningId)));
  return { byId };
}

/** The warning whose full detail (areas, description) replaces the entry the event built. */
export function warningDetailWanted(e: EventEnvelope): string | null {
  if (!isWarningEvent(e)) return null;
  const ended = ending(e) || (e.payload.state !== undefined && e.payload.state !== 'active');
  return ended ? null : e.payload.warningId;
}

/**
 * Applies warning.* events in seq order. Returns the new state and the ids whose full detail
 * (areas, description) should be fetched to replace the provisional entry.
 */
export function applyWarningEvents(
  state: WarningsState,
  events: readonly EventEnvelope[],
): { state: WarningsState; fetch: string[] } {
  const fetch = new Set<string>();
  for (const e of events) {
    if (!isWarningEvent(e)) continue;
    const id = warningDetailWanted(e);
    if (id) fetch.add(id);
    else fetch.delete(e.payload.warningId);
  }
  return { state: events.reduce(applyWarningEvent, state), fetch: [...fetch] };
}

/** Puts a fetched detail in place, unless the warning ended meanwhile. */
export function applyWarningDetail(state: WarningsState, detail: WarningDto): WarningsState {
  if (!state.byId.has(detail.id)) return state;
  const byId = new Map(state.byId);
  if (detail.state !== 'active') byId.delete(detail.id);
  else byId.set(detail.id, detail);
  return { byId };
}
