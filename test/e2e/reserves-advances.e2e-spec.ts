/**
 * Issue 15, items 6 and 7, through the HTTP API on the database of the run:
 * - rule 9 per the text: the legal reserve (art. 16, with its exception once it equals
 *   the highest capital reached) and the statutory reserve of ≥ 50 % of the remainder
 *   (art. 19 nonies), each figure returned with its source; LEGAL failures block step 2;
 * - rule 11 complete: advances recorded after a signed approval, one open per SCIC,
 *   renewable once, ≤ 24 months, with a convention; the same rules flag the step-3
 *   recommendation.
 */
import { completeEconomicExample } from '../../src/analyses/rules/examples.js';
import { essPracticesFor, essWithReserves, saveAnalysis } from '../support/analyses.js';
import { atDecision, sitting } from '../support/decisions.js';
import { uploadRequiredPieces } from '../support/documents.js';
import { createDossier, sendEvent, startTestApp, TEST_NOW, uniqueSiren, type TestApp } from '../support/test-app.js';

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});
afterEach(() => {
  t.clock.current = TEST_NOW;
});

/** Creates dossiers of one SCIC (same SIREN and identity). */
function scicWalk(siren = uniqueSiren()) {
  const scic = { siren, name: `SCIC avances ${siren}`, legalForm: 'SAS', commune: 'Arras' };
  return {
    siren,
    createDossier: (test: TestApp, overrides: Record<string, unknown> = {}) => createDossier(test, overrides, scic),
    sendEvent,
  };
}

async function completeEvent(id: string, type: string, step: 'essPractices' | 'economic') {
  await uploadRequiredPieces(step)(t, id, { type });
  return sendEvent(t, id, { type }, { prepare: false });
}

