import { ERROR_CODES, type ErrorCode } from '@sanfang/shared';
import { ApiRequestError } from './apiRequestError';

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  /** Bearer token; when a request that carried one gets 401, auth-failure listeners run. */
  token?: string | null;
  signal?: AbortSignal;
}

// Used when a body carries no known code (proxies, throttler defaults, HTML error pages).
const STATUS_FALLBACK: Readonly<Record<number, ErrorCode>> = {
  400: 'VALIDATION_FAILED',
  401: 'AUTH_TOKEN_INVALID',
  403: 'AUTH_FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  422: 'VALIDATION_FAILED',
  429: 'RATE_LIMITED',
  502: 'SERVICE_UNAVAILABLE',
  503: 'SERVICE_UNAVAILABLE',
  504: 'SERVICE_UNAVAILABLE',
};

const authFailureListeners = new Set<() => void>();

/** Subscribe to "the token was refused"; returns the unsubscribe function. */
export function onAuthFailure(listener: () => void): () => void {
  authFailureListeners.add(listener);
  return () => {
    authFailureListeners.delete(listener);
  };
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(ERROR_CODES, value);
}

function fallbackCode(status: number): ErrorCode | 'BAD_RESPONSE' {
  const mapped = STATUS_FALLBACK[status];
  if (mapped) return mapped;
  return status >= 500 ? 'INTERNAL' : 'BAD_RESPONSE';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Turns a non-2xx response into a typed error, whatever the body looks like. */
export async function toApiRequestError(response: Response): Promise<ApiRequestError> {
  const body = parseJson(await response.text().catch(() => ''));
  const fields = isRecord(body) ? body : {};
  const code = isErrorCode(fields.code) ? fields.code : fallbackCode(response.status);
  // Nest validation errors may carry message as a string array.
  const rawMessage = fields.message;
  const message =
    typeof rawMessage === 'string'
      ? rawMessage
      : Array.isArray(rawMessage)
        ? rawMessage.filter((m): m is string => typeof m === 'string').join('; ')
        : code === 'BAD_RESPONSE'
          ? `HTTP ${response.status}`
          : ERROR_CODES[code];
  const path = typeof fields.path === 'string' ? fields.path : undefined;
  const details = Object.fromEntries(
    Object.entries(fields).filter(([k]) => k !== 'code' && k !== 'message' && k !== 'path'),
  );
  return new ApiRequestError(response.status, code, message, path, details);
}

/** The one way the client talks to the API: JSON in, JSON out, typed errors. */
export async function apiRequest<T>(url: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (options.token) headers.Authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';

  let response: Response;
  try {
    response = await fetch(url, {
      method: options.method ?? 'GET',
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
      credentials: 'same-origin',
    });
  } catch (error) {
    // Aborts are the caller's own doing; let them through untouched.
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    const detail = error instanceof Error ? error.message : String(error);
    throw new ApiRequestError(0, 'NETWORK_ERROR', detail);
  }

  if (!response.ok) {
    const error = await toApiRequestError(response);
    if (response.status === 401 && options.token) {
      authFailureListeners.forEach((listener) => listener());
    }
    throw error;
  }

  if (response.status === 204) return undefined as T;
  const text = await response.text();
  const body = parseJson(text);
  if (body === undefined) {
    throw new ApiRequestError(response.status, 'BAD_RESPONSE', 'Response body is not JSON');
  }
  // The server is bound to the shared contract; the cast is the trust boundary.
  return body as T;
}
