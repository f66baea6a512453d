import type {
  ChangeLevel,
  EndResponse,
  ResponseDto,
  StartResponse,
  SuggestionDto,
} from '@sanfang/shared';
import { apiRequest } from '../../api/http';

export const fetchActiveResponses = (token: string, signal?: AbortSignal) =>
  apiRequest<ResponseDto[]>('/api/responses?status=active', { token, signal });

export const fetchPendingSuggestions = (token: string, signal?: AbortSignal) =>
  apiRequest<SuggestionDto[]>('/api/responses/suggestions?status=pending', { token, signal });

export const startResponse = (token: string, body: StartResponse) =>
  apiRequest<ResponseDto>('/api/responses', { method: 'POST', token, body });

export const changeResponseLevel = (token: string, id: string, body: ChangeLevel) =>
  apiRequest<ResponseDto>(`/api/responses/${id}/level`, { method: 'POST', token, body });

export const endResponse = (token: string, id: string, body: EndResponse) =>
  apiRequest<ResponseDto>(`/api/responses/${id}/end`, { method: 'POST', token, body });

export const decideSuggestion = (
  token: string,
  id: string,
  decision: 'accept' | 'dismiss',
  reason: string,
) =>
  apiRequest<SuggestionDto>(`/api/responses/suggestions/${encodeURIComponent(id)}/${decision}`, {
    method: 'POST',
    token,
    body: reason ? { reason } : {},
  });
