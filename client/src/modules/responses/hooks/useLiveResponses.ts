import { useLiveFeature } from '../../live/hooks/useLiveFeature';
import type { LiveFeature } from '../../live/state/liveFeature';
import { fetchActiveResponses, fetchPendingSuggestions } from '../api/responsesApi';
import {
  applyResponseEvent,
  emptyResponses,
  responsesFromLists,
  type ResponsesState,
} from '../state/applyResponseEvents';

export interface LiveResponses {
  state: ResponsesState;
  loaded: boolean;
  error: boolean;
}

/** Active responses and pending suggestions: the REST snapshot, then events applied in place. */
export const responsesFeature = (token: string): LiveFeature<ResponsesState> => ({
  empty: emptyResponses,
  apply: applyResponseEvent,
  load: (signal) =>
    Promise.all([fetchActiveResponses(token, signal), fetchPendingSuggestions(token, signal)]).then(
      ([responses, suggestions]) => responsesFromLists(responses, suggestions),
    ),
});

export function useLiveResponses(token: string): LiveResponses {
  const { state, status } = useLiveFeature(() => responsesFeature(token), token);
  return { state, loaded: status !== 'loading', error: status === 'error' };
}
