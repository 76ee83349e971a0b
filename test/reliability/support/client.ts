/**
 * HTTP as a client of a running instance sees it: an answer (status, headers, body) or
 * no answer at all (refused, cut, timed out), each counted in the scenario's figures.
 */
import type { Figures } from './figures.js';

export interface Answer {
  kind: 'answer';
  status: number;
  headers: Headers;
  text: string;
  body: any;
}

export interface NoAnswer {
  kind: 'none';
  /** `connection refused`, `connection cut`, `timeout`… */
  reason: string;
}

export type Outcome = Answer | NoAnswer;

export interface Call {
  method: string;
  path: string;
  headers?: Record<string, string>;
  /** An object is sent as JSON; a string or a buffer as is. */
  body?: unknown;
  timeoutMs?: number;
}

/** A logged-in web session: the cookie and the CSRF token to send with writes. */
export interface Session {
  cookie: string;
  csrfToken: string;
  userId: string;
  role: string;
}

export function sessionHeaders(session: Session | undefined, method: string): Record<string, string> {
  if (!session) return {};
  return {
    cookie: `scic_session=${session.cookie}`,
    ...(method === 'GET' || method === 'HEAD' ? {} : { 'x-csrf-token': session.csrfToken }),
  };
}

export async function send(baseUrl: string, call: Call, figures?: Figures): Promise<Outcome> {
  if (figures) figures.requests++;
  const isJson = call.body !== undefined && typeof call.body !== 'string' && !Buffer.isBuffer(call.body);
  try {
    const response = await fetch(`${baseUrl}${call.path}`, {
      method: call.method,
      headers: { ...(isJson ? { 'content-type': 'application/json' } : {}), ...call.headers },
      body: call.body === undefined ? undefined : isJson ? JSON.stringify(call.body) : (call.body as string),
      signal: AbortSignal.timeout(call.timeoutMs ?? 30_000),
    });
    const text = await response.text();
    let body: unknown = undefined;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      // Not JSON (SVG, PDF, a document): the text is kept.
    }
    return { kind: 'answer', status: response.status, headers: response.headers, text, body };
  } catch (error) {
    const outcome: NoAnswer = { kind: 'none', reason: networkReason(error) };
    figures?.error(outcome.reason);
    return outcome;
  }
}

function networkReason(error: unknown): string {
  const { name, cause } = error as { name?: string; cause?: { code?: string } };
  if (name === 'TimeoutError' || name === 'AbortError') return 'timeout (no answer in time)';
  const code = cause?.code ?? '';
  if (code === 'ECONNREFUSED') return 'connection refused';
  if (['ECONNRESET', 'UND_ERR_SOCKET', 'EPIPE', 'UND_ERR_CLOSED'].includes(code)) return 'connection cut';
  return `network error ${code || name || 'unknown'}`;
}

/** The error code of a JSON error answer, if any. */
export function errorCode(answer: Answer): string | undefined {
  return answer.body?.error?.code;
}

/** Opens a web session through POST /api/auth/login (throws unless 200). */
export async function login(baseUrl: string, email: string, password: string, figures?: Figures): Promise<Session> {
  const outcome = await send(baseUrl, { method: 'POST', path: '/api/auth/login', body: { email, password } }, figures);
  if (outcome.kind !== 'answer' || outcome.status !== 200)
    throw new Error(`login of ${email} failed: ${JSON.stringify(outcome.kind === 'answer' ? outcome.body : outcome)}`);
  const cookie = cookieValue(outcome.headers.getSetCookie(), 'scic_session');
  if (!cookie) throw new Error(`login of ${email}: no session cookie`);
  return { cookie, csrfToken: outcome.body.csrfToken, userId: outcome.body.user.id, role: outcome.body.role };
}

export function cookieValue(setCookies: string[], name: string): string | undefined {
  const line = setCookies.find((cookie) => cookie.startsWith(`${name}=`));
  return line?.slice(name.length + 1).split(';')[0];
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
