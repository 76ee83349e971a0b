/**
 * Identity over real HTTP, with the development headers off: logins, the session cookie
 * and its CSRF token, expiry and idle timeout, role switching, API tokens, throttling,
 * no account enumeration, the administrator's user management, and the real actor in
 * the journal. Emails carry a per-run suffix and requests come from a loopback address of
 * the run's own, so that the suite can run again on a shared PostgreSQL database.
 */
import { createHash } from 'node:crypto';
import { permissionsOf } from '../../src/access/permissions.js';
import type { Role } from '../../src/common/actor.js';
import { UsersService, type UserView } from '../../src/identity/users.service.js';
import {
  callInSession,
  httpCall,
  login,
  newDossierBody,
  randomLoopbackAddress,
  setCookieValue,
  startTestApp,
  uniqueWord,
  type HttpAnswer,
  type HttpCall,
  type Session,
  type TestApp,
} from '../support/test-app.js';

const RUN = uniqueWord('run');
const PASSWORD = 'correct horse battery staple';
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

const email = (name: string) => `${name}.${RUN}@auth.test`;
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

describe('Identity (real sessions, no development headers)', () => {
  let t: TestApp;
  const ip = randomLoopbackAddress();
  const users: Record<string, UserView> = {};

  /** The clock only moves forward: login failures stamped later would count earlier. */
  const advance = (ms: number) => {
    t.clock.current = new Date(t.clock.current.getTime() + ms);
  };
  const loginAs = (name: string, options: { role?: Role; password?: string } = {}) =>
    login(t, email(name), options.password ?? PASSWORD, { role: options.role, localAddress: ip });
  const attempt = (body: Record<string, unknown>) =>
    httpCall(t, { method: 'POST', url: '/api/auth/login', body, localAddress: ip });
  const call = (session: Session, request: HttpCall) => callInSession(t, session, request);
  const anonymous = (request: HttpCall) => httpCall(t, { localAddress: ip, ...request });
  const me = (session: Session) => call(session, { method: 'GET', url: '/api/auth/me' });
  const bearer = (token: string, request: HttpCall) =>
    anonymous({ ...request, headers: { authorization: `Bearer ${token}`, ...request.headers } });

  beforeAll(async () => {
    t = await startTestApp({ env: { ALLOW_DEV_IDENTITY: 'false' } });
    const service = t.app.get(UsersService);
    const create = async (name: string, roles: { role: Role; [key: string]: unknown }[]) => {
      users[name] = await service.create({
        email: email(name),
        displayName: `Test ${name}`,
        password: PASSWORD,
        roles,
      });
    };
    // Also a viewer: demoting themselves to it (the last-admin test) grants them nothing new.
    await create('admin', [{ role: 'admin' }, { role: 'viewer' }]);
    await create('instructor', [{ role: 'instructor' }]);
    await create('multi', [{ role: 'instructor' }, { role: 'viewer' }]);
    await create('throttled', [{ role: 'viewer' }]);
    await create('inactive', [{ role: 'viewer' }]);
    await service.update(users.inactive.id, { active: false, reason: 'Départ' });
  });
  afterAll(async () => {
    await t?.close();
  });

  describe('login', () => {
    it('opens a session: HTTP-only SameSite cookie, a readable CSRF cookie, the user and the role', async () => {
      const answer = await attempt({ email: email('instructor'), password: PASSWORD });
      expect(answer.status).toBe(200);
      const session = answer.cookies.find((c) => c.startsWith('scic_session='))!;
      const csrf = answer.cookies.find((c) => c.startsWith('scic_csrf='))!;
      expect(session).toMatch(/; HttpOnly/);
      expect(session).toMatch(/; SameSite=Lax/);
      expect(session).toMatch(/; Path=\//);
      expect(session).toContain(`Max-Age=${t.config.sessionTtlMs / 1000}`);
      expect(csrf).toMatch(/; SameSite=Lax/);
      expect(csrf).not.toMatch(/HttpOnly/);
      expect(answer.body).toMatchObject({
        user: { id: users.instructor.id, email: email('instructor'), active: true, roles: [{ role: 'instructor' }] },
        role: 'instructor',
        csrfToken: setCookieValue(answer.cookies, 'scic_csrf'),
      });
      expect(answer.body.user).not.toHaveProperty('passwordHash');
      expect(JSON.stringify(answer.body)).not.toContain(setCookieValue(answer.cookies, 'scic_session'));
      expect(new Date(answer.body.expiresAt).getTime()).toBe(t.clock.current.getTime() + t.config.sessionTtlMs);
      // Only the digest of the secret is stored.
      const [row] = await t.dataSource.query('SELECT secret_hash FROM auth_credential WHERE user_id = $1', [
        users.instructor.id,
      ]);
      expect(row.secret_hash).toBe(sha256(setCookieValue(answer.cookies, 'scic_session')!));
    });

    it('accepts the e-mail in any case', async () => {
      const answer = await attempt({ email: `  ${email('instructor').toUpperCase()} `, password: PASSWORD });
      expect(answer.status).toBe(200);
    });

    it('GET /api/auth/me answers the caller from the cookie', async () => {
      const session = await loginAs('instructor');
      const answer = await me(session);
      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({
        user: { id: users.instructor.id },
        role: 'instructor',
        credential: 'session',
      });
    });

    it('GET /api/auth/me lists the permissions of the role acted under, workflow events included', async () => {
      const instructor = (await me(await loginAs('instructor'))).body.permissions as string[];
      expect(instructor).toEqual(permissionsOf('instructor'));
      expect(instructor).toEqual(expect.arrayContaining(['dossier.create', 'event.SUBMIT', 'export.read']));
      expect(instructor).not.toContain('event.SIGN');
      const viewer = (await me(await loginAs('multi', { role: 'viewer' }))).body.permissions as string[];
      expect(viewer).toEqual(permissionsOf('viewer'));
      expect(viewer.filter((permission) => permission.startsWith('event.'))).toEqual([]);
    });

    it('a user holding several roles picks one, gets the first by default, and not one they lack', async () => {
      expect((await loginAs('multi')).role).toBe('instructor');
      const viewer = await loginAs('multi', { role: 'viewer' });
      expect(viewer.role).toBe('viewer');
      expect((await me(viewer)).body.role).toBe('viewer');
      const refused = await attempt({ email: email('multi'), password: PASSWORD, role: 'admin' });
      expect(refused.status).toBe(403);
      expect(refused.body.error.code).toBe('FORBIDDEN');
      expect(refused.cookies).toEqual([]);
    });

    it('no enumeration: unknown e-mail, wrong password and deactivated account answer alike', async () => {
      const unknown = await attempt({ email: email('nobody'), password: PASSWORD });
      const wrong = await attempt({ email: email('instructor'), password: `${PASSWORD}!` });
      const deactivated = await attempt({ email: email('inactive'), password: PASSWORD });
      for (const answer of [unknown, wrong, deactivated]) {
        expect(answer.status).toBe(401);
        expect(answer.cookies).toEqual([]);
      }
      expect(unknown.body).toEqual({
        error: { code: 'UNAUTHENTICATED', message: 'Identifiants invalides.', details: {} },
      });
      expect(wrong.body).toEqual(unknown.body);
      expect(deactivated.body).toEqual(unknown.body);
    });

    it('refuses a malformed login with 422, never 500', async () => {
      const answer = await attempt({ email: email('instructor') });
      expect(answer.status).toBe(422);
      expect(answer.body.error.code).toBe('VALIDATION_FAILED');
    });

    it('refuses a login posted as a form (415, no session): no login CSRF from another site', async () => {
      // A cross-site HTML form posts urlencoded without a CORS preflight; JSON it cannot send.
      const response = await fetch(`${(await t.app.getUrl()).replace('[::1]', '127.0.0.1')}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ email: email('instructor'), password: PASSWORD }).toString(),
      });
      expect(response.status).toBe(415);
      expect(response.headers.getSetCookie()).toEqual([]);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    });

    it('ignores the development headers when ALLOW_DEV_IDENTITY is off', async () => {
      const answer = await anonymous({
        method: 'GET',
        url: '/api/dossiers',
        headers: { 'x-dev-user': 'someone', 'x-dev-role': 'admin' },
      });
      expect(answer.status).toBe(401);
      expect(answer.body.error.code).toBe('UNAUTHENTICATED');
    });

    it('401 without a session, and with an unknown session cookie', async () => {
      expect((await anonymous({ method: 'GET', url: '/api/auth/me' })).status).toBe(401);
      const forged = await anonymous({
        method: 'GET',
        url: '/api/auth/me',
        headers: { cookie: 'scic_session=sess_forged' },
      });
      expect(forged.status).toBe(401);
    });
  });

  describe('CSRF', () => {
    it('a state-changing request with the cookie needs the session’s X-CSRF-Token', async () => {
      const session = await loginAs('instructor');
      const other = await loginAs('instructor');
      const create = (headers: Record<string, string>) =>
        httpCall(t, {
          method: 'POST',
          url: '/api/dossiers',
          body: newDossierBody(),
          localAddress: ip,
          headers: { cookie: `scic_session=${session.secret}`, ...headers },
        });
      const attempts: Record<string, string>[] = [
        {},
        { 'x-csrf-token': 'csrf_wrong' },
        { 'x-csrf-token': other.csrfToken },
      ];
      for (const headers of attempts) {
        const refused = await create(headers);
        expect(refused.status).toBe(403);
        expect(refused.body.error).toMatchObject({ code: 'FORBIDDEN', details: { reason: 'CSRF' } });
      }
      const accepted = await create({ 'x-csrf-token': session.csrfToken });
      expect(accepted.status).toBe(201);
    });

    it('a GET with the cookie needs no CSRF token', async () => {
      const session = await loginAs('instructor');
      const answer = await httpCall(t, {
        method: 'GET',
        url: '/api/dossiers',
        localAddress: ip,
        headers: { cookie: `scic_session=${session.secret}` },
      });
      expect(answer.status).toBe(200);
    });
  });

  describe('session end', () => {
    it('logout ends the session and clears the cookies', async () => {
      const session = await loginAs('instructor');
      const answer = await call(session, { method: 'POST', url: '/api/auth/logout' });
      expect(answer.status).toBe(200);
      expect(answer.cookies).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^scic_session=;.*Max-Age=0/),
          expect.stringMatching(/^scic_csrf=;/),
        ]),
      );
      const after = await me(session);
      expect(after.status).toBe(401);
      expect(after.body.error.code).toBe('UNAUTHENTICATED');
    });

    it('logout needs the CSRF token (a cross-site page cannot log the user out)', async () => {
      const session = await loginAs('instructor');
      const answer = await httpCall(t, {
        method: 'POST',
        url: '/api/auth/logout',
        localAddress: ip,
        headers: { cookie: `scic_session=${session.secret}` },
      });
      expect(answer.status).toBe(403);
      expect((await me(session)).status).toBe(200);
    });

    it('idle timeout: activity keeps the session, SESSION_IDLE_MINUTES of silence ends it', async () => {
      const idle = t.config.sessionIdleMs;
      const session = await loginAs('instructor');
      advance(idle - MINUTE);
      expect((await me(session)).status).toBe(200);
      advance(idle - MINUTE);
      expect((await me(session)).status).toBe(200);
      advance(idle + MINUTE);
      const answer = await me(session);
      expect(answer.status).toBe(401);
      expect(answer.body.error.message).toBe('Session expirée : reconnectez-vous.');
    });

    it('absolute expiry: an active session still ends after SESSION_TTL_HOURS', async () => {
      const session = await loginAs('instructor');
      const expiresAt = t.clock.current.getTime() + t.config.sessionTtlMs;
      const step = t.config.sessionIdleMs - MINUTE;
      while (t.clock.current.getTime() + step < expiresAt) {
        advance(step);
        expect((await me(session)).status).toBe(200);
      }
      t.clock.current = new Date(expiresAt + 1000);
      expect((await me(session)).status).toBe(401);
    });
  });

  describe('role switching', () => {
    it('POST /api/auth/role switches the session, and the new role’s permissions apply', async () => {
      const session = await loginAs('multi', { role: 'viewer' });
      const create = () => call(session, { method: 'POST', url: '/api/dossiers', body: newDossierBody() });
      expect((await create()).status).toBe(403);
      const switched = await call(session, { method: 'POST', url: '/api/auth/role', body: { role: 'instructor' } });
      expect(switched.status).toBe(200);
      expect(switched.body).toEqual({ role: 'instructor' });
      expect((await me(session)).body.role).toBe('instructor');
      expect((await create()).status).toBe(201);
      const back = await call(session, { method: 'POST', url: '/api/auth/role', body: { role: 'viewer' } });
      expect(back.status).toBe(200);
      expect((await create()).status).toBe(403);
    });

    it('refuses a role the user does not hold (403), and an unknown role (422)', async () => {
      const session = await loginAs('multi');
      const refused = await call(session, { method: 'POST', url: '/api/auth/role', body: { role: 'admin' } });
      expect(refused.status).toBe(403);
      expect((await me(session)).body.role).toBe('instructor');
      const unknown = await call(session, { method: 'POST', url: '/api/auth/role', body: { role: 'root' } });
      expect(unknown.status).toBe(422);
    });
  });

  describe('API tokens', () => {
    it('refuses a blank token name with 422, and a malformed token id with 404', async () => {
      const session = await loginAs('multi');
      const blank = await call(session, {
        method: 'POST',
        url: '/api/auth/tokens',
        body: { name: '   ', role: 'viewer' },
      });
      expect(blank.status).toBe(422);
      expect(blank.body.error.details.fields).toEqual([
        { field: 'name', messages: ['Le nom du jeton est obligatoire.'] },
      ]);
      const malformed = await call(session, { method: 'DELETE', url: '/api/auth/tokens/not-a-uuid' });
      expect(malformed.status).toBe(404);
      expect(malformed.body.error.code).toBe('TOKEN_NOT_FOUND');
    });

    it('shows the secret once, never in the list, and the token works without CSRF', async () => {
      const session = await loginAs('multi');
      const created = await call(session, {
        method: 'POST',
        url: '/api/auth/tokens',
        body: { name: 'Export tableur', role: 'instructor' },
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ id: expect.any(String), name: 'Export tableur', role: 'instructor' });
      const secret: string = created.body.token;
      expect(typeof secret).toBe('string');
      expect(secret.length).toBeGreaterThan(30);

      const list = await call(session, { method: 'GET', url: '/api/auth/tokens' });
      expect(list.status).toBe(200);
      expect(list.body.items).toEqual(
        expect.arrayContaining([expect.objectContaining({ id: created.body.id, name: 'Export tableur' })]),
      );
      for (const item of list.body.items) expect(item).not.toHaveProperty('token');
      expect(JSON.stringify(list.body)).not.toContain(secret);
      const [row] = await t.dataSource.query('SELECT secret_hash FROM auth_credential WHERE id = $1', [
        created.body.id,
      ]);
      expect(row.secret_hash).toBe(sha256(secret));

      const who = await bearer(secret, { method: 'GET', url: '/api/auth/me' });
      expect(who.status).toBe(200);
      expect(who.body).toMatchObject({ user: { id: users.multi.id }, role: 'instructor', credential: 'token' });
      const write = await bearer(secret, { method: 'POST', url: '/api/dossiers', body: newDossierBody() });
      expect(write.status).toBe(201);
    });

    it('a token acts under its own role, which a session switch does not change', async () => {
      const session = await loginAs('multi');
      const created = await call(session, {
        method: 'POST',
        url: '/api/auth/tokens',
        body: { name: 'Lecture', role: 'viewer' },
      });
      expect(created.status).toBe(201);
      const write = await bearer(created.body.token, { method: 'POST', url: '/api/dossiers', body: newDossierBody() });
      expect(write.status).toBe(403);
      const switchByToken = await bearer(created.body.token, {
        method: 'POST',
        url: '/api/auth/role',
        body: { role: 'instructor' },
      });
      expect(switchByToken.status).toBe(403);
      expect((await bearer(created.body.token, { method: 'GET', url: '/api/auth/me' })).body.role).toBe('viewer');
    });

    it('a revoked token answers 401; revoking it again, or someone else’s, answers 404', async () => {
      const session = await loginAs('multi');
      const created = await call(session, {
        method: 'POST',
        url: '/api/auth/tokens',
        body: { name: 'À révoquer', role: 'instructor' },
      });
      const stranger = await loginAs('instructor');
      const foreign = await call(stranger, { method: 'DELETE', url: `/api/auth/tokens/${created.body.id}` });
      expect(foreign.status).toBe(404);
      expect(foreign.body.error.code).toBe('TOKEN_NOT_FOUND');
      expect((await bearer(created.body.token, { method: 'GET', url: '/api/auth/me' })).status).toBe(200);

      const revoked = await call(session, { method: 'DELETE', url: `/api/auth/tokens/${created.body.id}` });
      expect(revoked.status).toBe(200);
      const after = await bearer(created.body.token, { method: 'GET', url: '/api/auth/me' });
      expect(after.status).toBe(401);
      expect(after.body.error.code).toBe('UNAUTHENTICATED');
      const again = await call(session, { method: 'DELETE', url: `/api/auth/tokens/${created.body.id}` });
      expect(again.status).toBe(404);
      const listed = await call(session, { method: 'GET', url: '/api/auth/tokens' });
      const item = listed.body.items.find((i: { id: string }) => i.id === created.body.id);
      expect(item.revokedAt).not.toBeNull();
    });

    it('refuses a token for a role the user does not hold (403)', async () => {
      const session = await loginAs('multi');
      const answer = await call(session, {
        method: 'POST',
        url: '/api/auth/tokens',
        body: { name: 'Admin', role: 'admin' },
      });
      expect(answer.status).toBe(403);
      expect(answer.body.error.code).toBe('FORBIDDEN');
    });

    it('an expired token answers 401', async () => {
      const session = await loginAs('instructor');
      const created = await call(session, {
        method: 'POST',
        url: '/api/auth/tokens',
        body: { name: 'Un jour', role: 'instructor', expiresInDays: 1 },
      });
      expect(created.status).toBe(201);
      expect(new Date(created.body.expiresAt).getTime()).toBe(t.clock.current.getTime() + 24 * HOUR);
      advance(24 * HOUR - MINUTE);
      expect((await bearer(created.body.token, { method: 'GET', url: '/api/auth/me' })).status).toBe(200);
      advance(2 * MINUTE);
      expect((await bearer(created.body.token, { method: 'GET', url: '/api/auth/me' })).status).toBe(401);
    });

    it('a malformed or unknown bearer answers 401, even next to a valid session cookie', async () => {
      const session = await loginAs('instructor');
      for (const authorization of ['Bearer scic_unknown', 'Basic dXNlcjpwYXNz', 'Bearer']) {
        const answer = await callInSession(t, session, {
          method: 'GET',
          url: '/api/auth/me',
          headers: { authorization },
        });
        expect(answer.status).toBe(401);
      }
    });
  });

  describe('throttling', () => {
    it('after LOGIN_MAX_FAILURES_PER_ACCOUNT failures: 429 with Retry-After, even with the right password, until the window passes', async () => {
      const max = t.config.loginMaxFailuresPerAccount;
      for (let i = 0; i < max; i++) {
        expect((await attempt({ email: email('throttled'), password: 'wrong password here' })).status).toBe(401);
      }
      const throttled = await attempt({ email: email('throttled'), password: PASSWORD });
      expect(throttled.status).toBe(429);
      expect(throttled.body.error.code).toBe('TOO_MANY_REQUESTS');
      expect(throttled.cookies).toEqual([]);
      const retryAfter = Number(throttled.headers['retry-after']);
      expect(retryAfter).toBe(t.config.loginWindowMs / 1000);
      expect(throttled.body.error.details).toEqual({ retryAfterSeconds: retryAfter });

      // The other accounts from the same address are not locked out.
      expect((await loginAs('instructor')).role).toBe('instructor');

      advance(t.config.loginWindowMs / 2);
      const still = await attempt({ email: email('throttled'), password: PASSWORD });
      expect(still.status).toBe(429);
      expect(Number(still.headers['retry-after'])).toBe(t.config.loginWindowMs / 2000);

      advance(t.config.loginWindowMs / 2 + 1000);
      expect((await loginAs('throttled')).role).toBe('viewer');
    });

    it('an unknown account is throttled the same way (no enumeration through the limit)', async () => {
      const max = t.config.loginMaxFailuresPerAccount;
      const answers: HttpAnswer[] = [];
      for (let i = 0; i <= max; i++) answers.push(await attempt({ email: email('ghost'), password: PASSWORD }));
      expect(answers.slice(0, max).map((a) => a.status)).toEqual(Array(max).fill(401));
      expect(answers[max].status).toBe(429);
      advance(t.config.loginWindowMs + 1000);
    });
  });

  describe('throttling under concurrency', () => {
    // Each attempt is recorded before its password is verified, so that attempts in
    // flight together cannot all pass the count.
    it('concurrent wrong passwords do not get more guesses than the limit', async () => {
      const max = t.config.loginMaxFailuresPerAccount;
      const answers = await Promise.all(
        Array.from({ length: 2 * max }, (_, i) => attempt({ email: email('parallel'), password: `guess number ${i}` })),
      );
      advance(t.config.loginWindowMs + 1000);
      expect(answers.filter((a) => a.status === 401).length).toBeLessThanOrEqual(max);
    });

    // An older failure from the same address on another account must not shorten it.
    it('Retry-After is when the account lock lifts, not earlier', async () => {
      const max = t.config.loginMaxFailuresPerAccount;
      expect((await attempt({ email: email('elsewhere'), password: PASSWORD })).status).toBe(401);
      advance(t.config.loginWindowMs / 3);
      for (let i = 0; i < max; i++) await attempt({ email: email('retry'), password: 'wrong password here' });
      const throttled = await attempt({ email: email('retry'), password: PASSWORD });
      expect(throttled.status).toBe(429);
      advance((Number(throttled.headers['retry-after']) + 1) * 1000);
      const after = await attempt({ email: email('retry'), password: PASSWORD });
      advance(t.config.loginWindowMs + 1000);
      expect(after.status).not.toBe(429);
    });
  });

  describe('user administration', () => {
    let admin: Session;
    const admin_ = (request: HttpCall) => call(admin, request);
    const newUser = (name: string, roles: unknown[], extra: Record<string, unknown> = {}) =>
      admin_({
        method: 'POST',
        url: '/api/users',
        body: { email: email(name), displayName: `Test ${name}`, password: PASSWORD, roles, ...extra },
      });

    beforeAll(async () => {
      admin = await loginAs('admin');
    });

    it('creates a user with roles; the password never comes back', async () => {
      const created = await newUser('member', [{ role: 'committee_member' }, { role: 'elected_official' }]);
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        email: email('member'),
        active: true,
        // The administrator chose the password: one-time, to replace at first login.
        mustChangePassword: true,
        signingDelegation: null,
        roles: [{ role: 'committee_member' }, { role: 'elected_official' }],
      });
      expect(JSON.stringify(created.body)).not.toMatch(/"password|passwordHash|argon/i);
      expect((await loginAs('member', { role: 'elected_official' })).role).toBe('elected_official');
    });

    it.each([
      // Seats are given in the committee module (POST /api/committee/members), with their history.
      [
        'a seat given with the role',
        [{ role: 'committee_member', seatCategory: 'QUALIFIED_PERSON' }],
        'roles.0.seatCategory',
      ],
      ['a role given twice', [{ role: 'viewer' }, { role: 'viewer' }], 'roles.1.role'],
    ])('422 for %s', async (_name, roles, field) => {
      const answer = await newUser(uniqueWord('bad'), roles);
      expect(answer.status).toBe(422);
      expect(answer.body.error.code).toBe('VALIDATION_FAILED');
      expect(answer.body.error.details.fields).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
    });

    it('422 for a short password, an invalid e-mail or no role', async () => {
      expect((await newUser(uniqueWord('short'), [{ role: 'viewer' }], { password: 'short' })).status).toBe(422);
      expect((await newUser(uniqueWord('mail'), [{ role: 'viewer' }], { email: 'not-an-email' })).status).toBe(422);
      expect((await newUser(uniqueWord('none'), [])).status).toBe(422);
    });

    it('409 EMAIL_TAKEN for an address already used, whatever its case', async () => {
      const answer = await newUser('x', [{ role: 'viewer' }], { email: email('instructor').toUpperCase() });
      expect(answer.status).toBe(409);
      expect(answer.body.error.code).toBe('EMAIL_TAKEN');
    });

    it('lists and reads users', async () => {
      const list = await admin_({ method: 'GET', url: '/api/users' });
      expect(list.status).toBe(200);
      const emails = list.body.items.map((u: UserView) => u.email);
      expect(emails).toEqual(expect.arrayContaining([email('admin'), email('instructor'), email('multi')]));
      const one = await admin_({ method: 'GET', url: `/api/users/${users.multi.id}` });
      expect(one.status).toBe(200);
      expect(one.body.roles.map((r: { role: string }) => r.role).sort()).toEqual(['instructor', 'viewer']);
      const missing = await admin_({ method: 'GET', url: '/api/users/00000000-0000-4000-8000-000000000000' });
      expect(missing.status).toBe(404);
      expect(missing.body.error.code).toBe('USER_NOT_FOUND');
      const malformed = await admin_({ method: 'GET', url: '/api/users/not-a-uuid' });
      expect(malformed.status).toBe(404);
      expect(malformed.body.error.code).toBe('USER_NOT_FOUND');
    });

    it('refuses whitespace-only names with 422 and French messages', async () => {
      const blank = await newUser('blank', [{ role: 'viewer' }], { displayName: '   ' });
      expect(blank.status).toBe(422);
      expect(blank.body.error.details.fields).toEqual([
        { field: 'displayName', messages: ['Le nom est obligatoire.'] },
      ]);
      const badRole = await newUser('badrole', [{ role: 'superuser' }]);
      expect(badRole.status).toBe(422);
      expect(badRole.body.error.details.fields[0].messages[0]).toBe('Rôle : choisissez une valeur dans la liste.');
    });

    it('keeps at least one active administrator', async () => {
      const { items } = (await admin_({ method: 'GET', url: '/api/users' })).body as { items: UserView[] };
      const activeAdmins = items.filter((u) => u.active && u.roles.some((r) => r.role === 'admin'));
      // Demote every other admin of this (possibly shared) database first, then try the last one.
      const last = activeAdmins.find((u) => u.id === users.admin.id)!;
      const others = activeAdmins.filter((u) => u.id !== users.admin.id);
      for (const other of others) {
        const body = { active: false, reason: 'Test du dernier administrateur' };
        expect((await admin_({ method: 'PATCH', url: `/api/users/${other.id}`, body })).status).toBe(200);
      }
      const demote = await admin_({
        method: 'PATCH',
        url: `/api/users/${last.id}`,
        body: { roles: [{ role: 'viewer' }], reason: 'Test' },
      });
      expect(demote.status).toBe(409);
      expect(demote.body.error.code).toBe('LAST_ADMIN');
      const deactivate = await admin_({
        method: 'PATCH',
        url: `/api/users/${last.id}`,
        body: { active: false, reason: 'Test' },
      });
      expect(deactivate.status).toBe(409);
      for (const other of others) {
        expect((await admin_({ method: 'PATCH', url: `/api/users/${other.id}`, body: { active: true } })).status).toBe(
          200,
        );
      }
    });

    it('replaces the roles: a session under a withdrawn role stops working', async () => {
      const created = await newUser('promoted', [{ role: 'viewer' }, { role: 'instructor' }]);
      const asInstructor = await loginAs('promoted', { role: 'instructor' });
      const patched = await admin_({
        method: 'PATCH',
        url: `/api/users/${created.body.id}`,
        body: { roles: [{ role: 'viewer' }, { role: 'committee_secretary' }], reason: 'Nouvelle affectation' },
      });
      expect(patched.status).toBe(200);
      expect(patched.body.roles.map((r: { role: string }) => r.role).sort()).toEqual(['committee_secretary', 'viewer']);
      expect((await me(asInstructor)).status).toBe(401);
      expect((await loginAs('promoted', { role: 'committee_secretary' })).role).toBe('committee_secretary');
      const refused = await attempt({ email: email('promoted'), password: PASSWORD, role: 'instructor' });
      expect(refused.status).toBe(403);
    });

    it('deactivation ends the user’s sessions and tokens and refuses their login', async () => {
      // Created by the system (a password an administrator chose would first have to be changed).
      const created = {
        body: await t.app.get(UsersService).create({
          email: email('leaver'),
          displayName: 'Test leaver',
          password: PASSWORD,
          roles: [{ role: 'instructor' }],
        }),
      };
      const session = await loginAs('leaver');
      const token = await call(session, {
        method: 'POST',
        url: '/api/auth/tokens',
        body: { name: 'Script', role: 'instructor' },
      });
      expect((await bearer(token.body.token, { method: 'GET', url: '/api/auth/me' })).status).toBe(200);

      const patched = await admin_({
        method: 'PATCH',
        url: `/api/users/${created.body.id}`,
        body: { active: false, reason: 'Départ du service' },
      });
      expect(patched.status).toBe(200);
      expect(patched.body.active).toBe(false);
      expect((await me(session)).status).toBe(401);
      expect((await bearer(token.body.token, { method: 'GET', url: '/api/auth/me' })).status).toBe(401);
      const refused = await attempt({ email: email('leaver'), password: PASSWORD });
      expect(refused.status).toBe(401);
      expect(refused.body.error.message).toBe('Identifiants invalides.');

      // Reactivated, the user logs in again; what was revoked stays revoked.
      const back = await admin_({ method: 'PATCH', url: `/api/users/${created.body.id}`, body: { active: true } });
      expect(back.status).toBe(200);
      expect((await loginAs('leaver')).role).toBe('instructor');
      expect((await me(session)).status).toBe(401);
      expect((await bearer(token.body.token, { method: 'GET', url: '/api/auth/me' })).status).toBe(401);
    });

    it('a password reset ends the sessions and gives a one-time password: the old one fails, the new one works', async () => {
      const created = await newUser('forgetful', [{ role: 'viewer' }]);
      const session = await loginAs('forgetful');
      const reset = await admin_({
        method: 'POST',
        url: `/api/users/${created.body.id}/password`,
        body: { reason: 'Mot de passe oublié (demande par téléphone)' },
      });
      expect(reset.status).toBe(200);
      expect(reset.body).toMatchObject({ reset: true, mustChangePassword: true });
      const temporary: string = reset.body.temporaryPassword;
      expect(temporary.length).toBeGreaterThanOrEqual(12);
      expect((await me(session)).status).toBe(401);
      expect((await attempt({ email: email('forgetful'), password: PASSWORD })).status).toBe(401);
      expect((await loginAs('forgetful', { password: temporary })).role).toBe('viewer');
      const noReason = await admin_({ method: 'POST', url: `/api/users/${created.body.id}/password`, body: {} });
      expect(noReason.status).toBe(422);
      expect(noReason.body.error.details.fields[0]).toMatchObject({ field: 'reason' });
    });

    it('only an administrator manages users (403 for the others)', async () => {
      const instructor = await loginAs('instructor');
      expect((await call(instructor, { method: 'GET', url: '/api/users' })).status).toBe(403);
      const created = await call(instructor, {
        method: 'POST',
        url: '/api/users',
        body: { email: email('sneaky'), displayName: 'Sneaky', password: PASSWORD, roles: [{ role: 'admin' }] },
      });
      expect(created.status).toBe(403);
    });
  });

  describe('the journal records the real actor', () => {
    it('session and token actions carry the user’s id, role and credential; the chain stays valid', async () => {
      const session = await loginAs('instructor');
      const [{ id: sessionId }] = await t.dataSource.query('SELECT id FROM auth_credential WHERE secret_hash = $1', [
        sha256(session.secret),
      ]);
      const created = await call(session, { method: 'POST', url: '/api/dossiers', body: newDossierBody() });
      expect(created.status).toBe(201);
      const dossierId: string = created.body.id;
      const submitted = await call(session, {
        method: 'POST',
        url: `/api/dossiers/${dossierId}/events`,
        body: { type: 'SUBMIT' },
      });
      expect(submitted.status).toBe(200);

      const token = await call(session, {
        method: 'POST',
        url: '/api/auth/tokens',
        body: { name: 'Journal', role: 'instructor' },
      });
      const viaToken = await bearer(token.body.token, {
        method: 'POST',
        url: `/api/dossiers/${dossierId}/events`,
        body: { type: 'REQUEST_COMPLEMENTS', reason: 'Comptes annuels 2025', dueDate: '2027-06-30' },
      });
      expect(viaToken.status).toBe(200);

      const journal = await call(session, { method: 'GET', url: `/api/dossiers/${dossierId}/journal` });
      expect(journal.status).toBe(200);
      const actor = { actorId: users.instructor.id, actorRole: 'instructor' };
      expect(journal.body.items).toEqual([
        expect.objectContaining({ seq: 1, type: 'DOSSIER_CREATED', ...actor, actorCredential: `session:${sessionId}` }),
        expect.objectContaining({ seq: 2, type: 'TRANSITION', ...actor, actorCredential: `session:${sessionId}` }),
        expect.objectContaining({ seq: 3, type: 'TRANSITION', ...actor, actorCredential: `token:${token.body.id}` }),
      ]);
      const verify = await call(session, { method: 'GET', url: `/api/dossiers/${dossierId}/journal/verify` });
      expect(verify.status).toBe(200);
      expect(verify.body).toMatchObject({ valid: true, entries: 3, firstBrokenSeq: null });
    });
  });
});

describe('Login throttling per address (LOGIN_MAX_FAILURES_PER_IP=3)', () => {
  let t: TestApp;
  const ip = randomLoopbackAddress();
  const otherIp = randomLoopbackAddress();

  beforeAll(async () => {
    t = await startTestApp({
      env: { ALLOW_DEV_IDENTITY: 'false', LOGIN_MAX_FAILURES_PER_IP: '3', LOGIN_MAX_FAILURES_PER_ACCOUNT: '100' },
    });
    await t.app.get(UsersService).create({
      email: email('perip'),
      displayName: 'Per IP',
      password: PASSWORD,
      roles: [{ role: 'viewer' }],
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('locks the address after failures on different accounts, not the others, and lifts after the window', async () => {
    const attempt = (body: Record<string, unknown>, from = ip) =>
      httpCall(t, { method: 'POST', url: '/api/auth/login', body, localAddress: from });
    for (let i = 0; i < 3; i++) {
      expect((await attempt({ email: email(`unknown${i}`), password: PASSWORD })).status).toBe(401);
    }
    const locked = await attempt({ email: email('perip'), password: PASSWORD });
    expect(locked.status).toBe(429);
    expect(locked.body.error.code).toBe('TOO_MANY_REQUESTS');
    expect(Number(locked.headers['retry-after'])).toBe(t.config.loginWindowMs / 1000);

    expect((await attempt({ email: email('perip'), password: PASSWORD }, otherIp)).status).toBe(200);

    t.clock.current = new Date(t.clock.current.getTime() + t.config.loginWindowMs + 1000);
    expect((await attempt({ email: email('perip'), password: PASSWORD })).status).toBe(200);
  });
});
