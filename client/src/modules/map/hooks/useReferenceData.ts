import { useCallback, useEffect, useState } from 'react';
import { fetchReferenceData, type ReferenceData } from '../api/referenceApi';

export type ReferenceDataState =
  | { status: 'loading' }
  | { status: 'ready'; data: ReferenceData; loadedAt: Date }
  | { status: 'error'; error: unknown };

export function useReferenceData(token: string): {
  state: ReferenceDataState;
  reload: () => void;
} {
  const [state, setState] = useState<ReferenceDataState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    setState({ status: 'loading' });
    fetchReferenceData(token, controller.signal).then(
      (data) => setState({ status: 'ready', data, loadedAt: new Date() }),
      (error: unknown) => {
        // An abort means we unmounted or restarted; nobody is waiting for this result.
        if (!controller.signal.aborted) setState({ status: 'error', error });
      },
    );
    return () => controller.abort();
  }, [token, attempt]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return { state, reload };
}
