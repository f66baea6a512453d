import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import type { MapSelection } from './selection';
import { formatSelection, parseSelection, SELECT_PARAM } from './selectionParam';

/**
 * The map's selection lives in the URL, so back, forward and reload keep it and any selection
 * can be linked. Selecting pushes a history entry; other search params are kept.
 */
export function useSelectionParam(): [MapSelection | null, (s: MapSelection | null) => void] {
  const [params, setParams] = useSearchParams();
  const raw = params.get(SELECT_PARAM);
  const selection = useMemo(() => parseSelection(raw), [raw]);
  const select = useCallback(
    (s: MapSelection | null) =>
      setParams((current) => {
        const next = new URLSearchParams(current);
        if (s) next.set(SELECT_PARAM, formatSelection(s));
        else next.delete(SELECT_PARAM);
        return next;
      }),
    [setParams],
  );
  return [selection, select];
}
