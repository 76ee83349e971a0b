/**
 * The bodies the API reads: JSON, and nothing a cross-site HTML form can send. Nest would
 * otherwise also parse `application/x-www-form-urlencoded`, which a form on any site posts
 * without a CORS preflight: `POST /api/auth/login` (public, no CSRF token) then opened a
 * session in the victim's browser for an account the attacker chose (login CSRF). Such
 * bodies get 415, as `text/plain` does. (The document upload streams its own multipart.)
 *
 * JSON is parsed as fastify does (`__proto__` and `constructor.prototype` keys refused),
 * and refused beyond MAX_JSON_DEPTH levels: JSON.parse takes any depth, but the
 * validation (class-transformer) walks bodies recursively, and 50,000 levels overflowed
 * its stack (a 500 on every JSON route).
 */
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Server } from 'node:http';

/** Far above any DTO of the API (the deepest, the economic analysis, has 4 levels). */
export const MAX_JSON_DEPTH = 32;

export function restrictRequestBodies(app: NestFastifyApplication): void {
  const fastify = app.getHttpAdapter().getInstance();
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  app.useBodyParser<Server>('application/json', {}, (request, body, done) => {
    parseJson(request, body.toString('utf8'), (error, value) => {
      if (error) done(error, undefined);
      else if (deeperThan(value, MAX_JSON_DEPTH)) done(fastifyError(400, 'JSON_TOO_DEEP'), undefined);
      else done(null, value);
    });
  });
  app.useBodyParser('application/x-www-form-urlencoded', {}, (_request, _body, done) =>
    done(fastifyError(415, 'FST_ERR_CTP_INVALID_MEDIA_TYPE'), undefined),
  );
}

/** Whether `value` nests objects or arrays more than `limit` levels deep (iteratively: no recursion to overflow). */
export function deeperThan(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    if (depth > limit) return true;
    for (const child of Object.values(node)) stack.push([child, depth + 1]);
  }
  return false;
}

/** An error as fastify's own parsers raise them: the global filter maps its status (400 → MALFORMED_REQUEST, 415 → UNSUPPORTED_MEDIA_TYPE). */
function fastifyError(statusCode: number, code: string): Error {
  return Object.assign(new Error(code), { statusCode, code });
}
