/**
 * What the request log must never write: link tokens in URL paths (a contact's ack link, a
 * shelter manager's link: the link is the credential), tokens in query strings, and
 * credential headers. Everything else of the request line stays, so the log still says which
 * kind of link was used and what came of it.
 */
export const REDACTED = '[REDACTED]';

/** Paths whose segment after the prefix is a bearer secret (API and the client's pages). */
const SECRET_PATH = /^(\/(?:api\/)?(?:ack|shelter-link|shelter)\/)([^/?#]+)/i;
/** Query parameters that carry secrets, whatever the route. */
const SECRET_QUERY_KEYS = new Set([
  'token',
  'access_token',
  'ack_token',
  'auth',
  'key',
  'secret',
  'sig',
  'signature',
  'password',
]);
const SECRET_QUERY = /([?&])([^=&#]+)=([^&#]*)/g;
/** Route parameters that are secrets (e.g. `ack/:token`, `shelter-link/:token`). */
const SECRET_PARAMS = new Set(['token']);
/** Headers that authenticate; pino's own `redact` covers the request-log shape too. */
export const SECRET_HEADERS = ['authorization', 'cookie', 'x-feed-token', 'x-api-key'];

/** The secret path segment of `url`, raw and decoded (to find it again in params). */
function secretSegments(url: string): string[] {
  const seg = SECRET_PATH.exec(url)?.[2];
  return seg ? [seg, safeDecode(seg)] : [];
}

export function redactUrl(url: string): string {
  return url
    .replace(SECRET_PATH, (_m, prefix: string) => `${prefix}${REDACTED}`)
    .replace(SECRET_QUERY, (m, sep: string, key: string) =>
      SECRET_QUERY_KEYS.has(safeDecode(key).toLowerCase()) ? `${sep}${key}=${REDACTED}` : m,
    );
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** A copy of `rec` with secret keys, and values equal to a secret segment, replaced. */
function redactRecord(
  rec: unknown,
  secretKey: (key: string) => boolean,
  secretValues: readonly string[] = [],
): unknown {
  if (!rec || typeof rec !== 'object') return rec;
  const value = (v: unknown): unknown => {
    if (typeof v === 'string') return secretValues.includes(v) ? REDACTED : v;
    return Array.isArray(v) ? v.map(value) : v;
  };
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(rec as Record<string, unknown>))
    out[k] = secretKey(k.toLowerCase()) ? REDACTED : value(v);
  return out;
}

interface SerializedRequest {
  url?: unknown;
  query?: unknown;
  params?: unknown;
  headers?: unknown;
  [k: string]: unknown;
}

/**
 * pino-http's request serializer, applied to its standard output: copies (never mutates the
 * live request's params/query) with secrets replaced.
 */
export function redactRequest<T extends SerializedRequest>(req: T): T {
  if (!req || typeof req !== 'object') return req;
  // pino-std-serializers' object keeps `raw` (the live request) non-enumerable: keep it so.
  const out = Object.create(Object.getPrototypeOf(req) as object) as T;
  Object.assign(out, req);
  const url = typeof req.url === 'string' ? req.url : '';
  if (typeof req.url === 'string') out.url = redactUrl(url);
  out.query = redactRecord(req.query, (k) => SECRET_QUERY_KEYS.has(k));
  // Express may also hold the path's segments in params (e.g. `{path: ['ack', '<token>']}`).
  out.params = redactRecord(req.params, (k) => SECRET_PARAMS.has(k), secretSegments(url));
  out.headers = redactRecord(req.headers, (k) => SECRET_HEADERS.includes(k));
  return out;
}