describe(`rule 9 — reserves per the text (${process.env.DATABASE_URL ? 'server' : 'embedded'} database)`, () => {
  async function atEssPractices() {
    const dossier = await createDossier(t);
    for (const type of ['SUBMIT', 'COMPLETE_ACTIVITY'])
      expect((await sendEvent(t, dossier.id, { type })).status).toBe(200);
    return dossier;
  }
  const check = (body: { checks: { code: string }[] }, code: string) =>
    body.checks.find((candidate) => candidate.code === code) as unknown as Record<string, unknown> & {
      status: string;
      figures: Record<string, unknown>;
    };

  it('legal 40 % + statutory 17,5 % is refused: the statutory reserve needs 30 %, figures and source returned', async () => {
    const dossier = await atEssPractices();
    const saved = await saveAnalysis(
      t,
      dossier.id,
      'essPractices',
      essWithReserves(10_000, { legalBasisPoints: 4_000, statutoryBasisPoints: 1_750 }),
    );
    expect(saved.status).toBe(200);
    expect(saved.body.complete).toBe(false);
    expect(check(saved.body, 'STATUTORY_RESERVE')).toMatchObject({
      level: 'LEGAL',
      status: 'FAILED',
      source: 'loi 47-1775, art. 19 nonies',
      figures: { requiredBasisPoints: 3_000, actualBasisPoints: 1_750, source: 'loi 47-1775, art. 19 nonies' },
    });
    expect(check(saved.body, 'LEGAL_RESERVE')).toMatchObject({
      status: 'OK',
      figures: { requiredBasisPoints: 1_500, actualBasisPoints: 4_000, source: 'loi 47-1775, art. 16' },
    });
    const refused = await completeEvent(dossier.id, 'COMPLETE_ESS_PRACTICES', 'essPractices');
    expect(refused.status).toBe(409);
    const problem = refused.body.error.details.problems.find(
      (candidate: { code: string }) => candidate.code === 'STATUTORY_RESERVE',
    );
    expect(problem).toMatchObject({ field: 'indivisibleReservesBasisPoints' });
    expect(problem.message).toMatch(/soit 30\s%/);
  });

  it('legal 15 % + statutory 42,5 % (57,5 % in all) passes and step 2 completes', async () => {
    const dossier = await atEssPractices();
    const saved = await saveAnalysis(
      t,
      dossier.id,
      'essPractices',
      essWithReserves(10_000, { legalBasisPoints: 1_500, statutoryBasisPoints: 4_250 }),
    );
    expect(saved.body.complete).toBe(true);
    expect(check(saved.body, 'STATUTORY_RESERVE')).toMatchObject({
      status: 'OK',
      figures: { requiredBasisPoints: 4_250, actualBasisPoints: 4_250 },
    });
    expect((await completeEvent(dossier.id, 'COMPLETE_ESS_PRACTICES', 'essPractices')).status).toBe(200);
  });

  it('art. 16: a legal reserve equal to the highest capital reached needs 0 % legal and 50 % statutory; one cent short it needs 15 %', async () => {
    const dossier = await atEssPractices();
    const ess = essPracticesFor(10_000);
    const exempt = essWithReserves(10_000, {
      legalBasisPoints: 0,
      statutoryBasisPoints: 5_000,
      highestCapitalCents: ess.currentCapitalCents,
      legalReserveAmountCents: ess.currentCapitalCents,
    });
    const short = await saveAnalysis(t, dossier.id, 'essPractices', {
      ...exempt,
      legalReserveAmountCents: ess.currentCapitalCents! - 1,
    });
    expect(short.body.complete).toBe(false);
    expect(check(short.body, 'LEGAL_RESERVE')).toMatchObject({
      status: 'FAILED',
      figures: { requiredBasisPoints: 1_500 },
    });

    const saved = await saveAnalysis(t, dossier.id, 'essPractices', exempt);
    expect(saved.status).toBe(200);
    expect(saved.body.data).toMatchObject({
      highestCapitalCents: ess.currentCapitalCents,
      legalReserveAmountCents: ess.currentCapitalCents,
    });
    expect(check(saved.body, 'LEGAL_RESERVE')).toMatchObject({
      status: 'OK',
      figures: { requiredBasisPoints: 0, legalReserveComplete: true },
    });
    expect(check(saved.body, 'STATUTORY_RESERVE')).toMatchObject({
      status: 'OK',
      figures: { requiredBasisPoints: 5_000, actualBasisPoints: 5_000 },
    });
    expect((await completeEvent(dossier.id, 'COMPLETE_ESS_PRACTICES', 'essPractices')).status).toBe(200);
  });

  it('the old flat threshold is gone, the statutory one is in the referential with its source', async () => {
    const thresholds = await t.request({ method: 'GET', url: '/api/referentials/thresholds', as: 'admin' });
    expect(thresholds.status).toBe(200);
    // The list is the body, or its `items` once thresholds carry their bounds.
    const rows = (Array.isArray(thresholds.body) ? thresholds.body : thresholds.body.items) as { code: string }[];
    expect(rows.map((row) => row.code)).not.toContain('INDIVISIBLE_RESERVES_MIN_BP');
    expect(rows).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          code: 'STATUTORY_RESERVE_MIN_OF_REMAINDER_BP',
          value: 5000,
          source: 'loi 47-1775, art. 19 nonies',
        }),
        expect.objectContaining({ code: 'LEGAL_RESERVE_MIN_BP', value: 1500, source: 'loi 47-1775, art. 16' }),
      ]),
    );
  });
});

