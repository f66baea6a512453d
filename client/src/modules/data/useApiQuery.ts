import {
  useMutation,
  useQuery,
  useQueryClient,
  type QueryKey,
  type UseMutationResult,
  type UseQueryResult,
} from '@tanstack/react-query';
import type { Route, RouteResponse } from '@sanfang/shared';
import { useEffect, useMemo } from 'react';
import { callApi, type CallOptions } from '../api/call';
import { useAuth } from '../auth/state/useAuth';
import { useLiveStore } from '../live/hooks/useLive';
import { matchesEvent, type EventPattern } from './eventMatch';

type Options<R extends Route> = Omit<CallOptions<R>, 'token' | 'signal'>;

/** `callApi` with its options always given (its rest-tuple typing cannot be spread generically). */
const call = callApi as <R extends Route>(
  route: R,
  options: CallOptions<R>,
) => Promise<RouteResponse<R>>;

/** The cache key of a route call: the route's method and path, then its params, query and body. */
export function routeKey<R extends Route>(route: R, options?: Options<R>): QueryKey {
  const o = (options ?? {}) as { params?: unknown; query?: unknown; body?: unknown };
  return [route.method, route.path, o.params ?? null, o.query ?? null, o.body ?? null];
}

/** A burst of events (a whole-district activation) refetches once, not once per event. */
const INVALIDATE_DEBOUNCE_MS = 250;

/**
 * Refetch the queries under `key` (a prefix) when a live event matching `patterns` is applied.
 * Mounted by `useApiQuery`; usable alone for a page that reads several routes.
 */
export function useInvalidateOn(key: QueryKey, patterns: readonly EventPattern[]): void {
  const live = useLiveStore();
  const client = useQueryClient();
  const hash = JSON.stringify(key);
  const patternList = patterns.join(',');
  useEffect(() => {
    if (!patternList) return;
    const wanted = patternList.split(',') as EventPattern[];
    const queryKey = JSON.parse(hash) as QueryKey;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const stop = live.onEvents((events) => {
      if (!events.some((e) => matchesEvent(wanted, e))) return;
      clearTimeout(timer);
      timer = setTimeout(() => void client.invalidateQueries({ queryKey }), INVALIDATE_DEBOUNCE_MS);
    });
    return () => {
      clearTimeout(timer);
      stop();
    };
  }, [live, client, hash, patternList]);
}

/**
 * Read a route through the cache, signed in as the current session, and keep it fresh with the
 * live events that change it: `useApiQuery(routes.listShelters, {}, { invalidateOn: ['shelter.*'] })`.
 */
export function useApiQuery<R extends Route>(
  route: R,
  options?: Options<R>,
  config: { invalidateOn?: readonly EventPattern[]; enabled?: boolean } = {},
): UseQueryResult<RouteResponse<R>> {
  const { session } = useAuth();
  const token = session?.accessToken ?? null;
  const queryKey = useMemo(() => routeKey(route, options), [route, options]);
  useInvalidateOn([route.method, route.path], config.invalidateOn ?? []);
  return useQuery({
    queryKey,
    enabled: (config.enabled ?? true) && token !== null,
    queryFn: ({ signal }) => call(route, { ...(options ?? {}), token, signal } as CallOptions<R>),
  });
}

/**
 * Change something through a route; on success the queries of the routes in `invalidates` are
 * refetched (the live event will do the same for every other open console).
 */
export function useApiMutation<R extends Route>(
  route: R,
  invalidates: readonly Route[] = [],
): UseMutationResult<RouteResponse<R>, unknown, Options<R>> {
  const { session } = useAuth();
  const client = useQueryClient();
  const token = session?.accessToken ?? null;
  return useMutation({
    mutationFn: (options: Options<R>) =>
      call(route, { ...(options ?? {}), token } as CallOptions<R>),
    onSuccess: async () => {
      await Promise.all(
        invalidates.map((r) => client.invalidateQueries({ queryKey: [r.method, r.path] })),
      );
    },
  });
}
