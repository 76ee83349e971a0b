/**
 * Hostile input against the production build on a fresh server database holding the demo
 * data: property-based fuzzing (fast-check) of every route of the committed OpenAPI
 * document (`openapi/openapi.json`) with valid, broken and raw bodies, hostile path values,
 * query strings and headers, under each role's real session and without one. Every answer
 * must be below 500, a 4xx (and any GET) must change nothing — no row of any table, no
 * file of the data folder — and no answer may give a stored script back unescaped
 * (test/reliability/support/fuzzer.ts). Then the targeted attacks: path traversal and
 * oversize on the upload, session fixation, cross-site request forgery, prototype keys and
 * deep JSON on every JSON route, and a sweep of every GET route for the scripts stored
 * beforehand through valid requests (names, reasons, labels, file names; the e-mails
 * rendered from them included).
 *
 * Seeded from RELIABILITY_SEED when set (the seed is printed with any failure);
 * RELIABILITY_FUZZ_RUNS sets the number of generated requests.
 */
import fc from 'fast-check';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROLES, type Role } from '../../src/common/actor.js';
import { samplePdf } from '../../src/demo/sample-pdf.js';
import {
  assertBuilt,
  killAllAppProcesses,
  readyUrl,
  startAppProcess,
  stopGracefully,
  type AppProcess,
} from '../support/app-process.js';
import { uniqueSiren } from '../support/test-app.js';
import { cookieValue, login, send, sessionHeaders, type Session } from './support/client.js';
import {
  createDatabase,
  DEMO_PASSWORD,
  demoEmail,
  seedDemoAccounts,
  withClient,
  type ServerDatabase,
} from './support/databases.js';
import { Figures } from './support/figures.js';
import { multipart, sendRaw, setCookies, StateFingerprint, type Part, type RawRequest } from './support/fuzz-target.js';
import { Fuzzer } from './support/fuzzer.js';
import {
  brokenValue,
  hostileHeaders,
  pathValue,
  propertyNames,
  queryPairs,
  rawBody,
  schemaValue,
  SCRIPT_PAYLOADS,
  UNESCAPED_SCRIPT,
} from './support/hostile.js';
import { components, OPERATIONS, type Operation } from './support/openapi-operations.js';
import { storeScripts } from './support/stored-scripts.js';
import { signingKeyIn } from './support/signing-key.js';

const RUNS = Number(process.env.RELIABILITY_FUZZ_RUNS ?? 2500);
const SEED = Number(process.env.RELIABILITY_SEED ?? Math.floor(Math.random() * 2 ** 31));
const DOCUMENT_MAX_BYTES = 65_536;

/** The demo account of each role (their sessions are the fuzzer's identities). */
const ACCOUNTS: Record<Role, string> = {
  instructor: 'instructeur',
  committee_member: 'comite.service',
  committee_secretary: 'secretaire',
  elected_official: 'elu.signataire',
  admin: 'admin',
  viewer: 'lecteur',
};

/** Besides the roles: no credential, the development headers (refused in production), forged credentials. */
const OTHER_IDENTITIES = ['anonymous', 'dev-headers', 'bad-bearer', 'no-csrf', 'forged-cookie'] as const;
type Identity = Role | (typeof OTHER_IDENTITIES)[number];

type Body = { kind: 'none' } | { kind: 'json'; value: unknown } | { kind: 'raw'; text: string; contentType?: string };

interface Case {
  operation: Operation;
  identity: Identity;
  params: Record<string, string>;
  encode: boolean;
  query: [string, string][];
  headers: Record<string, string>;
  body: Body;
}

/** A URL component, even from a string with lone surrogates (sent as U+FFFD). */
const encode = (value: string) => encodeURIComponent(Buffer.from(value, 'utf8').toString('utf8'));

