/**
 * Boots the real application for e2e tests, on the database the run is configured for:
 * the PostgreSQL server of `DATABASE_URL` when set, otherwise a fresh embedded database
 * in a temporary folder. Requests go through fastify's `inject` (the whole HTTP stack,
 * without a port).
 */
import { Test, type TestingModuleBuilder } from '@nestjs/testing';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { AppModule } from '../../src/app.module.js';
import { configureApp, createFastifyAdapter, openAppDatabase } from '../../src/app.factory.js';
import type { Role } from '../../src/common/actor.js';
import type { Clock } from '../../src/common/clock.js';
import { loadConfig, type AppConfig } from '../../src/config/app-config.js';
import { isValidSiren } from '../../src/dossiers/siren.js';
import { prepareFor } from './instruction.js';

/** 10:00 in Paris on the model's "today" (2026-11-23). */
export const TEST_NOW = new Date('2026-11-23T09:00:00Z');

export class FixedClock implements Clock {
  constructor(public current: Date = TEST_NOW) {}
  now(): Date {
    return new Date(this.current.getTime());
  }
}

export interface TestApp {
  app: NestFastifyApplication;
  dataSource: DataSource;
  config: AppConfig;
  clock: FixedClock;
  /** Which database this run uses, for test names and figures. */
  databaseKind: 'server' | 'embedded';
  request(options: TestRequest): Promise<TestResponse>;
  close(): Promise<void>;
}

export interface TestRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  as?: Role | null;
  user?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface TestResponse {
  status: number;
  headers: Record<string, string>;
  body: any;
}

export interface TestAppOptions {
  /** Replace providers (e.g. a journal that fails) before the app starts. */
  override?: (builder: TestingModuleBuilder) => TestingModuleBuilder;
  /** Use this embedded data folder (kept after close) instead of a temporary one. */
  dataDir?: string;
  /** Force the embedded database even when DATABASE_URL is set. */
  embedded?: boolean;
  env?: Record<string, string>;
}

export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const temporaryDir = options.dataDir ? undefined : mkdtempSync(join(tmpdir(), 'scic-test-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'test',
    // Most suites name their caller with the development headers; the identity suites
    // log in for real.
    ALLOW_DEV_IDENTITY: 'true',
    // Suites drive the outbox worker and the scheduler themselves (runOnce), so that what
    // they read does not depend on a timer.
    WORKERS_ENABLED: 'false',
    DATA_DIR: options.dataDir ?? temporaryDir,
    ...options.env,
  };
  if (options.embedded) delete env.DATABASE_URL;
  const config = loadConfig(env);
  const database = await openAppDatabase(config);
  const clock = new FixedClock();
  let builder = Test.createTestingModule({
    imports: [AppModule.forRoot({ config, dataSource: database.dataSource, clock })],
  });
  if (options.override) builder = options.override(builder);
  const moduleRef = await builder.compile();
  const app = moduleRef.createNestApplication<NestFastifyApplication>(createFastifyAdapter(config), {
    logger: ['error'],
  });
  await configureApp(app, { swaggerUi: false });
  await app.init();
  // Real HTTP on a loopback port (not fastify's inject, whose cookie parser is an
  // ESM-only package that Jest's CommonJS runtime cannot require on Node 20).
  await app.listen({ port: 0, host: '127.0.0.1' });
  const baseUrl = await app.getUrl();

  return {
    app,
    dataSource: database.dataSource,
    config,
    clock,
    databaseKind: config.databaseUrl ? 'server' : 'embedded',
    async request({ method, url, as = 'instructor', user, body, headers = {} }) {
      const identity: Record<string, string> = as ? { 'x-dev-user': user ?? `test.${as}`, 'x-dev-role': as } : {};
      // Test élus hold a signing delegation unless a test says otherwise.
      if (as === 'elected_official') identity['x-dev-signing-delegation'] = 'true';
      const contentType: Record<string, string> = body !== undefined ? { 'content-type': 'application/json' } : {};
      const response = await fetch(`${baseUrl.replace('[::1]', '127.0.0.1')}${url}`, {
        method,
        headers: { ...identity, ...contentType, ...headers },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      });
      const text = await response.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        // Not JSON (an SVG, a PDF): keep the text.
      }
      return { status: response.status, headers: Object.fromEntries(response.headers.entries()), body: parsed };
    },
    async close() {
      await app.close();
      await database.close();
      if (temporaryDir) rmSync(temporaryDir, { recursive: true, force: true });
    },
  };
}

let sirenCounter = Math.floor(Math.random() * 1_000_000);

/** A fresh Luhn-valid SIREN, distinct within the run (the server database is shared). */
export function uniqueSiren(): string {
  for (;;) {
    sirenCounter = (sirenCounter + 1) % 100_000_000;
    const prefix = `8${String(sirenCounter).padStart(7, '0')}`;
    for (let check = 0; check < 10; check++) {
      const siren = `${prefix}${check}`;
      if (isValidSiren(siren)) return siren;
    }
  }
}

/** A unique word so that a test can find its own dossiers in a shared database. */
export function uniqueWord(prefix = 'coop'): string {
  return `${prefix}${Math.random().toString(36).slice(2, 10)}`;
}

export function newDossierBody(overrides: Record<string, unknown> = {}, scic: Record<string, unknown> = {}) {
  return {
    scic: { siren: uniqueSiren(), name: `SCIC ${uniqueWord()}`, legalForm: 'SAS', commune: 'Arras', ...scic },
    requestedAmountCents: 6_000_000,
    nominalShareValueCents: 10_000,
    ...overrides,
  };
}

