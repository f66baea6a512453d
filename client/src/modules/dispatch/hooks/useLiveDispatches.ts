import { useKeyedLiveFeature } from '../../live/hooks/useKeyedLiveFeature';
import type { KeyedLiveFeature, KeyedLiveState } from '../../live/state/keyedLiveFeature';
import { fetchDispatches } from '../api/dispatchApi';
import {
  applyDispatchEvent,
  dispatchesFromList,
  dispatchMissing,
  type DispatchMap,
} from '../state/applyDispatchEvents';

// A whole-district activation creates thousands of dispatches in a burst: one refetch after it.
export const REFETCH_DELAY_MS = 250;

/**
 * Dispatches, one snapshot per active response (`responseId` is the key): the REST snapshot,
 * then dispatch.* events applied in place. An event naming a dispatch the snapshot did not have
 * (created after the read) cannot be drawn from the event alone (no deadlines, names): the
 * response is read again once the burst is over.
 */
export const dispatchesFeature = (token: string): KeyedLiveFeature<DispatchMap> => ({
  empty: new Map(),
  load: (responseId, signal) => fetchDispatches(token, responseId, signal).then(dispatchesFromList),
  apply: applyDispatchEvent,
  behind: dispatchMissing,
  refetchDelayMs: REFETCH_DELAY_MS,
});

/** The dispatches of the given responses, live: per response id, its call-outs by id. */
export function useLiveDispatches(
  token: string,
  responseIds: readonly string[],
): KeyedLiveState<DispatchMap> {
  return useKeyedLiveFeature(() => dispatchesFeature(token), token, responseIds);
}
