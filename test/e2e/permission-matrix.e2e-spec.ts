/**
 * The role × action matrix, generated from the running application's OpenAPI document
 * and the permission map (PERMISSION_ROLES, EVENT_ROLES): every route and every workflow
 * event, called by each role through a real login, and by nobody. A route without a
 * permission (and not public) fails here, as does any answer the map does not predict.
 */
import { RequestMethod } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import { randomUUID } from 'node:crypto';
import { ROLES, type Role } from '../../src/common/actor.js';
import { PERMISSION_KEY, PUBLIC_KEY } from '../../src/access/access.decorators.js';
import { roleSeesState } from '../../src/access/dossier-visibility.js';
import { Permission, PERMISSION_ROLES, roleHas } from '../../src/access/permissions.js';
import { UsersService } from '../../src/identity/users.service.js';
import { DOSSIER_EVENT_TYPES, type DossierEventType } from '../../src/workflow/dossier.events.js';
import { EVENT_ROLES } from '../../src/workflow/dossier.workflow.js';
import type { InstructionStep } from '../../src/workflow/dossier.events.js';
import { grantSigningDelegation } from '../support/delegations.js';
import { ANALYSIS_PATHS, completeAnalysisData } from '../support/analyses.js';
import { uploadMissingPieces } from '../support/documents.js';
import {
  callInSession,
  httpCall,
  login,
  newDossierBody,
  randomLoopbackAddress,
  startTestApp,
  uniqueWord,
  type HttpAnswer,
  type HttpCall,
  type Session,
} from '../support/test-app.js';

type Method = HttpCall['method'];
type Caller = Role | 'nobody';

interface Operation {
  name: string;
  method: Method;
  path: string;
  permission: unknown;
  isPublic: boolean;
}

const HTTP_METHODS = ['get', 'post', 'put', 'patch', 'delete'];
const RUN = uniqueWord('run');
const PASSWORD = 'matrix passphrase 2026';
const IP = randomLoopbackAddress();
/** Where the élus and the secretary see the dossier (DESIGN §8, per-dossier visibility). */
const DOSSIER_STATE = 'committee.awaitingSession';
/** A version the dossier never has: an allowed event is refused 412, after the role check, and changes nothing. */
const STALE_IF_MATCH = '"999999"';

const emailOf = (role: Role) => `${role.replace('_', '-')}.${RUN}@matrix.test`;

// The operations come from the running application, before the cases are declared.
const t = await startTestApp({ env: { ALLOW_DEV_IDENTITY: 'false' } });
const docs = await httpCall(t, { method: 'GET', url: '/api/docs-json' });
if (docs.status !== 200) throw new Error(`GET /api/docs-json answered ${docs.status}`);
const operations: Operation[] = Object.entries(docs.body.paths as Record<string, Record<string, any>>).flatMap(
  ([path, item]) =>
    Object.entries(item)
      .filter(([method]) => HTTP_METHODS.includes(method))
      .map(([method, operation]) => ({
        name: `${method.toUpperCase()} ${path}`,
        method: method.toUpperCase() as Method,
        path,
        permission: operation['x-permission'],
        isPublic: operation['x-public'] === true,
      })),
);

const CALLERS: Caller[] = [...ROLES, 'nobody'];
type Expectation = 'public' | 'allowed' | 401 | 403 | 'unmapped';

function expectation(operation: Operation, caller: Caller): Expectation {
  if (operation.isPublic) return 'public';
  if (!Object.values(Permission).includes(operation.permission as Permission)) return 'unmapped';
  if (caller === 'nobody') return 401;
  return roleHas(caller, operation.permission as Permission) ? 'allowed' : 403;
}

const routeCells = operations.flatMap((operation) =>
  CALLERS.map((caller) => [operation.name, caller, expectation(operation, caller), operation] as const),
);

/** Event type → a body of the right shape (the body is checked before the role). */
const EVENT_BODIES: { [type in DossierEventType]: Record<string, unknown> } = {
  SUBMIT: {},
  COMPLETE_ACTIVITY: {},
  COMPLETE_ESS_PRACTICES: {},
  COMPLETE_ECONOMIC: {},
  SEND_BACK: { reason: 'Indicateurs à reprendre', toStep: 'activity' },
  REQUEST_COMPLEMENTS: { reason: 'Comptes annuels 2025', dueDate: '2027-06-30' },
  RECEIVE_COMPLEMENTS: {},
  SCHEDULE_COMMITTEE: { sessionId: randomUUID() },
  RECORD_OPINION: { opinion: 'FAVOURABLE', motivation: 'Projet solide.', proposedAmountCents: 5_000_000 },
  RECORD_DECISION: {
    outcome: 'APPROVED',
    body: 'CONSEIL_DEPARTEMENTAL',
    sessionDate: '2026-11-23',
    deliberation: 'CP-2026-12-001',
    amountCents: 5_000_000,
  },
  SIGN: {},
  WITHDRAW: { reason: 'La SCIC retire sa demande.' },
  CLOSE: { reason: 'Sans suite.' },
};

