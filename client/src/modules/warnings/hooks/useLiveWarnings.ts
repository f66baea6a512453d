import { useLiveFeature } from '../../live/hooks/useLiveFeature';
import type { LiveFeature } from '../../live/state/liveFeature';
import { fetchActiveWarnings, fetchWarning } from '../api/warningsApi';
import {
  applyWarningDetail,
  applyWarningEvent,
  emptyWarnings,
  warningDetailWanted,
  warningsFromList,
  type WarningsState,
} from '../state/applyWarningEvents';

export interface LiveWarnings {
  warnings: WarningsState;
  loaded: boolean;
}

/**
 * Active warnings: the REST snapshot, then warning.* events applied in place; each
 * issued/updated warning's detail (areas, description) is fetched after the event has already
 * put it on screen (only the latest fetch per warning lands).
 */
export const warningsFeature = (token: string): LiveFeature<WarningsState> => ({
  empty: emptyWarnings,
  apply: applyWarningEvent,
  load: (signal) => fetchActiveWarnings(token, signal).then(warningsFromList),
  followUp: (_state, event) => {
    const id = warningDetailWanted(event);
    if (!id) return null;
    return {
      key: id,
      run: () =>
        fetchWarning(token, id).then(
          (detail) => (s: WarningsState) => applyWarningDetail(s, detail),
        ),
    };
  },
});

export function useLiveWarnings(token: string): LiveWarnings {
  const { state, status } = useLiveFeature(() => warningsFeature(token), token);
  return { warnings: state, loaded: status !== 'loading' };
}
