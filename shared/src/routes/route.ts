import type { z } from 'zod';

/**
 * One HTTP route's contract, shared by the NestJS controller (path, method, status, zod schemas,
 * handler return type) and the client's typed call (URL, params, query, body, response type).
 * Paths are written as Nest takes them, without the global `api/` prefix: `incidents/:id/status`.
 */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** A type carried by a contract without a runtime schema (response bodies, schemaless bodies). */
export interface Shape<T> {
  readonly shape: 'type-only';
  /** Never set; carries T for the type checker. */
  readonly __type?: T;
}

/** `shape<ResponseDto>()` – names a type in a contract. */
export function shape<T>(): Shape<T> {
  return { shape: 'type-only' };
}

export type BodySpec = z.ZodType | Shape<unknown>;

export interface Route<
  M extends HttpMethod = HttpMethod,
  P extends string = string,
  Q extends z.ZodType | undefined = z.ZodType | undefined,
  B extends BodySpec | undefined = BodySpec | undefined,
  R = unknown,
> {
  readonly method: M;
  readonly path: P;
  /** The success status (Nest's default is 201 for POST, 200 otherwise). */
  readonly status: number;
  readonly query: Q;
  readonly body: B;
  readonly response: Shape<R>;
}

type ParamNames<P extends string> = P extends `${string}:${infer Name}/${infer Rest}`
  ? Name | ParamNames<Rest>
  : P extends `${string}:${infer Name}`
    ? Name
    : never;

/** `incidents/:id/duties/:dutyId/done` → `{ id: string; dutyId: string }`. */
export type PathParams<P extends string> = { [K in ParamNames<P>]: string };

export type RouteParams<R extends Route> = PathParams<R['path']>;
/** What the client sends as query (a schema's input: strings before coercion). */
export type RouteQuery<R extends Route> = R['query'] extends z.ZodType
  ? z.input<R['query']>
  : never;
/** What the client sends as body (a schema's input, or the named type). */
export type RouteBody<R extends Route> = R['body'] extends z.ZodType
  ? z.input<R['body']>
  : R['body'] extends Shape<infer T>
    ? T
    : never;
/** What the handler receives after the schema parsed it. */
export type RouteParsedBody<R extends Route> = R['body'] extends z.ZodType
  ? z.output<R['body']>
  : RouteBody<R>;
export type RouteParsedQuery<R extends Route> = R['query'] extends z.ZodType
  ? z.output<R['query']>
  : never;
export type RouteResponse<R extends Route> = R['response'] extends Shape<infer T> ? T : never;

interface RouteOptions<Q, B, R> {
  query?: Q;
  body?: B;
  response: Shape<R>;
  status?: number;
}

function route<M extends HttpMethod>(method: M) {
  return <
    const P extends string,
    R,
    Q extends z.ZodType | undefined = undefined,
    B extends BodySpec | undefined = undefined,
  >(
    path: P,
    options: RouteOptions<Q, B, R>,
  ): Route<M, P, Q, B, R> => ({
    method,
    path,
    status: options.status ?? (method === 'POST' ? 201 : 200),
    query: options.query as Q,
    body: options.body as B,
    response: options.response,
  });
}

export const get = route('GET');
export const post = route('POST');
export const put = route('PUT');
export const patch = route('PATCH');
export const del = route('DELETE');

/**
 * A controller implements its feature's contract: one method per route, named as in the
 * contract, returning the contract's response type. Renaming a route or changing a response
 * type is then a compile error in the controller as well as at every client call.
 */
export type RouteHandlers<C extends Record<string, Route>> = {
  [K in keyof C]: (...args: never[]) => Promise<RouteResponse<C[K]>> | RouteResponse<C[K]>;
};

/** `/api/` + the path with its params filled in (URI-encoded) + the query string. */
export function routeUrl(
  r: Route,
  params: Readonly<Record<string, string>> = {},
  query: Readonly<Record<string, string | number | boolean | undefined>> = {},
): string {
  const path = r.path.replace(/:([A-Za-z0-9_]+)/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`Missing route param "${name}" for ${r.path}`);
    return encodeURIComponent(value);
  });
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined) search.set(key, String(value));
  }
  const qs = search.toString();
  return `/api/${path}${qs ? `?${qs}` : ''}`;
}
