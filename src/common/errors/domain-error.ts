import { ERROR_MESSAGES, type ErrorCode } from './error-code.js';

/**
 * What services throw: a code, a French message and machine-readable details. Never an
 * HttpException in a service: the global filter alone turns codes into statuses.
 */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly details: Record<string, unknown> = {},
    message?: string,
  ) {
    super(message ?? ERROR_MESSAGES[code]);
    this.name = 'DomainError';
  }
}

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details: Record<string, unknown> };
}
