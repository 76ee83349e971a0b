/**
 * Turns anything thrown while serving a request into the one error body of the API, for
 * the global exception filter (which Nest also routes fastify's body-parsing errors to).
 */
import { HttpException, Logger } from '@nestjs/common';
import { QueryRunnerAlreadyReleasedError, QueryRunnerProviderAlreadyReleasedError } from 'typeorm';
import { DomainError, type ErrorBody } from './domain-error.js';
import { ERROR_MESSAGES, ERROR_STATUS, ErrorCode } from './error-code.js';

const logger = new Logger('Errors');

const CODE_BY_STATUS: Record<number, ErrorCode> = {
  400: ErrorCode.MalformedRequest,
  401: ErrorCode.Unauthenticated,
  403: ErrorCode.Forbidden,
  404: ErrorCode.RouteNotFound,
  405: ErrorCode.RouteNotFound,
  413: ErrorCode.PayloadTooLarge,
  415: ErrorCode.UnsupportedMediaType,
  422: ErrorCode.ValidationFailed,
  429: ErrorCode.TooManyRequests,
};

/** PostgreSQL SQLSTATE classes that mean "the database is not reachable right now". */
function isDatabaseUnavailable(error: { code?: unknown; message?: unknown }): boolean {
  // TypeORM releases a query runner as soon as its connection emits an error (the server
  // closed it: shutdown, crash): the transaction's next statement then fails with this
  // rather than with the connection's own error. Seen when PostgreSQL restarts under load.
  if (error instanceof QueryRunnerAlreadyReleasedError || error instanceof QueryRunnerProviderAlreadyReleasedError)
    return true;
  const code = typeof error.code === 'string' ? error.code : '';
  if (['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'ETIMEDOUT', 'EPIPE', 'ENOENT'].includes(code)) return true;
  if (code.startsWith('08') || code === '57P01' || code === '57P02' || code === '57P03') return true;
  const message = typeof error.message === 'string' ? error.message : '';
  return /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/i.test(
    message,
  );
}

export function toErrorResponse(exception: unknown): { status: number; body: ErrorBody } {
  const respond = (code: ErrorCode, details: Record<string, unknown> = {}, message?: string) => ({
    status: ERROR_STATUS[code],
    body: { error: { code, message: message ?? ERROR_MESSAGES[code], details } },
  });

  if (exception instanceof DomainError) return respond(exception.code, exception.details, exception.message);

  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const code = CODE_BY_STATUS[status];
    if (code) return respond(code);
  }

  const error = (exception ?? {}) as { statusCode?: unknown; code?: unknown; message?: unknown };
  // Errors fastify raises itself (body too large, bad JSON, wrong content type) carry a 4xx.
  if (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) {
    const code = CODE_BY_STATUS[error.statusCode] ?? ErrorCode.MalformedRequest;
    return respond(code, typeof error.code === 'string' ? { reason: error.code } : {});
  }
  // Serialization failure or deadlock: the client may simply retry.
  if (error.code === '40001' || error.code === '40P01' || error.code === '55P03') {
    return respond(ErrorCode.ConcurrentUpdate);
  }
  if (isDatabaseUnavailable(error)) return respond(ErrorCode.DatabaseUnavailable);

  logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
  return respond(ErrorCode.InternalError);
}