type EventExpectation = 403 | 404 | 412;

function eventExpectation(type: DossierEventType, role: Role): EventExpectation {
  if (!roleHas(role, Permission.DossierEventSend)) return 403;
  if (!roleSeesState(role, DOSSIER_STATE)) return 404;
  return EVENT_ROLES[type].includes(role) ? 412 : 403;
}

const eventCells = DOSSIER_EVENT_TYPES.flatMap((type) =>
  ROLES.map((role) => [type, role, eventExpectation(type, role)] as const),
);

console.log(
  `Permission matrix: ${operations.length} routes × ${CALLERS.length} callers (${ROLES.length} roles + nobody) = ${routeCells.length} cells; ` +
    `${DOSSIER_EVENT_TYPES.length} events × ${ROLES.length} roles = ${eventCells.length} cells`,
);

describe(`Permission matrix (${operations.length} routes × ${CALLERS.length} callers, ${DOSSIER_EVENT_TYPES.length} events × ${ROLES.length} roles)`, () => {
  const sessions = {} as Record<Role, Session>;
  const userIds = {} as Record<Role, string>;
  let targetUserId: string;
  let dossierId: string;
  let dossierVersion: number;

  const loginAs = (role: Role) => login(t, emailOf(role), PASSWORD, { localAddress: IP });

  beforeAll(async () => {
    const users = t.app.get(UsersService);
    for (const role of ROLES) {
      const user = await users.create({
        email: emailOf(role),
        displayName: `Matrix ${role}`,
        password: PASSWORD,
        roles: [{ role }],
      });
      if (role === 'elected_official') await grantSigningDelegation(t, user.id);
      userIds[role] = user.id;
      sessions[role] = await loginAs(role);
    }
    const target = await users.create({
      email: `target.${RUN}@matrix.test`,
      displayName: 'Matrix target',
      password: PASSWORD,
      roles: [{ role: 'viewer' }],
    });
    targetUserId = target.id;

    // A dossier at the committee step, moved there by the instructor's real session.
    const instructor = sessions.instructor;
    const created = await callInSession(t, instructor, {
      method: 'POST',
      url: '/api/dossiers',
      body: newDossierBody(),
    });
    if (created.status !== 201) throw new Error(`create: ${created.status} ${JSON.stringify(created.body)}`);
    dossierId = created.body.id;
    const steps: Record<string, InstructionStep> = {
      COMPLETE_ACTIVITY: 'activity',
      COMPLETE_ESS_PRACTICES: 'essPractices',
      COMPLETE_ECONOMIC: 'economic',
    };
    for (const type of ['SUBMIT', 'COMPLETE_ACTIVITY', 'COMPLETE_ESS_PRACTICES', 'COMPLETE_ECONOMIC']) {
      const step = steps[type];
      if (step) {
        // The step's analysis and pieces, saved through the same session as a user would.
        const saved = await callInSession(t, instructor, {
          method: 'PUT',
          url: `/api/dossiers/${dossierId}/analyses/${ANALYSIS_PATHS[step]}`,
          body: await completeAnalysisData(t, dossierId, step),
        });
        if (saved.status !== 200) throw new Error(`${step}: ${saved.status} ${JSON.stringify(saved.body)}`);
        await uploadMissingPieces(t, dossierId, step, {
          cookie: `scic_session=${instructor.secret}`,
          'x-csrf-token': instructor.csrfToken,
        });
      }
      const sent = await callInSession(t, instructor, {
        method: 'POST',
        url: `/api/dossiers/${dossierId}/events`,
        body: { type },
      });
      if (sent.status !== 200) throw new Error(`${type}: ${sent.status} ${JSON.stringify(sent.body)}`);
      dossierVersion = sent.body.version;
    }
    const [row] = await t.dataSource.query('SELECT state FROM dossier WHERE id = $1', [dossierId]);
    expect(row.state).toBe(DOSSIER_STATE);
  });

  afterAll(async () => {
    await t.close();
  });

  describe('every route declares its access', () => {
    it('the OpenAPI document lists the routes', () => {
      expect(operations.length).toBeGreaterThan(10);
      expect(operations.map((o) => o.name)).toEqual(
        expect.arrayContaining(['POST /api/auth/login', 'GET /api/dossiers/{id}', 'POST /api/dossiers/{id}/events']),
      );
    });

    it.each(operations.map((o) => [o.name, o] as const))(
      '%s has x-permission (a Permission) or x-public: true, not both',
      (_name, operation) => {
        if (operation.isPublic) {
          expect(operation.permission).toBeUndefined();
        } else {
          expect(Object.values(Permission)).toContain(operation.permission);
        }
      },
    );

    it('every controller route is in the OpenAPI document (none escapes the matrix) and carries the metadata', () => {
      const routes: string[] = [];
      const unmarked: string[] = [];
      for (const module of t.app.get(ModulesContainer).values()) {
        for (const wrapper of module.controllers.values()) {
          const controller = wrapper.metatype as { prototype: Record<string, unknown> } | null;
          if (!controller) continue;
          const base: string | string[] = Reflect.getMetadata('path', controller) ?? '';
          for (const key of Object.getOwnPropertyNames(controller.prototype)) {
            const handler = controller.prototype[key];
            if (typeof handler !== 'function' || key === 'constructor') continue;
            const method: RequestMethod | undefined = Reflect.getMetadata('method', handler);
            if (method === undefined) continue;
            const subPaths = [Reflect.getMetadata('path', handler) ?? ''].flat() as string[];
            for (const prefix of [base].flat()) {
              for (const sub of subPaths) {
                const path = ['/api', prefix, sub]
                  .map((part) => part.replace(/^\/+|\/+$/g, ''))
                  .filter(Boolean)
                  .join('/')
                  .replace(/:(\w+)/g, '{$1}');
                const name = `${RequestMethod[method]} /${path}`;
                routes.push(name);
                const marked =
                  Reflect.getMetadata(PERMISSION_KEY, handler) ??
                  Reflect.getMetadata(PUBLIC_KEY, handler) ??
                  Reflect.getMetadata(PERMISSION_KEY, controller) ??
                  Reflect.getMetadata(PUBLIC_KEY, controller);
                if (!marked) unmarked.push(name);
              }
            }
          }
        }
      }
      expect(unmarked).toEqual([]);
      expect(routes.sort()).toEqual(operations.map((o) => o.name).sort());
    });

    it('every permission is held by some role, and the admin is the only user manager', () => {
      for (const permission of Object.values(Permission))
        expect(PERMISSION_ROLES[permission].length).toBeGreaterThan(0);
      expect(PERMISSION_ROLES[Permission.UserManage]).toEqual(['admin']);
    });
  });

  /** A plausible request for the operation: real ids in the path, a minimal body. */
  function requestFor(operation: Operation): HttpCall {
    const url = operation.path.replace(/\{(\w+)\}/g, (_match, name: string) => {
      if (name === 'tokenId') return randomUUID();
      if (operation.path.startsWith('/api/users/')) return targetUserId;
      if (operation.path.startsWith('/api/dossiers/')) return dossierId;
      return randomUUID();
    });
    const body = operation.method === 'GET' || operation.method === 'DELETE' ? undefined : {};
    // Events: an empty body is refused 422 before any event-level check.
    const headers: Record<string, string> = operation.path.endsWith('/events') ? { 'if-match': STALE_IF_MATCH } : {};
    return { method: operation.method, url, body, headers };
  }

  async function callAs(caller: Caller, operation: Operation): Promise<HttpAnswer> {
    const request = requestFor(operation);
    if (caller === 'nobody') return httpCall(t, { ...request, localAddress: IP });
    // Logging out would end the session the other cells use: log out a session of its own.
    const session = operation.path === '/api/auth/logout' ? await loginAs(caller) : sessions[caller];
    return callInSession(t, session, request);
  }

  describe('routes', () => {
    it.each(routeCells)('%s as %s → %s', async (_name, caller, expected, operation) => {
      expect(expected).not.toBe('unmapped');
      const answer = await callAs(caller, operation);
      const seen = `${answer.status} ${JSON.stringify(answer.body)}`;
      expect(answer.status).toBeLessThan(500);
      switch (expected) {
        case 'public':
          expect([401, 403]).not.toContain(answer.status);
          break;
        case 'allowed':
          if ([401, 403].includes(answer.status)) throw new Error(`refused: ${seen}`);
          break;
        case 401:
          expect(seen).toMatch(/^401 .*"code":"UNAUTHENTICATED"/);
          break;
        case 403:
          expect(seen).toMatch(/^403 .*"code":"FORBIDDEN"/);
          break;
      }
    });
  });

  describe(`workflow events on a dossier in ${DOSSIER_STATE}`, () => {
    it.each(eventCells)('%s as %s → %s', async (type, role, expected) => {
      const answer = await callInSession(t, sessions[role], {
        method: 'POST',
        url: `/api/dossiers/${dossierId}/events`,
        body: { type, ...EVENT_BODIES[type] },
        headers: { 'if-match': STALE_IF_MATCH },
      });
      const seen = `${answer.status} ${JSON.stringify(answer.body)}`;
      const code = { 403: 'FORBIDDEN', 404: 'DOSSIER_NOT_FOUND', 412: 'DOSSIER_VERSION_MISMATCH' }[expected];
      expect(seen).toMatch(new RegExp(`^${expected} .*"code":"${code}"`));
    });

    it('no cell changed the dossier', async () => {
      const [row] = await t.dataSource.query('SELECT state, version FROM dossier WHERE id = $1', [dossierId]);
      expect(row).toEqual({ state: DOSSIER_STATE, version: dossierVersion });
    });

    it('the allowed events the dossier shows each role agree with the matrix', async () => {
      for (const role of ROLES) {
        const answer = await callInSession(t, sessions[role], { method: 'GET', url: `/api/dossiers/${dossierId}` });
        if (!roleSeesState(role, DOSSIER_STATE)) {
          expect(answer.status).toBe(404);
          continue;
        }
        expect(answer.status).toBe(200);
        for (const type of answer.body.allowedEvents as DossierEventType[]) {
          expect(EVENT_ROLES[type]).toContain(role);
        }
      }
    });

    it('the sessions used are the users’ own (the matrix ran on real logins)', async () => {
      for (const role of ROLES) {
        const answer = await callInSession(t, sessions[role], { method: 'GET', url: '/api/auth/me' });
        expect(answer.body).toMatchObject({ user: { id: userIds[role] }, role, credential: 'session' });
      }
    });
  });

  /**
   * Per-dossier visibility, route by route: on a dossier in instruction, every role that
   * holds a `/dossiers/{id}` route's permission but may not see the dossier is answered
   * 404 DOSSIER_NOT_FOUND (its existence not disclosed). The routes come from the OpenAPI
   * document: a new dossier route is covered without editing this test.
   */
  describe('dossier visibility on every /dossiers/{id} route', () => {
    const DOSSIER_ROUTE = /^\/api\/dossiers\/\{(id|dossierId)\}/;
    const HIDDEN_STATE = 'instruction.activity';
    const paths = docs.body.paths as Record<string, Record<string, any>>;
    const dossierRoutes = operations.filter((operation) => DOSSIER_ROUTE.test(operation.path));
    const hiddenCells = dossierRoutes.flatMap((operation) =>
      ROLES.filter(
        (role) => roleHas(role, operation.permission as Permission) && !roleSeesState(role, HIDDEN_STATE),
      ).map((role) => [operation.name, role, operation] as const),
    );
    let hiddenDossierId: string;

    beforeAll(async () => {
      const created = await callInSession(t, sessions.instructor, {
        method: 'POST',
        url: '/api/dossiers',
        body: newDossierBody(),
      });
      if (created.status !== 201) throw new Error(`create: ${created.status} ${JSON.stringify(created.body)}`);
      hiddenDossierId = created.body.id;
      const submitted = await callInSession(t, sessions.instructor, {
        method: 'POST',
        url: `/api/dossiers/${hiddenDossierId}/events`,
        body: { type: 'SUBMIT' },
      });
      if (submitted.status !== 200) throw new Error(`SUBMIT: ${submitted.status} ${JSON.stringify(submitted.body)}`);
      expect(submitted.body.state).toBe(HIDDEN_STATE);
    });

    it('every dossier route names its dossier parameter (x-dossier-param), so the guard checks it', () => {
      expect(dossierRoutes.length).toBeGreaterThan(20);
      const undeclared = dossierRoutes.filter(
        (operation) => paths[operation.path][operation.method.toLowerCase()]['x-dossier-param'] === undefined,
      );
      expect(undeclared.map((operation) => operation.name)).toEqual([]);
    });

    it.each(hiddenCells)('%s as %s → 404 DOSSIER_NOT_FOUND', async (_name, role, operation) => {
      const url = operation.path.replace(/\{(\w+)\}/g, (_match, name: string) =>
        DOSSIER_ROUTE.test(`/api/dossiers/{${name}}`) ? hiddenDossierId : randomUUID(),
      );
      const body = operation.method === 'GET' || operation.method === 'DELETE' ? undefined : {};
      const headers: Record<string, string> = operation.path.endsWith('/events') ? { 'if-match': STALE_IF_MATCH } : {};
      const answer = await callInSession(t, sessions[role], { method: operation.method, url, body, headers });
      expect(`${answer.status} ${JSON.stringify(answer.body)}`).toMatch(/^404 .*"code":"DOSSIER_NOT_FOUND"/);
    });
  });
});
