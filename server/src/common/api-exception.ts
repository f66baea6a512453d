import { HttpException, HttpStatus } from '@nestjs/common';
import { ERROR_CODES, type ApiError, type ErrorCode } from '@sanfang/shared';

/** The one way the server reports an expected failure: status + stable code (+ path). */
export class ApiException extends HttpException {
  constructor(status: HttpStatus, code: ErrorCode, message?: string, path?: string) {
    const body: ApiError = { code, message: message ?? ERROR_CODES[code] };
    if (path !== undefined) body.path = path;
    super(body, status);
  }
}

export const notFound = (what: string): ApiException =>
  new ApiException(HttpStatus.NOT_FOUND, 'NOT_FOUND', `${what} not found`);
