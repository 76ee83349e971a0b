/**
 * Issue 16, identity: API tokens that cannot perpetuate themselves (no token from a
 * token, an expiry always, a recent authentication to create one), login throttling that
 * does not lock the legitimate user out (per account and address, per address, and only a
 * slowdown per account), X-Forwarded-For believed from the configured proxies only, and
 * password hashing with bounded concurrency. Real sessions, no development headers;
 * addresses are loopback addresses of the run's own (a shared database stays usable).
 */
import { Reauthentication1795462000000 } from '../../migrations/1795462000000-Reauthentication.js';
import { UsersService } from '../../src/identity/users.service.js';
import {
  callInSession,
  httpCall,
  login,
  randomLoopbackAddress,
  startTestApp,
  uniqueWord,
  type HttpCall,
  type Session,
  type TestApp,
} from '../support/test-app.js';

const RUN = uniqueWord('run');
const PASSWORD = 'correct horse battery staple';
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const email = (name: string) => `${name}.${RUN}@hardening.test`;

async function createUser(t: TestApp, name: string) {
  return t.app.get(UsersService).create({
    email: email(name),
    displayName: `Test ${name}`,
    password: PASSWORD,
    roles: [{ role: 'instructor' }],
  });
}

describe('API tokens (issue 16)', () => {
  let t: TestApp;
  const ip = randomLoopbackAddress();
  const advance = (ms: number) => {
    t.clock.current = new Date(t.clock.current.getTime() + ms);
  };
  const newToken = (session: Session, body: Record<string, unknown> = {}) =>
    callInSession(t, session, {
      method: 'POST',
      url: '/api/auth/tokens',
      body: { name: 'Export', role: 'instructor', ...body },
    });

  beforeAll(async () => {
    t = await startTestApp({ env: { ALLOW_DEV_IDENTITY: 'false' } });
    await createUser(t, 'owner');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('expires after 90 days by default, after expiresInDays when given, and refuses more than 365 (422)', async () => {
    const session = await login(t, email('owner'), PASSWORD, { localAddress: ip });
    const byDefault = await newToken(session);
    expect(byDefault.status).toBe(201);
    expect(new Date(byDefault.body.expiresAt).getTime()).toBe(t.clock.now().getTime() + 90 * DAY);
    const year = await newToken(session, { expiresInDays: 365 });
    expect(new Date(year.body.expiresAt).getTime()).toBe(t.clock.now().getTime() + 365 * DAY);
    const tooLong = await newToken(session, { expiresInDays: 366 });
    expect(tooLong.status).toBe(422);
    expect(tooLong.body.error.details.fields).toEqual([
      { field: 'expiresInDays', messages: ['La durée de validité ne doit pas dépasser 365 jours.'] },
    ]);
    const [row] = await t.dataSource.query('SELECT expires_at FROM auth_credential WHERE id = $1', [byDefault.body.id]);
    expect(new Date(row.expires_at).getTime()).toBe(t.clock.now().getTime() + 90 * DAY);
  });

  it('a token cannot create a token (403, French message)', async () => {
    const session = await login(t, email('owner'), PASSWORD, { localAddress: ip });
    const token = (await newToken(session)).body.token as string;
    for (const body of [
      { name: 'Relais', role: 'instructor' },
      { name: 'Relais', role: 'instructor', password: PASSWORD },
    ]) {
      const refused = await httpCall(t, {
        method: 'POST',
        url: '/api/auth/tokens',
        headers: { authorization: `Bearer ${token}` },
        body,
        localAddress: ip,
      });
      expect(refused.status).toBe(403);
      expect(refused.body.error).toMatchObject({
        code: 'FORBIDDEN',
        details: { reason: 'TOKEN_CANNOT_CREATE_TOKEN' },
        message: expect.stringContaining('Un jeton d’API ne peut pas créer de jeton'),
      });
    }
  });

  it('needs an authentication less than five minutes old, or the password again', async () => {
    const session = await login(t, email('owner'), PASSWORD, { localAddress: ip });
    advance(5 * MINUTE);
    const stale = await newToken(session);
    expect(stale.status).toBe(403);
    expect(stale.body.error.details).toEqual({ reason: 'REAUTHENTICATION_REQUIRED' });
    const wrong = await newToken(session, { password: 'not the password' });
    expect(wrong.status).toBe(403);
    expect(wrong.body.error).toMatchObject({
      details: { reason: 'REAUTHENTICATION_FAILED' },
      message: 'Mot de passe incorrect : votre identité n’est pas confirmée.',
    });
    const confirmed = await newToken(session, { password: PASSWORD });
    expect(confirmed.status).toBe(201);
    expect(JSON.stringify(confirmed.body)).not.toContain(PASSWORD);
    // The confirmation counts as a fresh authentication for the next five minutes.
    advance(4 * MINUTE);
    expect((await newToken(session)).status).toBe(201);
    advance(t.config.loginWindowMs + 1000);
  });

  it('the migration gives a token without expiry one: its creation + 90 days', async () => {
    const runner = t.dataSource.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    try {
      const migration = new Reauthentication1795462000000();
      await migration.down(runner);
      const createdAt = new Date('2026-01-10T08:00:00Z');
      const [row] = await runner.query(
        `INSERT INTO auth_credential (kind, secret_hash, user_id, role, name, created_at, last_used_at)
         SELECT 'token', $1, id, 'instructor', 'Ancien', $2, $2 FROM app_user WHERE email = $3 RETURNING id`,
        ['f'.repeat(64), createdAt, email('owner')],
      );
      await migration.up(runner);
      const [migrated] = await runner.query('SELECT expires_at FROM auth_credential WHERE id = $1', [row.id]);
      expect(new Date(migrated.expires_at).getTime()).toBe(createdAt.getTime() + 90 * DAY);
      await expect(
        runner.query(`UPDATE auth_credential SET expires_at = NULL WHERE id = $1`, [row.id]),
      ).rejects.toThrow(/CHK_auth_credential_token_expires/);
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  });
});

describe('Login throttling that does not lock the user out (issue 16)', () => {
  let t: TestApp;
  const attacker = randomLoopbackAddress();
  const user = randomLoopbackAddress();
  const attempt = (name: string, password: string, from: string) =>
    httpCall(t, { method: 'POST', url: '/api/auth/login', body: { email: email(name), password }, localAddress: from });

  beforeAll(async () => {
    t = await startTestApp({ env: { ALLOW_DEV_IDENTITY: 'false' } });
    await createUser(t, 'target');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('failures from one address lock that (account, address) pair, not the user at another address — only slowed', async () => {
    const max = t.config.loginMaxFailuresPerAccount;
    for (let i = 0; i < max; i++) expect((await attempt('target', `guess ${i}`, attacker)).status).toBe(401);
    const locked = await attempt('target', PASSWORD, attacker);
    expect(locked.status).toBe(429);
    expect(Number(locked.headers['retry-after'])).toBe(t.config.loginWindowMs / 1000);
    expect(locked.body.error.message).toBe('Trop de tentatives de connexion : réessayez plus tard.');

    const started = Date.now();
    const legitimate = await attempt('target', PASSWORD, user);
    const took = Date.now() - started;
    expect(legitimate.status).toBe(200);
    // Slowed, not blocked: max failures on the account make the next attempt wait.
    expect(took).toBeGreaterThanOrEqual(Math.min(t.config.loginSlowdownMaxMs, 1000) - 50);
    // The attacker's address is still refused for this account.
    expect((await attempt('target', PASSWORD, attacker)).status).toBe(429);
    t.clock.current = new Date(t.clock.current.getTime() + t.config.loginWindowMs + 1000);
  });
});

describe('X-Forwarded-For from TRUST_PROXY only, per-address limit (issue 16)', () => {
  let t: TestApp;
  const proxy = randomLoopbackAddress();
  const stranger = randomLoopbackAddress();
  const attempt = (from: string, forwardedFor: string, password = 'wrong password') =>
    httpCall(t, {
      method: 'POST',
      url: '/api/auth/login',
      body: { email: email('behindproxy'), password },
      headers: { 'x-forwarded-for': forwardedFor },
      localAddress: from,
    });

  beforeAll(async () => {
    t = await startTestApp({
      env: { ALLOW_DEV_IDENTITY: 'false', TRUST_PROXY: proxy, LOGIN_MAX_FAILURES_PER_IP: '3' },
    });
    await createUser(t, 'behindproxy');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('behind the trusted proxy, each client address has its own limit', async () => {
    // Addresses of the run's own: earlier runs on a shared database left theirs in the window.
    const [client, other] = [
      randomLoopbackAddress().replace(/^127\./, '10.'),
      randomLoopbackAddress().replace(/^127\./, '10.'),
    ];
    for (let i = 0; i < 3; i++) expect((await attempt(proxy, client)).status).toBe(401);
    expect((await attempt(proxy, client, PASSWORD)).status).toBe(429);
    expect((await attempt(proxy, other, PASSWORD)).status).toBe(200);
    const [row] = await t.dataSource.query('SELECT count(*)::int AS n FROM login_failure WHERE ip = $1', [client]);
    expect(row.n).toBe(3);
  });

  it('from any other address, X-Forwarded-For is not believed: the peer address is counted', async () => {
    for (let i = 0; i < 3; i++) expect((await attempt(stranger, `198.51.100.${i + 1}`)).status).toBe(401);
    const spoofed = await attempt(stranger, '198.51.100.99', PASSWORD);
    expect(spoofed.status).toBe(429);
    const [row] = await t.dataSource.query('SELECT count(*)::int AS n FROM login_failure WHERE ip = $1', [stranger]);
    expect(row.n).toBe(3);
    t.clock.current = new Date(t.clock.current.getTime() + t.config.loginWindowMs + 1000);
  });
});

describe('Password hashing with bounded concurrency (issue 16)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({
      env: { ALLOW_DEV_IDENTITY: 'false', PASSWORD_HASH_CONCURRENCY: '1', PASSWORD_HASH_QUEUE: '1' },
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('beyond the queue, a login is answered 429 at once and is not counted as a failure', async () => {
    const calls: HttpCall[] = Array.from({ length: 8 }, (_, i) => ({
      method: 'POST',
      url: '/api/auth/login',
      // Distinct accounts (unknown ones are verified against a dummy hash all the same), so
      // that no per-account slowdown spreads the flood out.
      body: { email: email(`flood${i}`), password: `flood ${i}` },
      localAddress: randomLoopbackAddress(),
    }));
    const answers = await Promise.all(calls.map((call) => httpCall(t, call)));
    const busy = answers.filter((answer) => answer.status === 429);
    expect(busy.length).toBeGreaterThan(0);
    for (const answer of busy) {
      expect(answer.body.error.message).toBe('Trop de connexions en cours : réessayez dans un instant.');
      expect(answer.headers['retry-after']).toBe('1');
    }
    const checked = answers.filter((answer) => answer.status === 401).length;
    expect(checked + busy.length).toBe(calls.length);
    const [row] = await t.dataSource.query('SELECT count(*)::int AS n FROM login_failure WHERE email LIKE $1', [
      `flood%.${RUN}@hardening.test`,
    ]);
    expect(row.n).toBe(checked);
    t.clock.current = new Date(t.clock.current.getTime() + t.config.loginWindowMs + 1000);
  });
});