describe('Hostile input', () => {
  const figures = new Figures('4. hostile input');
  let database: ServerDatabase;
  let dataDir: string;
  let child: AppProcess;
  let baseUrl: string;
  let state: StateFingerprint;
  let fuzzer: Fuzzer;
  const sessions = {} as Record<Role, Session>;
  /** Known ids per path parameter (and per route family for `id`). */
  const pools: Record<string, string[]> = {};

  beforeAll(async () => {
    assertBuilt();
    dataDir = mkdtempSync(join(tmpdir(), 'scic-rel-fuzz-'));
    database = await createDatabase('fuzz');
    await seedDemoAccounts(database.url, dataDir);
    const env = {
      NODE_ENV: 'production',
      DATABASE_URL: database.url,
      DATA_DIR: dataDir,
      JOURNAL_SIGNING_KEY_FILE: signingKeyIn(dataDir),
    };

    // First, with the workers on: scripts stored through valid requests, and the e-mails
    // rendered from them.
    const storing = startAppProcess({ ...env, OUTBOX_POLL_MS: '100' });
    await storeScripts(await readyUrl(storing), database.url);
    expect(await stopGracefully(storing)).toBe(0);

    // The fuzzed instance: no worker changes the state behind the fingerprint's back; a
    // small document limit; the login throttle out of the way of the fuzzer's own logins.
    child = startAppProcess({
      ...env,
      WORKERS_ENABLED: 'false',
      DOCUMENT_MAX_BYTES: String(DOCUMENT_MAX_BYTES),
      LOGIN_MAX_FAILURES_PER_ACCOUNT: '1000',
      LOGIN_MAX_FAILURES_PER_IP: '10000',
    });
    baseUrl = await readyUrl(child);
    for (const role of ROLES) sessions[role] = await login(baseUrl, demoEmail(ACCOUNTS[role]), DEMO_PASSWORD);
    await collectPools();
    state = await StateFingerprint.open(database.url, [dataDir]);
    fuzzer = new Fuzzer(baseUrl, child, state, figures);
  });

  afterAll(async () => {
    await state?.close();
    await killAllAppProcesses();
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
    figures.save();
  });

  async function collectPools(): Promise<void> {
    const get = async (role: Role, path: string) => {
      const answer = await send(baseUrl, { method: 'GET', path, headers: sessionHeaders(sessions[role], 'GET') });
      return answer.kind === 'answer' && answer.status === 200 ? answer.body : undefined;
    };
    const ids = (value: unknown, key = 'id'): string[] =>
      !value || typeof value !== 'object'
        ? []
        : Object.entries(value).flatMap(([name, child]) =>
            name === key && typeof child === 'string' ? [child] : ids(child, key),
          );
    const own = new Set(Object.values(sessions).map((session) => session.userId));
    pools.dossiers = ids((await get('admin', '/api/dossiers?pageSize=100'))?.items);
    pools.docId = (
      await Promise.all(pools.dossiers.map((id) => get('admin', `/api/dossiers/${id}/documents`)))
    ).flatMap((list) => ids(list?.items));
    // Accounts the fuzzer does not log in with: deactivating one must not end the run.
    pools.users = ids(await get('admin', '/api/users')).filter((id) => !own.has(id));
    pools.sessionId = ids(await get('admin', '/api/committee/sessions'));
    pools.seatId = ids(await get('admin', '/api/committee/members?includeEnded=true'));
    pools.notifications = (await Promise.all(ROLES.map((role) => get(role, '/api/notifications')))).flatMap((list) =>
      ids(list),
    );
    pools.outbox = ids(await get('admin', '/api/admin/outbox'));
    pools.tokenId = [];
    for (const role of ROLES) {
      const token = await send(baseUrl, {
        method: 'POST',
        path: '/api/auth/tokens',
        headers: sessionHeaders(sessions[role], 'POST'),
        body: { name: `jeton ${role}`, role },
      });
      if (token.kind === 'answer' && token.status === 201) pools.tokenId.push(token.body.id);
    }
    pools.year = ['2026', '2027'];
    for (const kind of ['services', 'orientations', 'markers', 'thresholds'])
      pools[`code:${kind}`] = ids(await get('admin', `/api/referentials/${kind}`), 'code');
  }

  function poolFor(path: string, param: string): string[] {
    if (param === 'id') {
      if (path.startsWith('/api/users/')) return pools.users;
      if (path.startsWith('/api/notifications/')) return pools.notifications;
      if (path.startsWith('/api/admin/outbox/')) return pools.outbox;
      return pools.dossiers;
    }
    if (param === 'code') return pools[`code:${path.split('/')[3]}`] ?? [];
    return pools[param] ?? [];
  }

  function identityHeaders(identity: Identity, method: string): Record<string, string> {
    switch (identity) {
      case 'anonymous':
        return {};
      case 'dev-headers':
        return { 'x-dev-user': 'admin', 'x-dev-role': 'admin' };
      case 'bad-bearer':
        return { authorization: `Bearer scic_${'x'.repeat(43)}` };
      case 'no-csrf':
        return { cookie: `scic_session=${sessions.instructor.cookie}` };
      case 'forged-cookie':
        return { cookie: `scic_session=sess_${'f'.repeat(43)}`, 'x-csrf-token': `csrf_${'f'.repeat(43)}` };
      default:
        return sessionHeaders(sessions[identity], method);
    }
  }

  function build(c: Case): RawRequest {
    const path = c.operation.path.replace(/\{(\w+)\}/g, (_, name: string) =>
      c.encode ? encode(c.params[name] ?? '') : (c.params[name] ?? ''),
    );
    const query = c.query.map(([key, value]) => `${encode(key)}=${encode(value)}`).join('&');
    const body =
      c.body.kind === 'json'
        ? { text: JSON.stringify(c.body.value) ?? 'null', contentType: 'application/json' }
        : c.body.kind === 'raw'
          ? { text: c.body.text, contentType: c.body.contentType ?? 'application/json' }
          : undefined;
    return {
      method: c.operation.method,
      path: query ? `${path}?${query}` : path,
      headers: {
        ...identityHeaders(c.identity, c.operation.method),
        ...(body ? { 'content-type': body.contentType } : {}),
        ...c.headers,
      },
      body: body?.text,
    };
  }

  /** A session the run itself ended (logout, a role switched) is opened again. */
  async function keepSession(identity: Identity, path: string, status: number): Promise<void> {
    if (!(ROLES as readonly string[]).includes(identity)) return;
    const role = identity as Role;
    if (status >= 200 && status < 300 && !/\/auth\/(logout|role)$/.test(path.split('?')[0])) return;
    const me = await sendRaw(baseUrl, {
      method: 'GET',
      path: '/api/auth/me',
      headers: sessionHeaders(sessions[role], 'GET'),
    });
    if (me?.status === 200 && me.body?.role === role) return;
    sessions[role] = await login(baseUrl, demoEmail(ACCOUNTS[role]), DEMO_PASSWORD);
    fuzzer.rebase();
  }

  const caseArbitrary: fc.Arbitrary<Case> = fc.constantFrom(...OPERATIONS).chain((operation) => {
    const params: Record<string, fc.Arbitrary<string>> = {};
    for (const name of operation.pathParams) params[name] = pathValue(poolFor(operation.path, name));
    const schema = operation.bodySchema;
    const body: fc.Arbitrary<Body> = schema
      ? fc.oneof(
          { weight: 3, arbitrary: schemaValue(schema, components).map((value): Body => ({ kind: 'json', value })) },
          {
            weight: 4,
            arbitrary: brokenValue(schemaValue(schema, components), propertyNames(schema, components)).map(
              (value): Body => ({ kind: 'json', value }),
            ),
          },
          { weight: 1, arbitrary: rawBody.map((raw): Body => ({ kind: 'raw', ...raw })) },
        )
      : fc.oneof(
          { weight: 3, arbitrary: fc.constant<Body>({ kind: 'none' }) },
          { weight: 1, arbitrary: rawBody.map((raw): Body => ({ kind: 'raw', ...raw })) },
        );
    return fc.record({
      operation: fc.constant(operation),
      // Mostly a role the route admits (to reach its handler), else any role or none.
      identity: fc.oneof(
        { weight: 5, arbitrary: fc.constantFrom<Identity>(...(operation.roles.length ? operation.roles : ROLES)) },
        { weight: 2, arbitrary: fc.constantFrom<Identity>(...ROLES) },
        { weight: 1, arbitrary: fc.constantFrom<Identity>(...OTHER_IDENTITIES) },
      ),
      params: fc.record(params),
      encode: fc.oneof({ weight: 5, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
      query: queryPairs(operation.queryParams),
      headers: fc.oneof({ weight: 3, arbitrary: fc.constant({}) }, { weight: 1, arbitrary: hostileHeaders }),
      body,
    });
  });

  const label = (c: Case) =>
    `${c.operation.method} ${c.operation.path} as ${c.identity} (seed ${SEED}): ` +
    JSON.stringify({ params: c.params, query: c.query, headers: c.headers, body: c.body }).slice(0, 300);

  it(`answers ${RUNS} generated requests on every route with no 5xx, no change on a 4xx, no unescaped script`, async () => {
    const mark = fuzzer.violations.length;
    await fc.assert(
      fc.asyncProperty(caseArbitrary, async (c) => {
        const request = build(c);
        const answer = await fuzzer.probe(request, label(c));
        if (answer) await keepSession(c.identity, request.path, answer.status);
        return true;
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
    expect({ seed: SEED, violations: fuzzer.since(mark) }).toEqual({ seed: SEED, violations: [] });
  });

  it('refuses prototype keys and deeply nested JSON on every JSON route, and changes nothing', async () => {
    const mark = fuzzer.violations.length;
    const bodies = [
      '{"__proto__":{"polluted":true,"role":"admin"}}',
      '{"constructor":{"prototype":{"polluted":true}}}',
      '{"a":'.repeat(50_000) + '1' + '}'.repeat(50_000),
      '['.repeat(50_000) + ']'.repeat(50_000),
    ];
    const accepted: string[] = [];
    for (const operation of OPERATIONS.filter((candidate) => candidate.bodySchema)) {
      const path = operation.path.replace(/\{(\w+)\}/g, (_, name: string) => poolFor(operation.path, name)[0] ?? 'x');
      for (const role of ['admin', 'instructor', 'committee_secretary', 'committee_member'] as const)
        for (const body of bodies) {
          const what = `${operation.method} ${operation.path} as ${role} with ${body.slice(0, 40)}`;
          const answer = await fuzzer.probe(
            {
              method: operation.method,
              path,
              headers: { ...sessionHeaders(sessions[role], operation.method), 'content-type': 'application/json' },
              body,
            },
            what,
          );
          if (answer!.status < 400) accepted.push(`${what} → ${answer!.status}`);
        }
    }
    expect(accepted).toEqual([]);
    expect(fuzzer.since(mark)).toEqual([]);
  });

  it('refuses path traversal and oversize uploads, and stores nothing outside the documents folder', async () => {
    const mark = fuzzer.violations.length;
    const dossierId = pools.dossiers[0];
    const targets = [
      '/tmp/scic-rel-pwned.pdf',
      join(dataDir, 'scic-rel-pwned.pdf'),
      join(dataDir, '..', 'scic-rel-pwned.pdf'),
    ];
    const names = [
      '../../../../../../tmp/scic-rel-pwned.pdf',
      '..\\..\\..\\..\\scic-rel-pwned.pdf',
      '/tmp/scic-rel-pwned.pdf',
      '....//....//scic-rel-pwned.pdf',
      '%2e%2e%2f%2e%2e%2fscic-rel-pwned.pdf',
      'documents/../../scic-rel-pwned.pdf',
      'scic-rel-pwned.pdf\u0000.png',
      '\u202Efdp.exe',
      '.htaccess',
      'CON',
      `${'a'.repeat(1_000)}.pdf`,
    ];
    const upload = async (parts: Part[], what: string) => {
      const form = multipart(parts);
      return fuzzer.probe(
        {
          method: 'POST',
          path: `/api/dossiers/${dossierId}/documents`,
          headers: { ...sessionHeaders(sessions.instructor, 'POST'), 'content-type': form.contentType },
          body: form.body,
        },
        `upload ${what}`,
      );
    };
    for (const [index, fileName] of names.entries()) {
      const answer = await upload(
        [
          { name: 'type', value: 'OTHER' },
          { name: 'file', fileName, content: samplePdf(`traversal ${index}`) },
        ],
        `named ${JSON.stringify(fileName)}`,
      );
      // Refused, or kept under a cleaned name: no folder, no leading dot, no control character.
      expect(answer!.status === 201 || (answer!.status >= 400 && answer!.status < 500)).toBe(true);
      if (answer!.status === 201) expect(answer!.body.fileName).not.toMatch(/[/\\\u0000-\u001f\u202e]|^\.|\.\./);
    }
    for (const [field, value] of [
      ['type', '../../../etc/passwd'],
      ['replaces', '../../../etc/passwd'],
      ['label', 'x'.repeat(100_000)],
    ]) {
      const file = { name: 'file', fileName: 'piece.pdf', content: samplePdf(`field ${field}`) };
      const fields =
        field === 'type'
          ? [{ name: 'type', value }]
          : [
              { name: 'type', value: 'OTHER' },
              { name: field, value },
            ];
      const answer = await upload([...fields, file], `with ${field}=${value.slice(0, 30)}`);
      expect(answer!.status).toBeGreaterThanOrEqual(400);
    }
    // Oversize: refused while it streams in, nothing left in the folder.
    const big = Buffer.concat([samplePdf('big'), Buffer.alloc(DOCUMENT_MAX_BYTES * 3, 0x20)]);
    const oversize = await upload(
      [
        { name: 'type', value: 'OTHER' },
        { name: 'file', fileName: 'gros.pdf', content: big },
      ],
      'oversize',
    );
    expect([413, 0]).toContain(oversize!.status);
    if (oversize!.status) expect(oversize!.body.error.code).toBe('DOCUMENT_TOO_LARGE');
    // Contents that are not what their name says, and broken forms.
    const stored: string[] = [];
    for (const [what, parts] of [
      [
        'HTML named .pdf',
        [
          { name: 'type', value: 'OTHER' },
          { name: 'file', fileName: 'a.pdf', content: Buffer.from(`<html>${SCRIPT_PAYLOADS[0]}</html>`) },
        ],
      ],
      [
        'SVG named .png',
        [
          { name: 'type', value: 'OTHER' },
          {
            name: 'file',
            fileName: 'a.png',
            content: Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" onload="rel_xss()"/>`),
          },
        ],
      ],
      ['no file', [{ name: 'type', value: 'OTHER' }]],
      [
        'two files',
        [
          { name: 'type', value: 'OTHER' },
          { name: 'file', fileName: 'a.pdf', content: samplePdf('a') },
          { name: 'file', fileName: 'b.pdf', content: samplePdf('b') },
        ],
      ],
    ] as [string, Part[]][]) {
      const answer = await upload(parts, what);
      if (answer!.status === 201)
        stored.push(`${what}: stored as ${answer!.body.contentType} ${answer!.body.fileName}`);
    }
    expect(stored).toEqual([]);
    const asViewer = multipart([
      { name: 'type', value: 'OTHER' },
      { name: 'file', fileName: 'v.pdf', content: samplePdf('viewer') },
    ]);
    const refused = await fuzzer.probe(
      {
        method: 'POST',
        path: `/api/dossiers/${dossierId}/documents`,
        headers: { ...sessionHeaders(sessions.viewer, 'POST'), 'content-type': asViewer.contentType },
        body: asViewer.body,
      },
      'upload as viewer',
    );
    expect(refused!.status).toBe(403);
    for (const target of targets) expect(existsSync(target)).toBe(false);
    expect(fuzzer.since(mark)).toEqual([]);
  });

  it('does not let a client fix the session id, and ends sessions at logout', async () => {
    const mark = fuzzer.violations.length;
    const loginWith = (account: string, cookie?: string) =>
      fuzzer.probe(
        {
          method: 'POST',
          path: '/api/auth/login',
          headers: { 'content-type': 'application/json', ...(cookie ? { cookie: `scic_session=${cookie}` } : {}) },
          body: JSON.stringify({ email: demoEmail(account), password: DEMO_PASSWORD }),
        },
        `login of ${account}${cookie ? ' with a session cookie set' : ''}`,
      );
    const me = async (cookie: string) =>
      (await fuzzer.probe(
        { method: 'GET', path: '/api/auth/me', headers: { cookie: `scic_session=${cookie}` } },
        'me',
      ))!;

    // A session id the attacker chose is never adopted.
    const chosen = `sess_${'A'.repeat(43)}`;
    const fixed = await loginWith('lecteur', chosen);
    const issued = cookieValue(setCookies(fixed!.headers['set-cookie']), 'scic_session')!;
    expect(issued).toBeDefined();
    expect(issued).not.toBe(chosen);
    expect((await me(chosen)).status).toBe(401);

    // A session the attacker opened and planted stays the attacker's when the victim logs in over it.
    const attacker = cookieValue(setCookies((await loginWith('lecteur'))!.headers['set-cookie']), 'scic_session')!;
    const victim = await loginWith('admin', attacker);
    const victimSession = cookieValue(setCookies(victim!.headers['set-cookie']), 'scic_session')!;
    expect(victimSession).not.toBe(attacker);
    expect((await me(attacker)).body.role).toBe('viewer');
    expect((await me(victimSession)).body.role).toBe('admin');

    // The cookies: HTTP-only session, SameSite, Secure in production; the CSRF cookie readable.
    const cookies = setCookies(victim!.headers['set-cookie']);
    const sessionCookie = cookies.find((line) => line.startsWith('scic_session='))!;
    expect(sessionCookie).toMatch(/HttpOnly/i);
    expect(sessionCookie).toMatch(/SameSite=(Lax|Strict)/i);
    expect(sessionCookie).toMatch(/Secure/i);
    expect(cookies.find((line) => line.startsWith('scic_csrf='))).not.toMatch(/HttpOnly/i);

    // A session id in the query string is not a credential.
    const inQuery = await fuzzer.probe(
      { method: 'GET', path: `/api/auth/me?scic_session=${victimSession}`, headers: {} },
      'session in query',
    );
    expect(inQuery!.status).toBe(401);

    // Logout ends it.
    const csrf = victim!.body.csrfToken;
    const out = await fuzzer.probe(
      {
        method: 'POST',
        path: '/api/auth/logout',
        headers: { cookie: `scic_session=${victimSession}`, 'x-csrf-token': csrf },
      },
      'logout',
    );
    expect(out!.status).toBe(200);
    expect(setCookies(out!.headers['set-cookie']).join()).toMatch(/scic_session=;.*Max-Age=0/i);
    expect((await me(victimSession)).status).toBe(401);
    expect(fuzzer.since(mark)).toEqual([]);
  });

  it('refuses cross-site writes: no CSRF token, another session’s, or one a form could send', async () => {
    const mark = fuzzer.violations.length;
    const victim = sessions.instructor;
    const other = sessions.admin;
    const cookie = `scic_session=${victim.cookie}`;
    const create = JSON.stringify({
      scic: { siren: uniqueSiren(), name: 'SCIC CSRF', legalForm: 'SAS', commune: 'Arras' },
      requestedAmountCents: 1_000_000,
      nominalShareValueCents: 10_000,
    });
    const attempts: [string, RawRequest][] = [
      [
        'no token',
        {
          method: 'POST',
          path: '/api/dossiers',
          headers: { cookie, 'content-type': 'application/json' },
          body: create,
        },
      ],
      [
        'another session’s token',
        {
          method: 'POST',
          path: '/api/dossiers',
          headers: { cookie, 'content-type': 'application/json', 'x-csrf-token': other.csrfToken },
          body: create,
        },
      ],
      [
        'the token as a cookie only (double submit without reading it)',
        {
          method: 'POST',
          path: '/api/dossiers',
          headers: { cookie: `${cookie}; scic_csrf=${victim.csrfToken}`, 'content-type': 'application/json' },
          body: create,
        },
      ],
      [
        'the token in the query string',
        {
          method: 'POST',
          path: `/api/dossiers?csrf=${victim.csrfToken}&x-csrf-token=${victim.csrfToken}`,
          headers: { cookie, 'content-type': 'application/json' },
          body: create,
        },
      ],
      [
        'a form post',
        {
          method: 'POST',
          path: '/api/dossiers',
          headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' },
          body: 'scic[name]=x',
        },
      ],
      [
        'a text/plain post (no preflight)',
        {
          method: 'POST',
          path: '/api/dossiers',
          headers: { cookie, 'content-type': 'text/plain', origin: 'https://evil.example' },
          body: create,
        },
      ],
      [
        'an event without a token',
        {
          method: 'POST',
          path: `/api/dossiers/${pools.dossiers[0]}/events`,
          headers: { cookie, 'content-type': 'application/json' },
          body: '{"type":"CLOSE","reason":"csrf"}',
        },
      ],
      ['a logout without a token', { method: 'POST', path: '/api/auth/logout', headers: { cookie } }],
      [
        'a login form posted from another site (login CSRF)',
        {
          method: 'POST',
          path: '/api/auth/login',
          headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' },
          body: new URLSearchParams({ email: demoEmail('lecteur'), password: DEMO_PASSWORD }).toString(),
        },
      ],
      [
        'a password reset without a token',
        {
          method: 'POST',
          path: `/api/users/${pools.users[0]}/password`,
          headers: { cookie: `scic_session=${other.cookie}`, 'content-type': 'application/json' },
          body: '{"password":"un-mot-de-passe-long"}',
        },
      ],
    ];
    const letThrough: string[] = [];
    for (const [what, request] of attempts) {
      const answer = await fuzzer.probe(request, `CSRF: ${what}`);
      if (![403, 415].includes(answer!.status) || answer!.headers['set-cookie'])
        letThrough.push(`${what} → ${answer!.status} ${answer!.text.slice(0, 200)}`);
    }
    expect(letThrough).toEqual([]);
    // No cross-origin reading either.
    for (const method of ['GET', 'OPTIONS']) {
      const answer = await fuzzer.probe(
        {
          method,
          path: '/api/auth/me',
          headers: { cookie, origin: 'https://evil.example', 'access-control-request-method': 'POST' },
        },
        `CORS ${method}`,
      );
      expect(answer!.headers['access-control-allow-origin']).toBeUndefined();
    }
    // The victim's session is still usable (the attempts neither ended nor changed it).
    expect((await me(victim)).status).toBe(200);
    expect(fuzzer.since(mark)).toEqual([]);
  });

  it('gives the stored scripts back escaped from every GET route, to every role', async () => {
    const mark = fuzzer.violations.length;
    for (const operation of OPERATIONS.filter((candidate) => candidate.method === 'GET'))
      for (const role of ROLES) {
        const combinations = operation.pathParams.length
          ? poolFor(operation.path, operation.pathParams[0]).slice(0, 6)
          : [undefined];
        for (const value of combinations) {
          const path = operation.path.replace(/\{(\w+)\}/g, (_, name: string) =>
            name === operation.pathParams[0] ? value! : (poolFor(operation.path, name)[0] ?? 'x'),
          );
          await fuzzer.probe(
            { method: 'GET', path, headers: sessionHeaders(sessions[role], 'GET') },
            `GET ${path} as ${role}`,
          );
        }
      }
    // The e-mails rendered from them (kept in the database, sent as HTML).
    const html = await withClient(database.url, async (client) => {
      const { rows } = await client.query<{ body_html: string }>('SELECT body_html FROM notification');
      return rows.map((row) => row.body_html);
    });
    expect(html.length).toBeGreaterThan(0);
    expect(html.filter((body) => UNESCAPED_SCRIPT.test(body))).toEqual([]);
    expect(fuzzer.since(mark)).toEqual([]);
  });

  it('leaves every journal chain valid after all that', async () => {
    const dossiers = await send(baseUrl, {
      method: 'GET',
      path: '/api/dossiers?pageSize=100',
      headers: sessionHeaders(sessions.admin, 'GET'),
    });
    const broken: string[] = [];
    for (const { id } of dossiers.kind === 'answer' ? dossiers.body.items : []) {
      const verify = await send(baseUrl, {
        method: 'GET',
        path: `/api/dossiers/${id}/journal/verify`,
        headers: sessionHeaders(sessions.admin, 'GET'),
      });
      if (verify.kind !== 'answer' || !verify.body.valid) broken.push(`${id}: ${JSON.stringify(verify)}`);
      else figures.entriesVerified += verify.body.entries;
    }
    expect(broken).toEqual([]);
    expect(figures.entriesVerified).toBeGreaterThan(0);
  });

  async function me(session: Session) {
    return (await fuzzer.probe(
      { method: 'GET', path: '/api/auth/me', headers: sessionHeaders(session, 'GET') },
      'me',
    ))!;
  }
});