describe(`rule 11 — shareholder current-account advances (${process.env.DATABASE_URL ? 'server' : 'embedded'} database)`, () => {
  /** A dossier of the walk's SCIC with an approval of 8 000 €, signed unless told otherwise. */
  async function approved(walk = scicWalk(), options: { sign?: boolean; executory?: boolean } = {}) {
    const dossier = await atDecision(walk, t, 800_000);
    const recorded = await sendEvent(t, dossier.id, {
      type: 'RECORD_DECISION',
      outcome: 'APPROVED',
      ...sitting(t),
      amountCents: 800_000,
    });
    expect(recorded.status).toBe(200);
    if (options.sign !== false) {
      const signed = await sendEvent(t, dossier.id, { type: 'SIGN' });
      expect([signed.status, signed.body]).toEqual([200, expect.anything()]);
      if (options.executory !== false) {
        const subscribed = await t.request({
          method: 'PUT',
          url: `/api/dossiers/${dossier.id}/participation/subscription`,
          as: 'instructor',
          body: { signedOn: '2026-11-23', executoryOn: '2026-11-23' },
        });
        expect(subscribed.status).toBe(200);
      }
    }
    return dossier;
  }
  const advanceBody = (changes: Record<string, unknown> = {}) => ({
    conventionReference: 'Convention CCA-2026-01',
    conventionDate: '2026-11-23',
    amountCents: 500_000,
    startsOn: '2026-11-23',
    termMonths: 24,
    ...changes,
  });
  const record = (
    dossierId: string,
    body: Record<string, unknown>,
    as: 'instructor' | 'committee_member' = 'instructor',
  ) => t.request({ method: 'POST', url: `/api/dossiers/${dossierId}/advances`, as, body });
  const close = (dossierId: string, advanceId: string, body: Record<string, unknown>) =>
    t.request({
      method: 'POST',
      url: `/api/dossiers/${dossierId}/advances/${advanceId}/close`,
      as: 'instructor',
      body,
    });
  const count = async (siren: string) => {
    const [row] = await t.dataSource.query(
      `SELECT count(*)::int AS advances FROM shareholder_advance a JOIN scic s ON s.id = a.scic_id WHERE s.siren = $1`,
      [siren],
    );
    return row.advances as number;
  };
  const journalTypes = async (id: string) =>
    (await t.request({ method: 'GET', url: `/api/dossiers/${id}/journal` })).body.items.map(
      (entry: { type: string }) => entry.type,
    );

  it('is recorded only under a signed approval (409), and only by an instructor (403)', async () => {
    const walk = scicWalk();
    const unsigned = await approved(walk, { sign: false });
    const refused = await record(unsigned.id, advanceBody());
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'ADVANCE_REFUSED', details: { reason: 'NO_SIGNED_APPROVAL' } });
    expect(refused.body.error.message).toMatch(/approbation signée/);
    const signed = await approved(scicWalk());
    expect((await record(signed.id, advanceBody(), 'committee_member')).status).toBe(403);
    expect(await count(walk.siren)).toBe(0);
  });

  it('is recorded only once the decision in force is executory (rule 12), never starting before', async () => {
    const walk = scicWalk();
    const signedOnly = await approved(walk, { executory: false });
    const early = await record(signedOnly.id, advanceBody());
    expect(early.status).toBe(409);
    expect(early.body.error.details.reason).toBe('DECISION_NOT_EXECUTORY');
    expect(early.body.error.message).toMatch(/pas encore exécutoire/);
    expect(await count(walk.siren)).toBe(0);
  });

  it('records an advance with its computed end, journaled, and lists it for the SCIC', async () => {
    const walk = scicWalk();
    const dossier = await approved(walk);
    const created = await record(dossier.id, advanceBody({ startsOn: '2026-11-23', termMonths: 24 }));
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      endsOn: '2028-11-23',
      open: true,
      renewalOf: null,
      recordedBy: expect.any(String),
    });
    expect(await journalTypes(dossier.id)).toContain('ADVANCE_RECORDED');
    const listed = await t.request({ method: 'GET', url: `/api/dossiers/${dossier.id}/advances` });
    expect(listed.status).toBe(200);
    expect(listed.body).toMatchObject({ maxTermMonths: 24, advances: [{ id: created.body.id, open: true }] });
  });

  it('no convention is refused (422 naming the field), nothing written', async () => {
    const walk = scicWalk();
    const dossier = await approved(walk);
    for (const conventionReference of [undefined, '   ']) {
      const refused = await record(dossier.id, advanceBody({ conventionReference }));
      expect(refused.status).toBe(422);
      expect(refused.body.error.details.fields[0]).toMatchObject({ field: 'conventionReference' });
      expect(refused.body.error.details.fields[0].messages[0]).toMatch(/convention/);
    }
    expect(await count(walk.siren)).toBe(0);
  });

  it('25 months is refused (422), 24 accepted', async () => {
    const walk = scicWalk();
    const dossier = await approved(walk);
    const refused = await record(dossier.id, advanceBody({ termMonths: 25 }));
    expect(refused.status).toBe(422);
    expect(refused.body.error.details.fields[0]).toMatchObject({ field: 'termMonths' });
    expect(refused.body.error.details.fields[0].messages[0]).toMatch(/au plus 24 mois/);
    expect(await count(walk.siren)).toBe(0);
    expect((await record(dossier.id, advanceBody({ termMonths: 24 }))).status).toBe(201);
  });

  it('a second open advance of the same SCIC is refused, from another dossier too (409); once repaid, a new one is accepted', async () => {
    const walk = scicWalk();
    const first = await approved(walk);
    const second = await approved(walk);
    const open = await record(first.id, advanceBody());
    expect(open.status).toBe(201);
    for (const dossier of [first, second]) {
      const refused = await record(dossier.id, advanceBody({ conventionReference: 'Convention CCA-2026-02' }));
      expect(refused.status).toBe(409);
      expect(refused.body.error).toMatchObject({
        code: 'ADVANCE_REFUSED',
        details: { reason: 'ADVANCE_ALREADY_OPEN' },
      });
      expect(refused.body.error.message).toMatch(/une seule avance/);
    }
    expect(await count(walk.siren)).toBe(1);

    t.clock.current = new Date('2027-03-01T09:00:00Z');
    const repaid = await close(first.id, open.body.id, { closedOn: '2027-02-28', reason: 'REPAID' });
    expect(repaid.status).toBe(200);
    expect(repaid.body).toMatchObject({ open: false, closedOn: '2027-02-28', closingReason: 'REPAID' });
    expect(await journalTypes(first.id)).toContain('ADVANCE_CLOSED');
    const again = await close(first.id, open.body.id, { closedOn: '2027-03-01', reason: 'REPAID' });
    expect(again.status).toBe(409);
    expect(again.body.error.details.reason).toBe('ALREADY_CLOSED');
    expect(
      (await record(second.id, advanceBody({ startsOn: '2027-03-01', conventionDate: '2027-03-01' }))).status,
    ).toBe(201);
  });

  it('renewable once: the renewal closes the original; a renewal of the renewal, or a second renewal of the original, is refused (409)', async () => {
    const walk = scicWalk();
    const dossier = await approved(walk);
    const original = await record(dossier.id, advanceBody());
    t.clock.current = new Date('2028-11-23T09:00:00Z');
    const renewal = await record(
      dossier.id,
      advanceBody({
        renewalOf: original.body.id,
        startsOn: '2028-11-23',
        conventionDate: '2028-11-20',
        conventionReference: 'Avenant 1',
      }),
    );
    expect(renewal.status).toBe(201);
    expect(renewal.body).toMatchObject({ renewalOf: original.body.id, open: true, endsOn: '2030-11-23' });
    const listed = await t.request({ method: 'GET', url: `/api/dossiers/${dossier.id}/advances` });
    expect(listed.body.advances.find((advance: { id: string }) => advance.id === original.body.id)).toMatchObject({
      open: false,
      closedOn: '2028-11-23',
      closingReason: 'RENEWED',
    });

    const second = await record(
      dossier.id,
      advanceBody({ renewalOf: renewal.body.id, startsOn: '2028-11-23', conventionDate: '2028-11-23' }),
    );
    expect(second.status).toBe(409);
    expect(second.body.error).toMatchObject({ code: 'ADVANCE_REFUSED', details: { reason: 'RENEWAL_OF_RENEWAL' } });
    expect(second.body.error.message).toMatch(/renouvelable qu’une fois/);
    const twice = await record(
      dossier.id,
      advanceBody({ renewalOf: original.body.id, startsOn: '2028-11-23', conventionDate: '2028-11-23' }),
    );
    expect(twice.status).toBe(409);
    expect(twice.body.error.details.reason).toBe('ALREADY_RENEWED');
    expect(await count(walk.siren)).toBe(2);
  });

  it('the history is insert-only in the database: only a first closing is written', async () => {
    const walk = scicWalk();
    const dossier = await approved(walk);
    const created = await record(dossier.id, advanceBody());
    await expect(
      t.dataSource.query('UPDATE shareholder_advance SET amount_cents = 1 WHERE id = $1', [created.body.id]),
    ).rejects.toThrow(/insert-only/);
    await expect(
      t.dataSource.query('DELETE FROM shareholder_advance WHERE id = $1', [created.body.id]),
    ).rejects.toThrow(/insert-only/);
  });

  describe('step 3: the recommended advance is judged against the SCIC’s advances', () => {
    /** A dossier of the walk's SCIC at the economic analysis. */
    async function atEconomic(walk: ReturnType<typeof scicWalk>) {
      const dossier = await walk.createDossier(t, { requestedAmountCents: 800_000 });
      for (const type of ['SUBMIT', 'COMPLETE_ACTIVITY', 'COMPLETE_ESS_PRACTICES']) {
        expect((await sendEvent(t, dossier.id, { type })).status).toBe(200);
      }
      return dossier;
    }
    const recommend = (dossierId: string, renewal: boolean, durationMonths = 24) => {
      const data = completeEconomicExample(800_000);
      data.instruments.currentAccountAdvance = {
        amountCents: 300_000,
        durationMonths,
        conventionReference: 'Projet de convention CCA',
        renewal,
      };
      return saveAnalysis(t, dossierId, 'economic', data);
    };
    const codes = (body: { problems: { code: string }[] }) => body.problems.map((problem) => problem.code);

    it('a new advance while the SCIC has one open is flagged and blocks step 3; renewing it passes', async () => {
      const walk = scicWalk();
      const first = await approved(walk);
      expect((await record(first.id, advanceBody())).status).toBe(201);
      const dossier = await atEconomic(walk);

      const flagged = await recommend(dossier.id, false);
      expect(flagged.status).toBe(200);
      expect(codes(flagged.body)).toContain('ADVANCE_ALREADY_OPEN');
      expect(flagged.body.scicAdvances).toHaveLength(1);
      const refused = await completeEvent(dossier.id, 'COMPLETE_ECONOMIC', 'economic');
      expect(refused.status).toBe(409);
      const problem = refused.body.error.details.problems.find(
        (candidate: { code: string }) => candidate.code === 'ADVANCE_ALREADY_OPEN',
      );
      expect(problem).toMatchObject({ field: 'instruments.currentAccountAdvance.renewal' });
      expect(problem.message).toMatch(/déjà une avance en cours/);

      const renewing = await recommend(dossier.id, true);
      expect(codes(renewing.body)).toEqual([]);
      expect((await completeEvent(dossier.id, 'COMPLETE_ECONOMIC', 'economic')).status).toBe(200);
    });

    it('a second renewal and 25 months are flagged', async () => {
      const walk = scicWalk();
      const first = await approved(walk);
      const original = await record(first.id, advanceBody());
      t.clock.current = new Date('2028-11-23T09:00:00Z');
      expect(
        (
          await record(
            first.id,
            advanceBody({ renewalOf: original.body.id, startsOn: '2028-11-23', conventionDate: '2028-11-23' }),
          )
        ).status,
      ).toBe(201);
      t.clock.current = TEST_NOW;
      const dossier = await atEconomic(walk);
      expect(codes((await recommend(dossier.id, true)).body)).toContain('RENEWAL_OF_RENEWAL');
      expect(codes((await recommend(dossier.id, true, 25)).body)).toEqual(
        expect.arrayContaining(['RENEWAL_OF_RENEWAL', 'ADVANCE_TOO_LONG']),
      );
      expect((await completeEvent(dossier.id, 'COMPLETE_ECONOMIC', 'economic')).status).toBe(409);
    });
  });
});
