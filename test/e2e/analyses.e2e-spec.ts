/**
 * Steps 1–3 through the HTTP API, on the database of the run: saving analyses, their
 * completeness and compliance, the guards of the completion events, the radar, the
 * amount check, and bad input refused with nothing written.
 */
import { completeActivityExample, completeEconomicExample } from '../../src/analyses/rules/examples.js';
import { completeAnalysisData, essPracticesFor, saveAnalysis, TEST_ORIENTATION } from '../support/analyses.js';
import { uploadRequiredPieces } from '../support/documents.js';
import { journalTypes } from '../support/journal.js';
import { createDossier, sendEvent, startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
});

afterAll(async () => {
  await t?.close();
});

async function dossierAt(step: 'activity' | 'essPractices' | 'economic') {
  const dossier = await createDossier(t);
  expect((await sendEvent(t, dossier.id, { type: 'SUBMIT' })).status).toBe(200);
  if (step === 'activity') return dossier;
  expect((await sendEvent(t, dossier.id, { type: 'COMPLETE_ACTIVITY' })).status).toBe(200);
  if (step === 'essPractices') return dossier;
  expect((await sendEvent(t, dossier.id, { type: 'COMPLETE_ESS_PRACTICES' })).status).toBe(200);
  return dossier;
}

/** Sends a completion event with the step's pieces attached but its analysis left as it is. */
async function complete(id: string, type: string, step: 'activity' | 'essPractices' | 'economic') {
  await uploadRequiredPieces(step)(t, id, { type });
  return sendEvent(t, id, { type }, { prepare: false });
}

