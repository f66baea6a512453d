import type { ErrorCode } from '@sanfang/shared';
import type { ClientErrorCode } from '../../vocabulary/clientErrorCodes';

export type RequestErrorCode = ErrorCode | ClientErrorCode;

/** A failed API call: the server's `{code, message, path}` plus the HTTP status (0 = no response). */
export class ApiRequestError extends Error {
  override readonly name = 'ApiRequestError';

  constructor(
    readonly status: number,
    readonly code: RequestErrorCode,
    message: string,
    readonly path?: string,
    /** The rest of the error body (e.g. an import's `problems`, one per bad cell). */
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
  }
}

export function isApiRequestError(error: unknown): error is ApiRequestError {
  return error instanceof ApiRequestError;
}
