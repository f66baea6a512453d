import { QueryClient } from '@tanstack/react-query';
import { ApiRequestError } from '../api/apiRequestError';

/**
 * The console's server-state cache. Live events keep it fresh (`useApiQuery`'s `invalidateOn`),
 * so a page never shows stale data beside the live map; a refocus refetch is not needed.
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        // A 4xx answer will not change on retry (refused, not found, bad query); a network error may.
        retry: (failures, error) =>
          !(error instanceof ApiRequestError && error.status >= 400 && error.status < 500) &&
          failures < 2,
      },
      mutations: { retry: false },
    },
  });
}
