/**
 * The answers fastify and Node write themselves, before any route runs, in the API's one
 * error shape and with `nosniff`: a path parameter longer than the router takes
 * (fastify's default answered 414 in its own shape, echoing the whole URL) or a malformed
 * URL, and a request the HTTP parser refuses (headers beyond 16 KB: 431; malformed: 400).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { DomainError } from './domain-error.js';
import { ERROR_MESSAGES, ErrorCode } from './error-code.js';
import { toErrorResponse } from './error-body.js';

/** fastify's `frameworkErrors` option: the router could not match the URL. */
export function frameworkErrors(error: Error & { code?: string }, _request: FastifyRequest, reply: FastifyReply): void {
  // A parameter too long to be any id names nothing (ids are UUIDs, codes a few letters).
  const refused =
    error.code === 'FST_ERR_MAX_PARAM_LENGTH'
      ? new DomainError(ErrorCode.RouteNotFound, { reason: error.code })
      : new DomainError(ErrorCode.MalformedRequest, { reason: error.code ?? 'BAD_URL' });
  const { status, body } = toErrorResponse(refused);
  void reply.status(status).headers({ 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' }).send(body);
}

/** fastify's `clientErrorHandler` option: Node's HTTP parser refused the request (no request object exists). */
export function clientErrorHandler(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, code] =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? [431, ErrorCode.PayloadTooLarge]
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, ErrorCode.MalformedRequest]
        : [400, ErrorCode.MalformedRequest];
  const body = JSON.stringify({
    error: { code, message: ERROR_MESSAGES[code], details: { reason: error.code ?? null } },
  });
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nConnection: close\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}
