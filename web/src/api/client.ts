/**
 * The one way the interface talks to the API: same-origin JSON under /api, the session
 * cookie, the CSRF token (readable cookie `scic_csrf`) on every write, and errors in the
 * API's single shape turned into `ApiError`. A 401 tells the listeners (the session
 * expired): the page stays, so nothing typed is lost.
 */
import { MESSAGES } from '../i18n/fr';
import type { Problem } from './views';

export interface FieldError {
  field: string;
  messages: string[];
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }

  /** 422 field errors, keyed by the API's dotted path (`memberCategories.0.label`). */
  get fields(): FieldError[] {
    return Array.isArray(this.details.fields) ? (this.details.fields as FieldError[]) : [];
  }

  /** 409 conditions not met. */
  get problems(): Problem[] {
    return Array.isArray(this.details.problems) ? (this.details.problems as Problem[]) : [];
  }

  get currentVersion(): number | undefined {
    return typeof this.details.currentVersion === 'number' ? this.details.currentVersion : undefined;
  }
}

type Listener = () => void;
const expiryListeners = new Set<Listener>();

export function onSessionExpired(listener: Listener): () => void {
  expiryListeners.add(listener);
  return () => expiryListeners.delete(listener);
}

function csrfToken(): string | undefined {
  const match = document.cookie.split('; ').find((part) => part.startsWith('scic_csrf='));
  return match ? decodeURIComponent(match.slice('scic_csrf='.length)) : undefined;
}

export interface RequestOptions {
  headers?: Record<string, string>;
  /** Do not announce an expired session (the login form itself, the first /auth/me). */
  quiet401?: boolean;
}

export interface Answer<T> {
  body: T;
  headers: Headers;
}

export async function request<T>(
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: string,
  body?: unknown,
  options: RequestOptions = {},
): Promise<Answer<T>> {
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  let payload: BodyInit | undefined;
  if (body instanceof FormData) {
    payload = body;
  } else if (body !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  if (method !== 'GET') {
    const token = csrfToken();
    if (token) headers['x-csrf-token'] = token;
  }
  let response: Response;
  try {
    response = await fetch(`/api${path}`, { method, headers, body: payload, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'NETWORK', MESSAGES.networkError);
  }
  const text = await response.text();
  let parsed: unknown = undefined;
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = text;
    }
  }
  if (!response.ok) {
    const error = (parsed as { error?: { code?: string; message?: string; details?: Record<string, unknown> } })?.error;
    if (response.status === 401 && !options.quiet401) expiryListeners.forEach((listener) => listener());
    throw new ApiError(
      response.status,
      error?.code ?? `HTTP_${response.status}`,
      error?.message ?? MESSAGES.networkError,
      error?.details ?? {},
    );
  }
  return { body: parsed as T, headers: response.headers };
}

export const api = {
  get: async <T>(path: string, options?: RequestOptions) => (await request<T>('GET', path, undefined, options)).body,
  post: async <T>(path: string, body?: unknown, options?: RequestOptions) =>
    (await request<T>('POST', path, body ?? {}, options)).body,
  put: async <T>(path: string, body: unknown, options?: RequestOptions) =>
    (await request<T>('PUT', path, body, options)).body,
  patch: async <T>(path: string, body: unknown, options?: RequestOptions) =>
    (await request<T>('PATCH', path, body, options)).body,
};

/** A fresh key per attempt of an action (the API replays the answer when it is sent again). */
export function idempotencyKey(): string {
  return crypto.randomUUID();
}
