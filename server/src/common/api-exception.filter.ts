import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import type { ApiError, ErrorCode } from '@sanfang/shared';
import type { NextFunction, Request, Response } from 'express';

const BY_STATUS: Partial<Record<number, ErrorCode>> = {
  400: 'VALIDATION_FAILED',
  401: 'AUTH_TOKEN_INVALID',
  403: 'AUTH_FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
  503: 'SERVICE_UNAVAILABLE',
};

function isApiError(x: unknown): x is ApiError {
  return typeof x === 'object' && x !== null && 'code' in x && 'message' in x;
}

/** Every error leaves the server as {code, message, path?}; internals never leak. */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly log = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    const { status, body } = toApiError(exception);
    if (status >= 500) this.log.error(exception instanceof Error ? exception.stack : exception);
    if (!res.headersSent) res.status(status).json(body);
  }
}

/** The status and `{code, message}` body an exception leaves the server as. */
export function toApiError(exception: unknown): { status: number; body: ApiError } {
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const response = exception.getResponse();
    if (isApiError(response)) return { status, body: response };
    const code = BY_STATUS[status] ?? (status >= 500 ? 'INTERNAL' : 'VALIDATION_FAILED');
    return { status, body: { code, message: exception.message } };
  }
  // body-parser errors carry a status and a type (entity.too.large, entity.parse.failed,
  // charset.unsupported, encoding.unsupported, request.aborted, …) but are not HttpExceptions.
  const e = exception as { status?: number; type?: string; message?: string };
  if (e && typeof e.status === 'number' && e.status >= 400 && e.status < 500) {
    if (e.type === 'entity.too.large')
      return {
        status: HttpStatus.PAYLOAD_TOO_LARGE,
        body: { code: 'PAYLOAD_TOO_LARGE', message: 'The request body is larger than allowed' },
      };
    if (e.type === 'entity.parse.failed')
      return {
        status: HttpStatus.BAD_REQUEST,
        body: {
          code: 'VALIDATION_FAILED',
          message: `The body is not valid JSON (${e.message ?? 'parse error'})`,
        },
      };
    return {
      status: e.status,
      body: {
        code: BY_STATUS[e.status] ?? 'VALIDATION_FAILED',
        message: e.message ?? 'Bad request',
      },
    };
  }
  if (isDbUnavailable(exception))
    return {
      status: HttpStatus.SERVICE_UNAVAILABLE,
      body: { code: 'SERVICE_UNAVAILABLE', message: 'The database is unavailable; try again' },
    };
  return {
    status: HttpStatus.INTERNAL_SERVER_ERROR,
    body: { code: 'INTERNAL', message: 'Unexpected server error' },
  };
}

/** Express error middleware right after the body parsers: answers what they refused. */
export function bodyParserErrors(
  err: unknown,
  _req: Request,
  res: Response,
  next: NextFunction,
): void {
  const e = err as { status?: unknown; type?: unknown } | null;
  if (!e || typeof e.status !== 'number' || typeof e.type !== 'string') return next(err);
  const { status, body } = toApiError(err);
  if (res.headersSent || res.destroyed) return;
  res.status(status).json(body);
}

/** The database is down or going down (not a fault of the request): answer 503. */
export function isDbUnavailable(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  if (typeof code === 'string') {
    if (['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ENOTCONN', 'ETIMEDOUT'].includes(code))
      return true;
    // 08xxx connection exception; 57P01 admin_shutdown, 57P02 crash_shutdown, 57P03
    // cannot_connect_now; 53300 too_many_connections.
    if (/^08/.test(code) || ['57P01', '57P02', '57P03', '53300'].includes(code)) return true;
  }
  return (
    e instanceof Error &&
    /Connection terminated|not queryable|Client was closed|timeout exceeded when trying to connect/.test(
      e.message,
    )
  );
}
