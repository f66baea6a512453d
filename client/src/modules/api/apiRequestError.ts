import type { ErrorCode } from '@sanfang/shared';

/** Failures that happen before a server error body exists; client-only, never sent by the API. */
export const CLIENT_ERROR_CODES = ['NETWORK_ERROR', 'BAD_RESPONSE', 'CONTACT_USE_LINK'] as const;
export type ClientErrorCode = (typeof CLIENT_ERROR_CODES)[number];
export type RequestErrorCode = ErrorCode | ClientErrorCode;

/** A failed API call: the server's `{code, message, path}` plus the HTTP status (0 = no response). */
export class ApiRequestError extends Error {
  override readonly name = 'ApiRequestError';

  constructor(
    readonly status: number,
    readonly code: RequestErrorCode,
    message: string,
    readonly path?: string,
  ) {
    super(message);
  }
}

export function isApiRequestError(error: unknown): error is ApiRequestError {
  return error instanceof ApiRequestError;
}
