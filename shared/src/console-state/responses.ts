import type {
  EventEnvelope,
  HistoryAction,
  ResponseDto,
  ResponseEventPayload,
  SuggestionDto,
} from '../index';
import { levelRank } from '../responses';

export interface ResponsesState {
  /** Active responses by id. */
  responses: ReadonlyMap<string, ResponseDto>;
  /** Pending suggestions by id. */
  suggestions: ReadonlyMap<string, SuggestionDto>;
}

export const emptyResponses: ResponsesState = { responses: new Map(), suggestions: new Map() };

export function responsesFromLists(
  responses: readonly ResponseDto[],
  suggestions: readonly SuggestionDto[],
): ResponsesState {
  return {
    responses: new Map(responses.filter((r) => r.status === 'active').map((r) => [r.id, r])),
    suggestions: new Map(suggestions.filter((s) => s.status === 'pending').map((s) => [s.id, s])),
  };
}

function historyEntry(
  action: HistoryAction,
  p: ResponseEventPayload,
  at: string,
  before: ResponseDto | undefined,
): ResponseDto['history'][number] {
  return {
    action,
    previousLevel: p.previousLevel,
    level: p.level,
    previousSubdistrictCodes: before ? before.subdistrictCodes : null,
    subdistrictCodes: p.subdistrictCodes,
    // The event does not name its actor; a reload shows it from the API.
    actor: '',
    reason: p.reason,
    warningId: p.warningId,
    suggestionId: null,
    at,
  };
}

function levelAction(p: ResponseEventPayload): HistoryAction {
  if (p.previousLevel === null || p.previousLevel === p.level) return 'area';
  return levelRank(p.level) > levelRank(p.previousLevel) ? 'raise' : 'lower';
}

/** Applies one response.* or suggestion event; unrelated events change nothing: the reducer. */
export function applyResponseEvent(state: ResponsesState, e: EventEnvelope): ResponsesState {
  let responses: Map<string, ResponseDto> | null = null;
  let suggestions: Map<string, SuggestionDto> | null = null;
  const r = () => (responses ??= new Map(state.responses));
  const s = () => (suggestions ??= new Map(state.suggestions));
  if (e.type === 'response.started') {
    const p = e.payload;
    if (r().has(p.responseId)) return state;
    r().set(p.responseId, {
      id: p.responseId,
      hazard: p.hazard,
      level: p.level,
      status: 'active',
      subdistrictCodes: p.subdistrictCodes,
      preemptive: p.preemptive,
      warningId: p.warningId,
      startedAt: e.occurredAt,
      startedBy: '',
      endedAt: null,
      history: [historyEntry('start', p, e.occurredAt, undefined)],
    });
  } else if (e.type === 'response.level_changed') {
    const p = e.payload;
    const before = r().get(p.responseId);
    if (!before) return state;
    r().set(p.responseId, {
      ...before,
      level: p.level,
      subdistrictCodes: p.subdistrictCodes,
      history: [...before.history, historyEntry(levelAction(p), p, e.occurredAt, before)],
    });
  } else if (e.type === 'response.ended') {
    r().delete(e.payload.responseId);
  } else if (e.type === 'response.suggested') {
    const p = e.payload;
    s().set(p.suggestionId, {
      id: p.suggestionId,
      warningId: p.warningId,
      hazard: p.hazard,
      level: p.level,
      action: p.action,
      subdistrictCodes: p.subdistrictCodes,
      reason: p.reason,
      basis: p.basis ?? null,
      autoApply: p.autoApply,
      status: 'pending',
      responseId: null,
      decidedBy: null,
      decidedAt: null,
      note: null,
      receivedAt: e.occurredAt,
    });
  } else if (e.type === 'response.suggestion_decided') {
    s().delete(e.payload.suggestionId);
  }
  if (!responses && !suggestions) return state;
  return { responses: responses ?? state.responses, suggestions: suggestions ?? state.suggestions };
}

/** Applies events in seq order: `events.reduce(applyResponseEvent, state)`. */
export const applyResponseEvents = (
  state: ResponsesState,
  events: readonly EventEnvelope[],
): ResponsesState => events.reduce(applyResponseEvent, state);

/** Newest first. */
export const activeResponses = (state: ResponsesState): ResponseDto[] =>
  [...state.responses.values()].sort((a, b) => b.startedAt.localeCompare(a.startedAt));
