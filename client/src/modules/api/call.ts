import {
  routeUrl,
  type Route,
  type RouteBody,
  type RouteParams,
  type RouteQuery,
  type RouteResponse,
} from '@sanfang/shared';
import { apiRequest } from './http';

type ParamsOption<R extends Route> = [keyof RouteParams<R>] extends [never]
  ? { params?: undefined }
  : { params: RouteParams<R> };
type QueryOption<R extends Route> = [RouteQuery<R>] extends [never]
  ? { query?: undefined }
  : { query?: RouteQuery<R> };
type BodyOption<R extends Route> = [RouteBody<R>] extends [never]
  ? { body?: undefined }
  : { body: RouteBody<R> };

export type CallOptions<R extends Route> = ParamsOption<R> &
  QueryOption<R> &
  BodyOption<R> & {
    /** Bearer token; when a request that carried one gets 401, auth-failure listeners run. */
    token?: string | null;
    signal?: AbortSignal;
  };

type CallArgs<R extends Route> = [keyof RouteParams<R>] extends [never]
  ? [RouteBody<R>] extends [never]
    ? [options?: CallOptions<R>]
    : [options: CallOptions<R>]
  : [options: CallOptions<R>];

/**
 * The typed way to call the API: the route contract (shared with the server's controller) gives
 * the URL, the method, what params/query/body it takes and the response type.
 */
export function callApi<R extends Route>(
  route: R,
  ...[options]: CallArgs<R>
): Promise<RouteResponse<R>> {
  const opts = (options ?? {}) as {
    params?: Record<string, string>;
    query?: Record<string, string | number | boolean | undefined>;
    body?: unknown;
    token?: string | null;
    signal?: AbortSignal;
  };
  return apiRequest<RouteResponse<R>>(routeUrl(route, opts.params, opts.query), {
    method: route.method,
    body: opts.body,
    token: opts.token,
    signal: opts.signal,
  });
}
