import { useCallback, useEffect, useRef, useState } from 'react';

export interface ActionFailure {
  /** Which action failed (a button's own key), so the reason shows next to it. */
  key: string;
  error: unknown;
}

/**
 * Runs one request at a time for a panel of buttons: which one is busy, and why the last one
 * was refused. Success shows through the live events, like any other change.
 */
export function useAction() {
  const [pending, setPending] = useState<string | null>(null);
  const [failure, setFailure] = useState<ActionFailure | null>(null);
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);
  const run = useCallback((key: string, action: () => Promise<unknown>, onDone?: () => void) => {
    setPending(key);
    setFailure(null);
    action().then(
      () => {
        if (!mounted.current) return;
        setPending(null);
        onDone?.();
      },
      (error: unknown) => {
        if (!mounted.current) return;
        setPending(null);
        setFailure({ key, error });
      },
    );
  }, []);
  return { pending, failure, run };
}
