import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { toErrorResponse } from './error-body.js';

/** The one global filter: every error leaves the API in the same JSON shape. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const { status, body } = toErrorResponse(exception);
    const seconds = (body.error.details as { retryAfterSeconds?: unknown }).retryAfterSeconds;
    const retryAfter =
      status === 503 || status === 429 ? { 'retry-after': String(typeof seconds === 'number' ? seconds : 1) } : {};
    void reply
      .status(status)
      .headers({ 'cache-control': 'no-store', ...retryAfter })
      .send(body);
  }
}