describe(`analyses (${process.env.DATABASE_URL ? 'server' : 'embedded'} database)`, () => {
  it('an empty analysis reads as incomplete, with every missing field named in French', async () => {
    const dossier = await dossierAt('activity');
    const view = await t.request({ method: 'GET', url: `/api/dossiers/${dossier.id}/analyses/activity` });
    expect(view.status).toBe(200);
    expect(view.headers.etag).toBe('"0"');
    expect(view.body).toMatchObject({ version: 0, writable: true, complete: false });
    const fields = view.body.problems.map((problem: { field: string }) => problem.field);
    expect(fields).toEqual(expect.arrayContaining(['orientationCodes', 'competenceCode', 'conclusion']));
    for (const problem of view.body.problems) expect(problem.message).toMatch(/[a-zé]/);
  });

  it('COMPLETE_ACTIVITY is refused until the analysis is complete, with the missing fields (409)', async () => {
    const dossier = await dossierAt('activity');
    const refused = await complete(dossier.id, 'COMPLETE_ACTIVITY', 'activity');
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('DOSSIER_TRANSITION_CONDITIONS_NOT_MET');
    const fields = refused.body.error.details.problems.map((problem: { field: string }) => problem.field);
    expect(fields).toEqual(expect.arrayContaining(['competenceCode', 'conclusion']));

    const saved = await saveAnalysis(
      t,
      dossier.id,
      'activity',
      completeActivityExample(TEST_ORIENTATION.code, TEST_ORIENTATION.competenceCode),
    );
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ version: 1, complete: true, problems: [] });
    expect((await complete(dossier.id, 'COMPLETE_ACTIVITY', 'activity')).status).toBe(200);
  });

  it('rule 6: without the link to a departmental competence step 1 does not complete', async () => {
    const dossier = await dossierAt('activity');
    const data = {
      ...completeActivityExample(TEST_ORIENTATION.code, TEST_ORIENTATION.competenceCode),
      competenceCode: null,
    };
    expect((await saveAnalysis(t, dossier.id, 'activity', data)).body.complete).toBe(false);
    const refused = await complete(dossier.id, 'COMPLETE_ACTIVITY', 'activity');
    expect(refused.status).toBe(409);
    expect(refused.body.error.details.problems).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: 'competenceCode' })]),
    );
  });

  it('a DOES_NOT_FIT conclusion blocks completion but lets the instructor close the dossier', async () => {
    const dossier = await dossierAt('activity');
    const data = {
      ...completeActivityExample(TEST_ORIENTATION.code, TEST_ORIENTATION.competenceCode),
      conclusion: 'DOES_NOT_FIT',
    };
    await saveAnalysis(t, dossier.id, 'activity', data);
    const refused = await complete(dossier.id, 'COMPLETE_ACTIVITY', 'activity');
    expect(refused.status).toBe(409);
    expect(refused.body.error.details.problems).toEqual(
      expect.arrayContaining([expect.objectContaining({ code: 'DOES_NOT_FIT' })]),
    );
    const closed = await sendEvent(t, dossier.id, { type: 'CLOSE', reason: 'Hors des compétences du Département.' });
    expect(closed.status).toBe(200);
    expect(closed.body.state).toBe('closed');
  });

  it('bad input is a 422 naming the field, and nothing is written', async () => {
    const dossier = await dossierAt('activity');
    const before = await journalTypes(t, dossier.id);
    const cases: [unknown, string][] = [
      [{ turnoverCents: 12.5 }, 'turnoverCents'],
      [{ orientationCodes: ['INCONNUE'] }, 'orientationCodes'],
      [{ competenceCode: 'NULLE_PART' }, 'competenceCode'],
      [{ conclusion: 'PEUT_ETRE' }, 'conclusion'],
      [{ creationDate: '2026-02-30' }, 'creationDate'],
      [{ creationDate: '2027-01-01' }, 'creationDate'],
      [{ unknownField: 1 }, 'unknownField'],
    ];
    for (const [body, field] of cases) {
      const response = await saveAnalysis(t, dossier.id, 'activity', body);
      expect({ body, status: response.status }).toEqual({ body, status: 422 });
      const fields = response.body.error.details.fields.map((entry: { field: string }) => entry.field);
      expect(fields.some((name: string) => name.startsWith(field))).toBe(true);
    }
    expect(await journalTypes(t, dossier.id)).toEqual(before);
    const view = await t.request({ method: 'GET', url: `/api/dossiers/${dossier.id}/analyses/activity` });
    expect(view.body.version).toBe(0);
  });

  it('every save is journaled with its field-level diff; an unchanged save writes nothing', async () => {
    const dossier = await dossierAt('activity');
    const data = completeActivityExample(TEST_ORIENTATION.code, TEST_ORIENTATION.competenceCode);
    await saveAnalysis(t, dossier.id, 'activity', data);
    await saveAnalysis(t, dossier.id, 'activity', { ...data, sector: 'Restauration collective' });
    const unchanged = await saveAnalysis(t, dossier.id, 'activity', { ...data, sector: 'Restauration collective' });
    expect(unchanged.body.version).toBe(2);
    const journal = await t.request({ method: 'GET', url: `/api/dossiers/${dossier.id}/journal` });
    const updates = journal.body.items.filter((entry: { type: string }) => entry.type === 'ANALYSIS_UPDATED');
    expect(updates).toHaveLength(2);
    expect(updates[1].payload).toEqual({
      step: 'activity',
      version: 2,
      changes: [{ path: 'sector', before: data.sector, after: 'Restauration collective' }],
    });
    const verify = await t.request({ method: 'GET', url: `/api/dossiers/${dossier.id}/journal/verify` });
    expect(verify.body.valid).toBe(true);
  });

  it('a stale If-Match is refused 412 and nothing is written', async () => {
    const dossier = await dossierAt('activity');
    const data = completeActivityExample(TEST_ORIENTATION.code, TEST_ORIENTATION.competenceCode);
    expect((await saveAnalysis(t, dossier.id, 'activity', data, { 'if-match': '"0"' })).status).toBe(200);
    const stale = await saveAnalysis(t, dossier.id, 'activity', { ...data, sector: 'Autre' }, { 'if-match': '"0"' });
    expect(stale.status).toBe(412);
    expect(stale.body.error).toMatchObject({ code: 'ANALYSIS_VERSION_MISMATCH', details: { currentVersion: 1 } });
  });

  it('an analysis is writable only while the dossier is at its step (409), again after a send-back', async () => {
    const dossier = await dossierAt('essPractices');
    const activity = completeActivityExample(TEST_ORIENTATION.code, TEST_ORIENTATION.competenceCode);
    const refused = await saveAnalysis(t, dossier.id, 'activity', { ...activity, sector: 'Autre' });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({
      code: 'ANALYSIS_NOT_WRITABLE',
      details: { step: 'activity', currentState: 'instruction.essPractices' },
    });
    const economic = await saveAnalysis(t, dossier.id, 'economic', completeEconomicExample(6_000_000));
    expect(economic.status).toBe(409);
    await sendEvent(t, dossier.id, { type: 'SEND_BACK', toStep: 'activity', reason: 'Secteur à préciser.' });
    expect((await saveAnalysis(t, dossier.id, 'activity', { ...activity, sector: 'Autre' })).status).toBe(200);
  });

  it('only an instructor saves an analysis; a role that cannot see the dossier gets 404', async () => {
    const dossier = await dossierAt('activity');
    const data = completeActivityExample(TEST_ORIENTATION.code, TEST_ORIENTATION.competenceCode);
    const asViewer = await t.request({
      method: 'PUT',
      url: `/api/dossiers/${dossier.id}/analyses/activity`,
      as: 'viewer',
      body: data,
    });
    expect(asViewer.status).toBe(403);
    const asElected = await t.request({
      method: 'GET',
      url: `/api/dossiers/${dossier.id}/analyses/activity`,
      as: 'elected_official',
    });
    expect(asElected.status).toBe(404);
  });

  describe('step 2 — ESS practices', () => {
    it('returns the compliance checks; a legal failure blocks completion, a practice one only warns', async () => {
      const dossier = await dossierAt('essPractices');
      const good = essPracticesFor(10_000);
      const saved = await saveAnalysis(t, dossier.id, 'essPractices', good);
      expect(saved.status).toBe(200);
      expect(saved.body.complete).toBe(true);
      expect(saved.body.checks.length).toBeGreaterThan(0);

      // Rule 2: two categories only.
      const twoCategories = { ...good, memberCategories: good.memberCategories.slice(0, 2) };
      const incomplete = await saveAnalysis(t, dossier.id, 'essPractices', twoCategories);
      expect(incomplete.body.complete).toBe(false);
      expect(incomplete.body.checks).toEqual(
        expect.arrayContaining([expect.objectContaining({ level: 'LEGAL', status: 'FAILED' })]),
      );
      const refused = await complete(dossier.id, 'COMPLETE_ESS_PRACTICES', 'essPractices');
      expect(refused.status).toBe(409);

      // An old révision coopérative is a warning only.
      const oldRevision = { ...good, lastCooperativeRevisionDate: '2015-01-01' };
      const warned = await saveAnalysis(t, dossier.id, 'essPractices', oldRevision);
      expect(warned.body.complete).toBe(true);
      expect(warned.body.checks).toEqual(
        expect.arrayContaining([expect.objectContaining({ level: 'PRACTICE', status: 'FAILED' })]),
      );
      expect((await complete(dossier.id, 'COMPLETE_ESS_PRACTICES', 'essPractices')).status).toBe(200);
    });

    it('a score outside 0–3 or a duplicated marker is a 422, nothing written', async () => {
      const dossier = await dossierAt('essPractices');
      const good = essPracticesFor(10_000);
      const [first, ...rest] = good.markers;
      for (const [markers, field] of [
        [[{ ...first, score: 4 }, ...rest], 'markers.0.score'],
        [[{ ...first, score: 1.5 }, ...rest], 'markers.0.score'],
        [[first, first, ...rest.slice(1)], 'markers'],
      ] as const) {
        const response = await saveAnalysis(t, dossier.id, 'essPractices', { ...good, markers });
        expect(response.status).toBe(422);
        expect(response.body.error.details.fields.map((entry: { field: string }) => entry.field)).toContain(field);
      }
      const view = await t.request({ method: 'GET', url: `/api/dossiers/${dossier.id}/analyses/ess-practices` });
      expect(view.body.version).toBe(0);
    });

    it('renders the radar as an accessible SVG with every marker and its value', async () => {
      const dossier = await dossierAt('essPractices');
      await saveAnalysis(t, dossier.id, 'essPractices', essPracticesFor(10_000));
      const radar = await t.request({
        method: 'GET',
        url: `/api/dossiers/${dossier.id}/analyses/ess-practices/radar.svg`,
      });
      expect(radar.status).toBe(200);
      expect(radar.headers['content-type']).toMatch(/^image\/svg\+xml/);
      expect(radar.body).toMatch(/^<svg[^>]*role="img"/);
      expect(radar.body).toContain('<title');
      expect(radar.body).toContain('<desc');
      for (const label of ['Autonomie', 'Capabilités', 'Résilience']) expect(radar.body).toContain(label);
    });
  });

  describe('step 3 — economic analysis', () => {
    it('an unbalanced plan is refused at completion with both totals; ratios come with the analysis', async () => {
      const dossier = await dossierAt('economic');
      const good = completeEconomicExample(6_000_000);
      const unbalanced = {
        ...good,
        financingPlan: {
          ...good.financingPlan,
          uses: good.financingPlan.uses.map((use, index) =>
            index === 0 ? { ...use, amountCents: use.amountCents + 1 } : use,
          ),
        },
      };
      const saved = await saveAnalysis(t, dossier.id, 'economic', unbalanced);
      expect(saved.status).toBe(200);
      expect(saved.body.planTotals).toMatchObject({ balanced: false, differenceCents: expect.any(Number) });
      expect(saved.body.ratios).toHaveLength(6);
      const refused = await complete(dossier.id, 'COMPLETE_ECONOMIC', 'economic');
      expect(refused.status).toBe(409);
      expect(refused.body.error.details.problems).toEqual(
        expect.arrayContaining([expect.objectContaining({ field: 'financingPlan' })]),
      );
      expect((await saveAnalysis(t, dossier.id, 'economic', good)).body.complete).toBe(true);
      const completed = await complete(dossier.id, 'COMPLETE_ECONOMIC', 'economic');
      expect(completed.status).toBe(200);
      expect(completed.body.state).toBe('committee.awaitingSession');
    });

    it('decimal cents in the statements are a 422 naming the field', async () => {
      const dossier = await dossierAt('economic');
      const good = completeEconomicExample(6_000_000);
      const statements = good.statements.map((year, index) => (index === 2 ? { ...year, cashCents: 10.5 } : year));
      const response = await saveAnalysis(t, dossier.id, 'economic', { ...good, statements });
      expect(response.status).toBe(422);
      expect(response.body.error.details.fields.map((entry: { field: string }) => entry.field)).toContain(
        'statements.2.cashCents',
      );
    });
  });

  it('a dossier reaches committee.awaitingSession only through three complete analyses', async () => {
    const dossier = await createDossier(t);
    await sendEvent(t, dossier.id, { type: 'SUBMIT' });
    for (const [type, step] of [
      ['COMPLETE_ACTIVITY', 'activity'],
      ['COMPLETE_ESS_PRACTICES', 'essPractices'],
      ['COMPLETE_ECONOMIC', 'economic'],
    ] as const) {
      expect((await complete(dossier.id, type, step)).status).toBe(409);
      await saveAnalysis(t, dossier.id, step, await completeAnalysisData(t, dossier.id, step));
      expect((await complete(dossier.id, type, step)).status).toBe(200);
    }
    const view = await t.request({ method: 'GET', url: `/api/dossiers/${dossier.id}` });
    expect(view.body.state).toBe('committee.awaitingSession');
  });

  describe('amount check (rules 3–5)', () => {
    it('gives the public share after subscription and the verdict of each rule', async () => {
      const dossier = await dossierAt('economic');
      const check = await t.request({
        method: 'GET',
        url: `/api/dossiers/${dossier.id}/amount-check?amountCents=6000000`,
      });
      expect(check.status).toBe(200);
      // Cap table of essPracticesFor(100 €): 200 000 € of capital, 25 000 € public.
      expect(check.body).toMatchObject({
        amountCents: 6_000_000,
        shares: 600,
        wholeShares: true,
        publicCapRespected: true,
        withinRequested: true,
        withinCeiling: true,
        problems: [],
      });
      const notWhole = await t.request({
        method: 'GET',
        url: `/api/dossiers/${dossier.id}/amount-check?amountCents=6000050`,
      });
      expect(notWhole.body.wholeShares).toBe(false);
    });

    it('exactly 50 % public after subscription passes, one share more fails', async () => {
      const dossier = await createDossier(t, { requestedAmountCents: 50_000_000 });
      await sendEvent(t, dossier.id, { type: 'SUBMIT' });
      await sendEvent(t, dossier.id, { type: 'COMPLETE_ACTIVITY' });
      await saveAnalysis(t, dossier.id, 'essPractices', essPracticesFor(10_000));
      // Capital 200 000 €, public 25 000 €: x such that 25 000 + x = (200 000 + x) / 2 → x = 150 000 €.
      const atCap = await t.request({
        method: 'GET',
        url: `/api/dossiers/${dossier.id}/amount-check?amountCents=${15_000_000}`,
      });
      expect(atCap.body).toMatchObject({ publicShareAfterBasisPoints: 5000, publicCapRespected: true });
      const oneShareMore = await t.request({
        method: 'GET',
        url: `/api/dossiers/${dossier.id}/amount-check?amountCents=${15_010_000}`,
      });
      expect(oneShareMore.body.publicCapRespected).toBe(false);
      expect(oneShareMore.body.problems).toEqual(
        expect.arrayContaining([expect.objectContaining({ code: 'PUBLIC_CAP_EXCEEDED' })]),
      );
    });

    it('a malformed amount is a 422', async () => {
      const dossier = await createDossier(t);
      for (const amount of ['12.5', '-100', 'abc', '']) {
        const response = await t.request({
          method: 'GET',
          url: `/api/dossiers/${dossier.id}/amount-check?amountCents=${amount}`,
        });
        expect(response.status).toBe(422);
      }
    });
  });
});
