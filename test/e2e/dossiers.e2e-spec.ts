import { TEST_ORIENTATION } from '../support/analyses.js';
import {
  createDossier,
  newDossierBody,
  sendEvent,
  startTestApp,
  uniqueWord,
  type TestApp,
} from '../support/test-app.js';

describe('Dossiers API', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('creates a dossier in draft with a yearly reference, ETag, French label and allowed events', async () => {
    const body = newDossierBody();
    const response = await t.request({ method: 'POST', url: '/api/dossiers', body });
    expect(response.status).toBe(201);
    expect(response.headers.etag).toBe('"1"');
    expect(response.headers.location).toBe(`/api/dossiers/${response.body.id}`);
    expect(response.body).toMatchObject({
      reference: expect.stringMatching(/^SCIC-2026-\d{4,}$/),
      scic: body.scic,
      requestedAmountCents: 6_000_000,
      nominalShareValueCents: 10_000,
      requestedShares: 600,
      state: 'draft',
      stateLabel: 'Brouillon',
      version: 1,
      allowedEvents: ['SUBMIT', 'WITHDRAW', 'CLOSE'],
    });

    const read = await t.request({ method: 'GET', url: `/api/dossiers/${response.body.id}`, as: 'viewer' });
    expect(read.status).toBe(200);
    expect(read.headers.etag).toBe('"1"');
    // A viewer may send no event.
    expect(read.body.allowedEvents).toEqual([]);
  });

  it('journals the creation with the actor', async () => {
    const dossier = await createDossier(t);
    const journal = await t.request({ method: 'GET', url: `/api/dossiers/${dossier.id}/journal`, as: 'viewer' });
    expect(journal.status).toBe(200);
    expect(journal.body.items).toHaveLength(1);
    expect(journal.body.items[0]).toMatchObject({
      seq: 1,
      type: 'DOSSIER_CREATED',
      actorId: 'test.instructor',
      actorRole: 'instructor',
    });
  });

  it('gives 20 concurrent creations 20 distinct, gap-free references', async () => {
    const responses = await Promise.all(
      Array.from({ length: 20 }, () => t.request({ method: 'POST', url: '/api/dossiers', body: newDossierBody() })),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(20).fill(201));
    const numbers = responses.map((r) => Number(String(r.body.reference).split('-')[2])).sort((a, b) => a - b);
    expect(new Set(numbers).size).toBe(20);
    expect(numbers[19] - numbers[0]).toBe(19);
    // Gap-free over the whole year too: the highest number is the count of the year's dossiers.
    const [{ count, max }] = await t.dataSource.query(
      `SELECT count(*)::int AS count, max(split_part(reference, '-', 3)::int) AS max FROM dossier WHERE reference LIKE 'SCIC-2026-%'`,
    );
    expect(max).toBe(count);
  });

  it('reuses the SCIC of a known SIREN for a second request with the same identity', async () => {
    const first = await createDossier(t);
    const read = await t.request({ method: 'GET', url: `/api/dossiers/${first.id}` });
    const { id: _id, ...identity } = read.body.scic;
    const second = await createDossier(t, {}, identity);
    const again = await t.request({ method: 'GET', url: `/api/dossiers/${second.id}` });
    expect(again.body.scic.id).toBe(read.body.scic.id);
    expect(again.body.reference).not.toBe(read.body.reference);
  });

  it('refuses a known SIREN under another identity instead of rewriting it under the other dossiers', async () => {
    const first = await createDossier(t);
    const read = await t.request({ method: 'GET', url: `/api/dossiers/${first.id}` });
    const response = await t.request({
      method: 'POST',
      url: '/api/dossiers',
      body: newDossierBody({}, { siren: read.body.scic.siren, name: 'Autre nom', commune: read.body.scic.commune }),
    });
    expect(response.status).toBe(409);
    expect(response.body.error).toMatchObject({
      code: 'SCIC_IDENTITY_MISMATCH',
      details: { differing: ['scic.name'], registered: { name: read.body.scic.name } },
    });
    const unchanged = await t.request({ method: 'GET', url: `/api/dossiers/${first.id}` });
    expect(unchanged.body.scic.name).toBe(read.body.scic.name);
  });

  it('refuses text with a lone UTF-16 surrogate with 422, not 500', async () => {
    const response = await t.request({
      method: 'POST',
      url: '/api/dossiers',
      // JSON.stringify writes the lone surrogate as the escape \ud800, which JSON.parse revives.
      body: newDossierBody({}, { name: 'SCIC \ud800 bad' }),
    });
    expect(response.status).toBe(422);
    expect(response.body.error.details.fields.map((f: { field: string }) => f.field)).toContain('scic.name');
  });

  describe('listing', () => {
    const word = uniqueWord('liste');
    const ids: string[] = [];
    beforeAll(async () => {
      for (const [index, commune] of ['Lens', 'Liévin', 'Béthune'].entries()) {
        const dossier = await createDossier(
          t,
          { requestedAmountCents: (index + 1) * 1_000_000 },
          { name: `SCIC ${word} ${commune}` },
        );
        ids.push(dossier.id);
      }
      await t.request({ method: 'POST', url: `/api/dossiers/${ids[0]}/events`, body: { type: 'SUBMIT' } });
    });

    it('filters by registration year and by the orientation chosen at step 1', async () => {
      const own = uniqueWord('orient');
      const oriented = await createDossier(t, {}, { name: `SCIC ${own} Arras` });
      const other = await createDossier(t, {}, { name: `SCIC ${own} Douai` });
      await sendEvent(t, oriented.id, { type: 'SUBMIT' });
      // Its step-1 analysis is saved with the orientation INSERTION_EMPLOI.
      await sendEvent(t, oriented.id, { type: 'COMPLETE_ACTIVITY' });
      const list = async (query: string) =>
        (await t.request({ method: 'GET', url: `/api/dossiers?q=${own}&pageSize=100&${query}`, as: 'viewer' })).body;
      expect((await list('year=2026')).items.map((d: { id: string }) => d.id).sort()).toEqual(
        [oriented.id, other.id].sort(),
      );
      expect((await list('year=2025')).total).toBe(0);
      expect((await list(`orientation=${TEST_ORIENTATION.code}`)).items.map((d: { id: string }) => d.id)).toEqual([
        oriented.id,
      ]);
      expect((await list('orientation=MOBILITES_SOLIDAIRES')).total).toBe(0);
      const bad = await t.request({ method: 'GET', url: '/api/dossiers?year=26&orientation=a%20b', as: 'viewer' });
      expect(bad.status).toBe(422);
      expect(bad.body.error.details.fields.map((f: { field: string }) => f.field).sort()).toEqual([
        'orientation',
        'year',
      ]);
    });

    it('searches the SCIC name in French, by word prefix', async () => {
      const response = await t.request({
        method: 'GET',
        url: `/api/dossiers?q=${word.slice(0, -2)}&pageSize=100`,
        as: 'viewer',
      });
      expect(response.status).toBe(200);
      expect(response.body.items.map((d: { id: string }) => d.id).sort()).toEqual([...ids].sort());
      expect(response.body.total).toBe(3);
    });

    it('searches by SIREN prefix and by reference', async () => {
      const dossier = (await t.request({ method: 'GET', url: `/api/dossiers/${ids[1]}` })).body;
      const bySiren = await t.request({ method: 'GET', url: `/api/dossiers?q=${dossier.scic.siren.slice(0, 9)}` });
      expect(bySiren.body.items.map((d: { id: string }) => d.id)).toContain(ids[1]);
      const byReference = await t.request({ method: 'GET', url: `/api/dossiers?q=${dossier.reference}` });
      expect(byReference.body.items.map((d: { id: string }) => d.id)).toEqual([ids[1]]);
    });

    it('filters by state and by parent state', async () => {
      const exact = await t.request({ method: 'GET', url: `/api/dossiers?q=${word}&state=instruction.activity` });
      expect(exact.body.items.map((d: { id: string }) => d.id)).toEqual([ids[0]]);
      const parent = await t.request({ method: 'GET', url: `/api/dossiers?q=${word}&state=instruction` });
      expect(parent.body.items.map((d: { id: string }) => d.id)).toEqual([ids[0]]);
      const drafts = await t.request({ method: 'GET', url: `/api/dossiers?q=${word}&state=draft` });
      expect(drafts.body.total).toBe(2);
    });

    it('sorts and pages', async () => {
      const sorted = await t.request({
        method: 'GET',
        url: `/api/dossiers?q=${word}&sort=-requestedAmountCents&pageSize=2`,
      });
      expect(sorted.body).toMatchObject({ page: 1, pageSize: 2, total: 3 });
      expect(sorted.body.items.map((d: { id: string }) => d.id)).toEqual([ids[2], ids[1]]);
      const second = await t.request({
        method: 'GET',
        url: `/api/dossiers?q=${word}&sort=-requestedAmountCents&pageSize=2&page=2`,
      });
      expect(second.body.items.map((d: { id: string }) => d.id)).toEqual([ids[0]]);
      const beyond = await t.request({ method: 'GET', url: `/api/dossiers?q=${word}&pageSize=2&page=5` });
      expect(beyond.body).toMatchObject({ items: [], total: 3 });
    });

    it.each([
      ['page=0', 'page'],
      ['page=abc', 'page'],
      ['pageSize=1000', 'pageSize'],
      ['sort=password', 'sort'],
      ['unknown=1', 'unknown'],
    ])('refuses the query %s with 422 naming %s', async (query, field) => {
      const response = await t.request({ method: 'GET', url: `/api/dossiers?${query}` });
      expect(response.status).toBe(422);
      expect(response.body.error.code).toBe('VALIDATION_FAILED');
      expect(response.body.error.details.fields.map((f: { field: string }) => f.field)).toContain(field);
    });

    it('treats SQL and LIKE characters in the search as text', async () => {
      for (const q of ["'; DROP TABLE dossier; --", '%', '_', '\\', 'é & | ! :*']) {
        const response = await t.request({ method: 'GET', url: `/api/dossiers?q=${encodeURIComponent(q)}` });
        expect(response.status).toBe(200);
      }
      const percent = await t.request({ method: 'GET', url: `/api/dossiers?q=%25` });
      expect(percent.body.total).toBe(0);
    });
  });

  describe('bad input: 4xx with the error body, nothing written', () => {
    const cases: [string, unknown, string][] = [
      ['an invalid SIREN (Luhn)', newDossierBody({}, { siren: '123456789' }), 'scic.siren'],
      ['a SIREN of 8 digits', newDossierBody({}, { siren: '12345678' }), 'scic.siren'],
      ['a SIREN as a number', newDossierBody({}, { siren: 732829320 }), 'scic.siren'],
      ['an unknown legal form', newDossierBody({}, { legalForm: 'SCOP' }), 'scic.legalForm'],
      ['a blank name', newDossierBody({}, { name: '' }), 'scic.name'],
      ['a name with a NUL character', newDossierBody({}, { name: 'SCIC\u0000X' }), 'scic.name'],
      ['a 201-character name', newDossierBody({}, { name: 'x'.repeat(201) }), 'scic.name'],
      ['negative cents', newDossierBody({ requestedAmountCents: -100 }), 'requestedAmountCents'],
      ['zero cents', newDossierBody({ requestedAmountCents: 0 }), 'requestedAmountCents'],
      ['decimal cents', newDossierBody({ requestedAmountCents: 100.5 }), 'requestedAmountCents'],
      ['cents as a string', newDossierBody({ requestedAmountCents: '1000000' }), 'requestedAmountCents'],
      ['cents beyond 2^53', newDossierBody({ requestedAmountCents: 2 ** 60 }), 'requestedAmountCents'],
      ['a nominal value of null', newDossierBody({ nominalShareValueCents: null }), 'nominalShareValueCents'],
      [
        'an amount that is not a whole number of shares',
        newDossierBody({ requestedAmountCents: 1_005_000 }),
        'requestedAmountCents',
      ],
      ['an unknown field', newDossierBody({ isAdmin: true }), 'isAdmin'],
      ['an unknown nested field', newDossierBody({}, { capital: 1 }), 'scic.capital'],
      ['scic as a string', newDossierBody({ scic: 'SCIC' }), 'scic'],
      ['an array body', [newDossierBody()], ''],
    ];

    it.each(cases)('refuses %s', async (_label, body, field) => {
      const before = await t.dataSource.query('SELECT count(*)::int AS n FROM dossier');
      const response = await t.request({ method: 'POST', url: '/api/dossiers', body });
      expect([400, 422]).toContain(response.status);
      expect(response.body.error).toEqual({
        code: expect.any(String),
        message: expect.any(String),
        details: expect.any(Object),
      });
      if (field) {
        expect(response.status).toBe(422);
        expect(response.body.error.details.fields.map((f: { field: string }) => f.field)).toContain(field);
      }
      const after = await t.dataSource.query('SELECT count(*)::int AS n FROM dossier');
      expect(after[0].n).toBe(before[0].n);
    });

    it('refuses malformed JSON with 400', async () => {
      const response = await t.request({ method: 'POST', url: '/api/dossiers', body: '{"scic": ' });
      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe('MALFORMED_REQUEST');
    });

    it('refuses a body over the limit with 413', async () => {
      const response = await t.request({
        method: 'POST',
        url: '/api/dossiers',
        body: { pad: 'x'.repeat(t.config.bodyLimitBytes) },
      });
      expect(response.status).toBe(413);
      expect(response.body.error.code).toBe('PAYLOAD_TOO_LARGE');
    });

    it('refuses a non-JSON body with 415', async () => {
      const response = await t.request({
        method: 'POST',
        url: '/api/dossiers',
        body: 'hello',
        headers: { 'content-type': 'text/plain' },
      });
      expect(response.status).toBe(415);
    });

    it('refuses prototype-pollution keys', async () => {
      const response = await t.request({
        method: 'POST',
        url: '/api/dossiers',
        body: '{"__proto__": {"admin": true}}',
      });
      expect(response.status).toBe(400);
      expect(({} as Record<string, unknown>).admin).toBeUndefined();
    });

    it('answers 404 for an unknown or malformed id, and for an unknown route', async () => {
      for (const url of [
        '/api/dossiers/00000000-0000-4000-8000-000000000000',
        '/api/dossiers/not-a-uuid',
        '/api/dossiers/1%27%20OR%201=1',
      ]) {
        const response = await t.request({ method: 'GET', url });
        expect(response.status).toBe(404);
        expect(response.body.error.code).toBe('DOSSIER_NOT_FOUND');
      }
      const route = await t.request({ method: 'GET', url: '/api/nowhere' });
      expect(route.status).toBe(404);
      expect(route.body.error.code).toBe('ROUTE_NOT_FOUND');
    });
  });

  describe('access', () => {
    it('refuses a request without identity with 401', async () => {
      const response = await t.request({ method: 'GET', url: '/api/dossiers', as: null });
      expect(response.status).toBe(401);
      expect(response.body.error.code).toBe('UNAUTHENTICATED');
    });

    it('refuses an unknown role with 401', async () => {
      const response = await t.request({
        method: 'GET',
        url: '/api/dossiers',
        as: null,
        headers: { 'x-dev-user': 'x', 'x-dev-role': 'root' },
      });
      expect(response.status).toBe(401);
    });

    it.each(['viewer', 'committee_member', 'elected_official', 'admin'] as const)(
      'refuses creation by a %s with 403',
      async (role) => {
        const response = await t.request({ method: 'POST', url: '/api/dossiers', as: role, body: newDossierBody() });
        expect(response.status).toBe(403);
        expect(response.body.error.code).toBe('FORBIDDEN');
      },
    );

    it('serves health without identity', async () => {
      const response = await t.request({ method: 'GET', url: '/api/health', as: null });
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ status: 'ok', database: { ready: true } });
    });
  });
});
