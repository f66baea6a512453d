import type { ResponseDto, SuggestionDto } from '@sanfang/shared';
import type { ResponseHistoryRecord } from './entities/response-history.entity';
import type { ResponseSuggestionRecord } from './entities/response-suggestion.entity';
import type { ResponseRecord } from './entities/response.entity';

export const toResponseDto = (r: ResponseRecord, h: ResponseHistoryRecord[]): ResponseDto => ({
  id: r.id,
  hazard: r.hazard,
  level: r.level,
  status: r.status,
  subdistrictCodes: r.subdistrictCodes,
  preemptive: r.preemptive,
  warningId: r.warningId,
  startedAt: r.startedAt.toISOString(),
  startedBy: r.startedBy,
  endedAt: r.endedAt?.toISOString() ?? null,
  history: h.map((x) => ({
    action: x.action,
    previousLevel: x.previousLevel,
    level: x.level,
    previousSubdistrictCodes: x.previousSubdistrictCodes,
    subdistrictCodes: x.subdistrictCodes,
    actor: x.actor,
    reason: x.reason,
    warningId: x.warningId,
    suggestionId: x.suggestionId,
    at: x.at.toISOString(),
  })),
});

export const toSuggestionDto = (s: ResponseSuggestionRecord): SuggestionDto => ({
  id: s.id,
  warningId: s.warningId,
  hazard: s.hazard,
  level: s.level,
  action: s.action,
  subdistrictCodes: s.subdistrictCodes,
  reason: s.reason,
  basis: s.basis,
  autoApply: s.autoApply,
  status: s.status,
  responseId: s.responseId,
  decidedBy: s.decidedBy,
  decidedAt: s.decidedAt?.toISOString() ?? null,
  note: s.note,
  receivedAt: s.receivedAt.toISOString(),
});
