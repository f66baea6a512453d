import type { WarningDetailDto } from '@sanfang/shared';
import { useEffect, useState } from 'react';
import { useLiveStore } from '../../live/hooks/useLive';
import { fetchWarningDetail } from '../api/warningsApi';
import { concernsWarning } from '../utils/warningRefresh';

export type WarningDetailState =
  | { status: 'loading' }
  | { status: 'ready'; value: WarningDetailDto }
  | { status: 'failed'; error: unknown };

/** One warning with its CAP chain, fetched again when a live event touches it. */
export function useWarningDetail(token: string, id: string): WarningDetailState {
  const live = useLiveStore();
  const [state, setState] = useState<WarningDetailState>({ status: 'loading' });
  useEffect(() => {
    const controller = new AbortController();
    let latest = 0;
    const load = () => {
      const mine = ++latest;
      fetchWarningDetail(token, id, controller.signal).then(
        (value) => {
          if (!controller.signal.aborted && mine === latest) setState({ status: 'ready', value });
        },
        (error: unknown) => {
          if (!controller.signal.aborted && mine === latest) setState({ status: 'failed', error });
        },
      );
    };
    load();
    const off = live.onEvents((events) => {
      if (concernsWarning(id, events)) load();
    });
    return () => {
      controller.abort();
      off();
    };
  }, [live, token, id]);
  return state;
}