export async function createDossier(
  test: TestApp,
  overrides: Record<string, unknown> = {},
  scic: Record<string, unknown> = {},
) {
  const response = await test.request({ method: 'POST', url: '/api/dossiers', body: newDossierBody(overrides, scic) });
  if (response.status !== 201) throw new Error(`create failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body as { id: string; reference: string; version: number; state: string };
}

/**
 * Sends an event; `as` defaults to the role the machine expects for it. Unless
 * `prepare: false`, the dossier's data is first arranged so that the event's real
 * conditions hold (test/support/instruction.ts).
 */
export async function sendEvent(
  test: TestApp,
  dossierId: string,
  body: Record<string, unknown>,
  options: { as?: Role; headers?: Record<string, string>; prepare?: boolean } = {},
): Promise<TestResponse> {
  const role = options.as ?? roleFor(String(body.type));
  const prepared = options.prepare === false ? body : await prepareFor(test, dossierId, body);
  return test.request({
    method: 'POST',
    url: `/api/dossiers/${dossierId}/events`,
    as: role,
    body: prepared,
    headers: options.headers,
  });
}

export function roleFor(type: string): Role {
  if (type === 'RECORD_OPINION') return 'committee_secretary';
  if (type === 'RECORD_DECISION' || type === 'SIGN') return 'elected_official';
  return 'instructor';
}

export interface HttpCall {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  headers?: Record<string, string>;
  body?: unknown;
  /** The client address the server sees (`request.ip`): any 127.x.y.z on Linux. */
  localAddress?: string;
}

export interface HttpAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  /** Every Set-Cookie line (fetch's header map keeps only one). */
  cookies: string[];
  body: any;
}

/**
 * A raw HTTP call without development identity, for the identity suites: it keeps every
 * Set-Cookie and can come from another loopback address, so that login throttling per
 * address stays within one run on a shared database.
 */
export function httpCall(test: TestApp, call: HttpCall): Promise<HttpAnswer> {
  const { port } = test.app.getHttpServer().address() as AddressInfo;
  const payload = call.body === undefined ? undefined : JSON.stringify(call.body);
  const headers: Record<string, string> = {
    ...(payload !== undefined ? { 'content-type': 'application/json' } : {}),
    ...call.headers,
  };
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      { host: '127.0.0.1', port, method: call.method, path: call.url, headers, localAddress: call.localAddress },
      (incoming) => {
        const chunks: Buffer[] = [];
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
        incoming.on('error', reject);
        incoming.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let body: unknown = text || undefined;
          try {
            body = text ? JSON.parse(text) : undefined;
          } catch {
            // Not JSON: keep the text.
          }
          resolve({
            status: incoming.statusCode ?? 0,
            headers: incoming.headers,
            cookies: incoming.headers['set-cookie'] ?? [],
            body,
          });
        });
      },
    );
    outgoing.on('error', reject);
    outgoing.end(payload);
  });
}

/** A loopback address of its own for a run (never 127.0.0.1, which the other suites use). */
export function randomLoopbackAddress(): string {
  const byte = () => 1 + Math.floor(Math.random() * 254);
  return `127.${byte()}.${byte()}.${byte()}`;
}

/** A web session opened by a real login. */
export interface Session {
  secret: string;
  csrfToken: string;
  role: Role;
  userId: string;
  localAddress?: string;
}

/** The value of cookie `name` among Set-Cookie lines. */
export function setCookieValue(cookies: string[], name: string): string | undefined {
  const line = cookies.find((cookie) => cookie.startsWith(`${name}=`));
  return line?.slice(name.length + 1).split(';')[0];
}

/** Logs in through POST /api/auth/login; throws unless it answers 200. */
export async function login(
  test: TestApp,
  email: string,
  password: string,
  options: { role?: Role; localAddress?: string } = {},
): Promise<Session> {
  const answer = await httpCall(test, {
    method: 'POST',
    url: '/api/auth/login',
    body: { email, password, ...(options.role ? { role: options.role } : {}) },
    localAddress: options.localAddress,
  });
  const secret = setCookieValue(answer.cookies, 'scic_session');
  if (answer.status !== 200 || !secret) {
    throw new Error(`login of ${email} failed: ${answer.status} ${JSON.stringify(answer.body)}`);
  }
  return {
    secret,
    csrfToken: answer.body.csrfToken,
    role: answer.body.role,
    userId: answer.body.user.id,
    localAddress: options.localAddress,
  };
}

/** A call in a session: its cookie, and its CSRF token on state-changing methods. */
export function callInSession(test: TestApp, session: Session, call: HttpCall): Promise<HttpAnswer> {
  const csrf: Record<string, string> = call.method === 'GET' ? {} : { 'x-csrf-token': session.csrfToken };
  return httpCall(test, {
    localAddress: session.localAddress,
    ...call,
    headers: { cookie: `scic_session=${session.secret}`, ...csrf, ...call.headers },
  });
}

/** A GET whose body is bytes (PDF, XLSX…), through real HTTP, as a development identity. */
export async function getBytes(test: TestApp, url: string, as: Role, user?: string) {
  const base = (await test.app.getUrl()).replace('[::1]', '127.0.0.1');
  const response = await fetch(`${base}${url}`, {
    headers: { 'x-dev-user': user ?? `test.${as}`, 'x-dev-role': as },
  });
  return { status: response.status, headers: response.headers, body: Buffer.from(await response.arrayBuffer()) };
}
