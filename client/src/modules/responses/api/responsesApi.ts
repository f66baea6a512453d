import {
  responsesRoutes,
  type ChangeLevel,
  type EndResponse,
  type StartResponse,
} from '@sanfang/shared';
import { callApi } from '../../api/call';

export const fetchActiveResponses = (token: string, signal?: AbortSignal) =>
  callApi(responsesRoutes.list, { query: { status: 'active' }, token, signal });

export const fetchPendingSuggestions = (token: string, signal?: AbortSignal) =>
  callApi(responsesRoutes.suggestionsList, { query: { status: 'pending' }, token, signal });

export const startResponse = (token: string, body: StartResponse) =>
  callApi(responsesRoutes.start, { body, token });

export const changeResponseLevel = (token: string, id: string, body: ChangeLevel) =>
  callApi(responsesRoutes.level, { params: { id }, body, token });

export const endResponse = (token: string, id: string, body: EndResponse) =>
  callApi(responsesRoutes.end, { params: { id }, body, token });

export const decideSuggestion = (
  token: string,
  id: string,
  decision: 'accept' | 'dismiss',
  reason: string,
) =>
  callApi(decision === 'accept' ? responsesRoutes.accept : responsesRoutes.dismiss, {
    params: { id },
    body: reason ? { reason } : {},
    token,
  });
