import type { EventEnvelope } from '../events';
import type { ConsoleStateDto, ReplayReferenceData } from '../replay';
import {
  applyAnyDispatchEvent,
  dispatchAt,
  dispatchesFromList,
  type DispatchMap,
} from './dispatch';
import { applyIncidentEvents, emptyIncidents, type IncidentsState } from './incidents';
import { applyResourceEvent } from './resources';
import {
  activeResponses,
  applyResponseEvent,
  emptyResponses,
  type ResponsesState,
} from './responses';
import { applyWarningEvent, emptyWarnings, type WarningsState } from './warnings';

/**
 * The whole console's state: each feature's state as its live reducer keeps it. The live
 * console, the replay page and the server's replay fold events with `applyConsoleEvent`,
 * which is each feature's reducer in turn.
 */
export interface ConsoleState {
  warnings: WarningsState;
  responses: ResponsesState;
  incidents: IncidentsState;
  reference: ReplayReferenceData;
  /** Call-outs of every response seen (the board shows those of active responses). */
  dispatches: DispatchMap;
}

const emptyCollection = <T>(): { type: 'FeatureCollection'; features: T[] } => ({
  type: 'FeatureCollection',
  features: [],
});

export const emptyReference = (): ReplayReferenceData => ({
  waterloggingPoints: emptyCollection(),
  shelters: emptyCollection(),
  rescueTeams: emptyCollection(),
  warehouses: emptyCollection(),
});

export const emptyConsoleState = (): ConsoleState => ({
  warnings: emptyWarnings,
  responses: emptyResponses,
  incidents: emptyIncidents,
  reference: emptyReference(),
  dispatches: new Map(),
});

/** One event through every feature's reducer (unrelated events change nothing). */
export const applyConsoleEvent = (state: ConsoleState, e: EventEnvelope): ConsoleState =>
  applyConsoleEvents(state, [e]);

/**
 * Folds events in seq order, as `events.reduce(applyConsoleEvent, state)` would. Each feature's
 * state depends on the events alone, so each folds the run on its own: incidents in one pass
 * (one copy of the open incidents for the whole run), the others event by event.
 */
export function applyConsoleEvents(
  state: ConsoleState,
  events: readonly EventEnvelope[],
): ConsoleState {
  let next = state;
  for (const e of events) next = applyOtherEvent(next, e);
  const incidents = applyIncidentEvents(state.incidents, events);
  return incidents === next.incidents ? next : { ...next, incidents };
}

/** One event through every reducer but the incidents'. */
function applyOtherEvent(state: ConsoleState, e: EventEnvelope): ConsoleState {
  const warnings = applyWarningEvent(state.warnings, e);
  const responses = applyResponseEvent(state.responses, e);
  const reference = applyResourceEvent(state.reference, e);
  let dispatches = applyAnyDispatchEvent(state.dispatches, e);
  // An ended response's call-outs leave the board (as its live panel unmounts).
  if (e.type === 'response.ended') {
    const ended = e.payload.responseId;
    if ([...dispatches.values()].some((d) => d.responseId === ended)) {
      dispatches = new Map([...dispatches].filter(([, d]) => d.responseId !== ended));
    }
  }
  if (
    warnings === state.warnings &&
    responses === state.responses &&
    reference === state.reference &&
    dispatches === state.dispatches
  ) {
    return state;
  }
  return { ...state, warnings, responses, reference, dispatches };
}

/**
 * The state as JSON. `at` counts the board's countdowns (omit it for a checkpoint: countdowns
 * stay null).
 */
export function consoleStateToDto(state: ConsoleState, at?: string): ConsoleStateDto {
  const active = state.responses.responses;
  const dispatches = [...state.dispatches.values()]
    .filter((d) => active.has(d.responseId))
    .sort((a, b) => a.notifiedAt.localeCompare(b.notifiedAt) || a.id.localeCompare(b.id));
  return {
    warnings: [...state.warnings.byId.values()],
    responses: activeResponses(state.responses),
    suggestions: [...state.responses.suggestions.values()],
    incidents: [...state.incidents.incidents.values()],
    ponding: [...state.incidents.ponding].sort(),
    reference: state.reference,
    dispatches: at === undefined ? dispatches : dispatches.map((d) => dispatchAt(d, at)),
  };
}

/** The inverse of `consoleStateToDto` (a checkpoint or a state read from the API). */
export function consoleStateFromDto(dto: ConsoleStateDto): ConsoleState {
  return {
    warnings: { byId: new Map(dto.warnings.map((w) => [w.id, w])) },
    responses: {
      responses: new Map(dto.responses.map((r) => [r.id, r])),
      suggestions: new Map(dto.suggestions.map((s) => [s.id, s])),
    },
    incidents: {
      incidents: new Map(dto.incidents.map((i) => [i.id, i])),
      ponding: new Set(dto.ponding),
    },
    reference: dto.reference,
    dispatches: dispatchesFromList(dto.dispatches),
  };
}
