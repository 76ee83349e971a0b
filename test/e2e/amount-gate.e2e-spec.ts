/**
 * The one amount gate (DOMAIN rules 3 to 5, 12; issue 15): every path that fixes or moves
 * money — the live check, the committee's proposal, the élus' decision, a correction, the
 * signatures and the payments — sees the SCIC's whole position and a cap table that adds
 * up. Each case is one an insider could try through another route than the straight one.
 * Shares of 100 €; the default ceiling per SCIC is 100 000 €.
 */
import { essPracticesFor, saveAnalysis } from '../support/analyses.js';
import {
  atCommittee as atCommitteeFor,
  declareAsSignatory,
  MOTIVATION,
  sitting,
  uniqueDeliberation,
} from '../support/decisions.js';
import { uploadRequiredPieces } from '../support/documents.js';
import {
  createDossier,
  sendEvent,
  startTestApp,
  uniqueSiren,
  type TestApp,
  type TestResponse,
} from '../support/test-app.js';

const EUROS = 100; // cents
const codes = (response: TestResponse): string[] =>
  (response.body.error?.details?.problems ?? response.body.problems ?? []).map(
    (problem: { code: string }) => problem.code,
  );

/** A step-2 cap table of `capital` € with a public-bodies category of `publicBodies` €, listed as given. */
function capTable(capital: number, publicBodies: number, holders: { kind: string; euros: number }[]) {
  const base = essPracticesFor(10_000);
  const others = capital - publicBodies;
  return {
    ...base,
    currentCapitalCents: capital * EUROS,
    numberOfShares: capital / 100,
    memberCategories: [
      { kind: 'EMPLOYEES', label: 'Salariés', memberCount: 6, capitalHeldCents: (others / 2) * EUROS },
      { kind: 'BENEFICIARIES', label: 'Usagers', memberCount: 40, capitalHeldCents: (others / 4) * EUROS },
      { kind: 'PRODUCERS', label: 'Producteurs', memberCount: 5, capitalHeldCents: (others / 4) * EUROS },
      ...(publicBodies
        ? [{ kind: 'PUBLIC_BODIES', label: 'Collectivités', memberCount: 1, capitalHeldCents: publicBodies * EUROS }]
        : []),
    ],
    publicHolders: holders.map((holder, index) => ({
      name: `Personne publique ${index + 1}`,
      kind: holder.kind,
      amountCents: holder.euros * EUROS,
    })),
  };
}

describe('The amount gate on every path', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  const walk = { createDossier: (test: TestApp, o?: Record<string, unknown>) => createDossier(test, o), sendEvent };
  const ok = async (what: string, response: Promise<TestResponse>) => {
    const answer = await response;
    if (answer.status !== 200) throw new Error(`${what}: ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer;
  };
  const amountCheck = async (dossierId: string, euros: number) =>
    (await t.request({ method: 'GET', url: `/api/dossiers/${dossierId}/amount-check?amountCents=${euros * EUROS}` }))
      .body;

  /** A dossier of the SCIC `siren` through steps 1–3 with the step-2 data given, scheduled before the committee. */
  async function scheduled(siren: string, requestedEuros: number, ess: object = essPracticesFor(10_000)) {
    const dossier = await createDossier(
      t,
      { requestedAmountCents: requestedEuros * EUROS },
      { siren, name: `SCIC du SIREN ${siren}` },
    );
    await ok('SUBMIT', sendEvent(t, dossier.id, { type: 'SUBMIT' }));
    await ok('COMPLETE_ACTIVITY', sendEvent(t, dossier.id, { type: 'COMPLETE_ACTIVITY' }));
    await ok('save step 2', saveAnalysis(t, dossier.id, 'essPractices', ess));
    await uploadRequiredPieces('essPractices')(t, dossier.id, {});
    await ok(
      'COMPLETE_ESS_PRACTICES',
      sendEvent(t, dossier.id, { type: 'COMPLETE_ESS_PRACTICES' }, { prepare: false }),
    );
    await ok('COMPLETE_ECONOMIC', sendEvent(t, dossier.id, { type: 'COMPLETE_ECONOMIC' }));
    await ok('SCHEDULE_COMMITTEE', sendEvent(t, dossier.id, { type: 'SCHEDULE_COMMITTEE', sessionId: 'S' }));
    return dossier;
  }
  const propose = (dossierId: string, euros: number) =>
    sendEvent(t, dossierId, {
      type: 'RECORD_OPINION',
      opinion: 'FAVOURABLE',
      motivation: MOTIVATION,
      proposedAmountCents: euros * EUROS,
    });
  const decide = (dossierId: string, euros: number, extra: Record<string, unknown> = {}) =>
    sendEvent(t, dossierId, {
      type: 'RECORD_DECISION',
      outcome: 'APPROVED',
      ...sitting(t),
      amountCents: euros * EUROS,
      ...extra,
    });
  /** Proposed, decided and signed at `euros`. */
  async function signed(siren: string, requestedEuros: number, euros: number, ess?: object) {
    const dossier = await scheduled(siren, requestedEuros, ess);
    await ok('RECORD_OPINION', propose(dossier.id, euros));
    await ok('RECORD_DECISION', decide(dossier.id, euros));
    await ok('SIGN', sendEvent(t, dossier.id, { type: 'SIGN' }));
    return dossier;
  }
  const correct = (dossierId: string, euros: number) =>
    t.request({
      method: 'POST',
      url: `/api/dossiers/${dossierId}/decision/corrections`,
      as: 'elected_official',
      body: {
        ...sitting(t, uniqueDeliberation('CP-2026-C')),
        amountCents: euros * EUROS,
        justification: 'Plan de financement révisé par la SCIC.',
        reason: 'Rectification du montant après le tour de table.',
      },
    });
  const signCorrection = (dossierId: string, decisionId: string) =>
    t.request({
      method: 'POST',
      url: `/api/dossiers/${dossierId}/decision/corrections/${decisionId}/sign`,
      as: 'elected_official',
    });

  describe('a cap table that adds up (rule 3, step 2)', () => {
    it('a public-bodies category with no public body listed blocks step 2 and the amount check, in French', async () => {
      // The case: capital 120 000 €, public bodies 60 000 €, nobody listed.
      const dossier = await createDossier(t, { requestedAmountCents: 40_000 * EUROS });
      await ok('SUBMIT', sendEvent(t, dossier.id, { type: 'SUBMIT' }));
      await ok('COMPLETE_ACTIVITY', sendEvent(t, dossier.id, { type: 'COMPLETE_ACTIVITY' }));
      await ok('save', saveAnalysis(t, dossier.id, 'essPractices', capTable(120_000, 60_000, [])));
      await uploadRequiredPieces('essPractices')(t, dossier.id, {});

      const check = await amountCheck(dossier.id, 40_000);
      expect(check.publicCapRespected).toBeNull();
      expect(check.problems.map((problem: { code: string }) => problem.code)).toContain('CAP_TABLE_INCONSISTENT');

      const completed = await sendEvent(t, dossier.id, { type: 'COMPLETE_ESS_PRACTICES' }, { prepare: false });
      expect(completed.status).toBe(409);
      const problem = completed.body.error.details.problems.find(
        (candidate: { code: string }) => candidate.code === 'PUBLIC_BODIES_AGREEMENT',
      );
      expect(problem.field).toBe('publicHolders');
      expect(problem.message).toMatch(/catégorie d’associés « personnes publiques » détient 60\s000,00\s€/);

      // Listed as what it is, the collectivité's 60 000 € count: 40 000 € more is 62,5 % public.
      const listed = capTable(120_000, 60_000, [{ kind: 'TERRITORIAL_AUTHORITY', euros: 60_000 }]);
      await ok('save', saveAnalysis(t, dossier.id, 'essPractices', listed));
      const after = await amountCheck(dossier.id, 40_000);
      expect(after).toMatchObject({ publicCapRespected: false, publicShareAfterBasisPoints: 6_250 });
      expect(after.problems.map((problem: { code: string }) => problem.code)).toEqual(['PUBLIC_CAP_EXCEEDED']);
    });

    it('a public holder must say its kind; another public body is listed but outside the cap', async () => {
      const dossier = await createDossier(t, { requestedAmountCents: 40_000 * EUROS });
      await ok('SUBMIT', sendEvent(t, dossier.id, { type: 'SUBMIT' }));
      await ok('COMPLETE_ACTIVITY', sendEvent(t, dossier.id, { type: 'COMPLETE_ACTIVITY' }));
      const noKind = capTable(120_000, 60_000, [{ kind: 'TERRITORIAL_AUTHORITY', euros: 60_000 }]);
      delete (noKind.publicHolders[0] as { kind?: string }).kind;
      const refused = await saveAnalysis(t, dossier.id, 'essPractices', noKind);
      expect(refused.status).toBe(422);
      expect(JSON.stringify(refused.body.error.details)).toMatch(/nature de la personne publique/);

      // A State établissement holding 60 000 € is not capped: 40 000 € more is 25 % capped public capital.
      const state = capTable(120_000, 60_000, [{ kind: 'OTHER_PUBLIC_BODY', euros: 60_000 }]);
      await ok('save', saveAnalysis(t, dossier.id, 'essPractices', state));
      expect(await amountCheck(dossier.id, 40_000)).toMatchObject({
        publicCapRespected: true,
        publicShareAfterBasisPoints: 2_500,
        problems: [],
      });
    });
  });

  describe('the SCIC’s whole position (rules 3 and 5 per SIREN)', () => {
    it('counts another dossier’s decided, then signed, amount in the ceiling and as public capital', async () => {
      const siren = uniqueSiren();
      // First dossier: 60 000 € decided, not yet signed.
      const first = await scheduled(siren, 60_000);
      await ok('RECORD_OPINION', propose(first.id, 60_000));
      await ok('RECORD_DECISION', decide(first.id, 60_000));

      // Second dossier of the same SCIC: collectivités hold 70 000 € of 200 000 €.
      const ess = capTable(200_000, 70_000, [{ kind: 'GROUPING_OF_AUTHORITIES', euros: 70_000 }]);
      const second = await scheduled(siren, 60_000, ess);
      const pending = await amountCheck(second.id, 50_000);
      expect(pending.position).toMatchObject({
        stakesInForceCents: 0,
        pendingCents: 60_000 * EUROS,
        dossiers: [{ reference: expect.any(String), status: 'DECIDED', amountCents: 60_000 * EUROS }],
      });
      expect(pending).toMatchObject({ scicTotalAfterCents: 110_000 * EUROS, withinCeiling: false });

      await ok('SIGN', sendEvent(t, first.id, { type: 'SIGN' }));
      const inForce = await amountCheck(second.id, 40_000);
      expect(inForce.position).toMatchObject({ stakesInForceCents: 60_000 * EUROS, pendingCents: 0 });
      // Alone, 70 000 + 40 000 of 240 000 € would be 45,8 %; with the département's 60 000 €: 56,7 %.
      expect(inForce).toMatchObject({
        withinCeiling: true,
        publicCapRespected: false,
        publicShareAfterBasisPoints: 5_667,
      });

      // The committee cannot propose it, nor above the ceiling.
      const proposal = await propose(second.id, 40_000);
      expect(proposal.status).toBe(409);
      expect(codes(proposal)).toContain('PUBLIC_CAP_EXCEEDED');
      const aboveCeiling = await propose(second.id, 50_000);
      expect(aboveCeiling.status).toBe(409);
      expect(codes(aboveCeiling)).toEqual(expect.arrayContaining(['ABOVE_CEILING', 'PUBLIC_CAP_EXCEEDED']));
      const message = aboveCeiling.body.error.details.problems.find(
        (problem: { code: string }) => problem.code === 'ABOVE_CEILING',
      ).message;
      expect(message).toMatch(/autres dossiers de cette SCIC/);
    });

    it('refuses the élus’ decision that would take the SCIC over the ceiling', async () => {
      const siren = uniqueSiren();
      await signed(siren, 60_000, 60_000);
      const second = await scheduled(siren, 60_000);
      // The committee proposes within the ceiling; the élus decide more.
      await ok('RECORD_OPINION', propose(second.id, 40_000));
      const over = await decide(second.id, 50_000, { justification: 'Besoin de trésorerie réévalué.' });
      expect(over.status).toBe(409);
      expect(codes(over)).toEqual(['ABOVE_CEILING']);
      await ok('RECORD_DECISION at the ceiling', decide(second.id, 40_000));
    });
  });

  describe('corrections pass the same gate', () => {
    it('refuses a correction over the public cap (the issue’s 57,7 %)', async () => {
      // Capital 200 000 €, public bodies 90 000 €; 20 000 € signed is exactly 50 %.
      const ess = capTable(200_000, 90_000, [{ kind: 'TERRITORIAL_AUTHORITY', euros: 90_000 }]);
      const dossier = await signed(uniqueSiren(), 60_000, 20_000, ess);
      const over = await correct(dossier.id, 60_000);
      expect(over.status).toBe(409);
      expect(over.body.error.details.reason).toBe('AMOUNT_RULES');
      expect(codes(over)).toEqual(['PUBLIC_CAP_EXCEEDED']);
      expect(over.body.error.details.problems[0].message).toMatch(/57,69\s%/);
      const [{ count }] = await t.dataSource.query(
        'SELECT count(*)::int AS count FROM decision WHERE dossier_id = $1',
        [dossier.id],
      );
      expect(count).toBe(1);
    });

    it('refuses a correction over the per-SCIC ceiling, counting the SCIC’s other stakes', async () => {
      const siren = uniqueSiren();
      const dossier = await signed(siren, 150_000, 100_000);
      expect(codes(await correct(dossier.id, 140_000))).toEqual(['ABOVE_CEILING']);
      // Another dossier's stake counts: a decrease that still leaves the SCIC above the ceiling is refused too.
      const other = await scheduled(siren, 60_000);
      expect(codes(await propose(other.id, 10_000))).toEqual(['ABOVE_CEILING']);
      const down = await correct(dossier.id, 90_000);
      expect(down.status).toBe(201);
      expect((await signCorrection(dossier.id, down.body.decisionId)).status).toBe(200);
      await ok('proposal within what the correction freed', propose(other.id, 10_000));
    });
  });

  describe('payments follow the decision in force (rule 12)', () => {
    it('pays an upward correction only once its own subscription and executory date are recorded', async () => {
      const dossier = await signed(uniqueSiren(), 60_000, 40_000);
      const today = sitting(t).sessionDate;
      const subscribe = () =>
        t.request({
          method: 'PUT',
          url: `/api/dossiers/${dossier.id}/participation/subscription`,
          as: 'instructor',
          body: { signedOn: today, executoryOn: today },
        });
      const pay = (euros: number, reference: string) =>
        t.request({
          method: 'POST',
          url: `/api/dossiers/${dossier.id}/participation/payments`,
          as: 'instructor',
          body: { amountCents: euros * EUROS, paidOn: today, reference },
        });
      await ok('subscription', subscribe());
      expect((await pay(10_000, 'MANDAT-1')).status).toBe(201);

      const up = await correct(dossier.id, 60_000);
      expect(up.status).toBe(201);
      expect((await signCorrection(dossier.id, up.body.decisionId)).status).toBe(200);

      const early = await pay(10_000, 'MANDAT-2');
      expect(early.status).toBe(409);
      expect(early.body.error.details.reason).toBe('SUBSCRIPTION_NOT_SIGNED');
      expect(early.body.error.message).toMatch(/décision corrective/);

      await ok('subscription of the correction', subscribe());
      expect((await pay(50_000, 'MANDAT-3')).status).toBe(201);
      expect((await pay(1, 'MANDAT-4')).status).toBe(409);

      const participation = await t.request({ method: 'GET', url: `/api/dossiers/${dossier.id}/participation` });
      expect(participation.body.stake).toMatchObject({
        decisionId: up.body.decisionId,
        subscribedAmountCents: 60_000 * EUROS,
        paidAmountCents: 60_000 * EUROS,
      });
      // Each payment names the decision it was made under.
      const payments = await t.dataSource.query(
        'SELECT reference, decision_id FROM participation_payment WHERE dossier_id = $1 ORDER BY reference',
        [dossier.id],
      );
      expect(payments).toEqual([
        { reference: 'MANDAT-1', decision_id: participation.body.payments[0].decisionId },
        { reference: 'MANDAT-3', decision_id: up.body.decisionId },
      ]);
      expect(payments[0].decision_id).not.toBe(up.body.decisionId);
      // The original's subscription stays on record beside the correction's.
      const rows = await t.dataSource.query(
        'SELECT decision_id, subscribed_amount_cents FROM participation WHERE dossier_id = $1 ORDER BY subscribed_amount_cents',
        [dossier.id],
      );
      expect(rows.map((row: { subscribed_amount_cents: string }) => Number(row.subscribed_amount_cents))).toEqual([
        40_000 * EUROS,
        60_000 * EUROS,
      ]);
    });
  });

  describe('what was paid stays counted (review: a correction below the payments)', () => {
    it('refuses a correction below what was already paid, on record and at signature', async () => {
      const dossier = await signed(uniqueSiren(), 60_000, 40_000);
      const today = sitting(t).sessionDate;
      await ok(
        'subscription',
        t.request({
          method: 'PUT',
          url: `/api/dossiers/${dossier.id}/participation/subscription`,
          as: 'instructor',
          body: { signedOn: today, executoryOn: today },
        }),
      );
      const paid = await t.request({
        method: 'POST',
        url: `/api/dossiers/${dossier.id}/participation/payments`,
        as: 'instructor',
        body: { amountCents: 30_000 * EUROS, paidOn: today, reference: 'MANDAT-P1' },
      });
      expect(paid.status).toBe(201);
      const below = await correct(dossier.id, 20_000);
      expect(below.status).toBe(409);
      expect(codes(below)).toEqual(['BELOW_PAID']);
      expect(below.body.error.details.problems[0].message).toMatch(/déjà versé pour ce dossier \(30\s000,00\s€\)/);
      expect((await correct(dossier.id, 30_000)).status).toBe(201);
    });

    it('refuses a payment dated before the subscription form was signed', async () => {
      const dossier = await signed(uniqueSiren(), 60_000, 40_000);
      const signedOn = sitting(t).sessionDate;
      const saved = t.clock.current;
      t.clock.current = new Date(saved.getTime() + 3 * 86_400_000);
      try {
        const later = sitting(t).sessionDate;
        await ok(
          'subscription signed three days after the decision',
          t.request({
            method: 'PUT',
            url: `/api/dossiers/${dossier.id}/participation/subscription`,
            as: 'instructor',
            body: { signedOn: later, executoryOn: signedOn },
          }),
        );
        const between = new Date(saved.getTime() + 86_400_000).toISOString().slice(0, 10);
        const early = await t.request({
          method: 'POST',
          url: `/api/dossiers/${dossier.id}/participation/payments`,
          as: 'instructor',
          body: { amountCents: 1_000 * EUROS, paidOn: between, reference: 'MANDAT-E1' },
        });
        expect(early.status).toBe(409);
        expect(early.body.error.details.reason).toBe('PAYMENT_BEFORE_SUBSCRIPTION');
      } finally {
        t.clock.current = saved;
      }
    });
  });

  describe('a correction is charged to the envelope of its own year', () => {
    it('an upward correction signed in a later year needs that year’s envelope, for its whole amount', async () => {
      const dossier = await signed(uniqueSiren(), 80_000, 30_000);
      const saved = t.clock.current;
      const year = 2200 + Math.floor(Math.random() * 350);
      t.clock.current = new Date(`${year}-02-10T09:00:00Z`);
      try {
        const up = await correct(dossier.id, 80_000);
        expect(up.status).toBe(201);
        const [row] = await t.dataSource.query('SELECT envelope_year FROM decision WHERE id = $1', [
          up.body.decisionId,
        ]);
        expect(row.envelope_year).toBe(year);
        const refused = await signCorrection(dossier.id, up.body.decisionId);
        expect(refused.status).toBe(409);
        expect(codes(refused)).toEqual(['ENVELOPE_NOT_SET']);

        await t.dataSource.query(
          `INSERT INTO budget_envelope (year, amount_cents, programme_reference) VALUES ($1, $2, $3)`,
          [year, 79_999 * EUROS, `AP ${year}`],
        );
        const short = await signCorrection(dossier.id, up.body.decisionId);
        expect(codes(short)).toEqual(['ABOVE_ENVELOPE']);
      } finally {
        t.clock.current = saved;
      }
    });
  });

  it('an upward correction recorded in a later year is checked against that year’s envelope, for its whole amount', async () => {
    const dossier = await signed(uniqueSiren(), 80_000, 30_000);
    const saved = t.clock.current;
    const year = 2550 + Math.floor(Math.random() * 350);
    await t.dataSource.query(
      `INSERT INTO budget_envelope (year, amount_cents, programme_reference) VALUES ($1, $2, $3) ON CONFLICT (year) DO NOTHING`,
      [year, 60_000 * EUROS, `AP ${year}`],
    );
    t.clock.current = new Date(`${year}-02-10T09:00:00Z`);
    try {
      // 30 000 € stay charged to the original year: the new year must hold the whole 70 000 €.
      const over = await correct(dossier.id, 70_000);
      expect(over.status).toBe(409);
      expect(codes(over)).toEqual(['ABOVE_ENVELOPE']);
      expect((await correct(dossier.id, 60_000)).status).toBe(201);
    } finally {
      t.clock.current = saved;
    }
  });

  describe('the signature needs the year’s envelope', () => {
    it('answers 409 ENVELOPE_NOT_SET for an approval decided in a year without envelope, and signs nothing', async () => {
      const dossier = await atCommitteeFor(walk, t, 60_000 * EUROS);
      await ok('RECORD_OPINION', propose(dossier.id, 30_000));
      const saved = t.clock.current;
      // A year no one sets an envelope for (the envelopes routes stop at 2100; the tests of
      // corrections in later years take 2200–2899, so no two tests of a run share a year).
      t.clock.current = new Date(`${2101 + Math.floor(Math.random() * 99)}-03-10T09:00:00Z`);
      try {
        await ok('RECORD_DECISION', decide(dossier.id, 30_000));
        expect((await declareAsSignatory(t, dossier.id, { hasInterest: false })).status).toBe(200);
        const refused = await sendEvent(t, dossier.id, { type: 'SIGN' }, { prepare: false });
        expect(refused.status).toBe(409);
        expect(codes(refused)).toEqual(['ENVELOPE_NOT_SET']);
        expect(refused.body.error.details.problems[0].message).toMatch(/Aucune enveloppe budgétaire/);
        const [{ state }] = await t.dataSource.query('SELECT state FROM dossier WHERE id = $1', [dossier.id]);
        expect(state).toBe('decision.decided');
      } finally {
        t.clock.current = saved;
      }
    });
  });
});

/**
 * The signatures re-check the gate under lock: a threshold lowered between the decision
 * and the signature stops it. On an embedded database of its own, so that the lowered
 * threshold does not leak into other suites.
 */
describe('The signatures re-check the gate', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ embedded: true });
  });
  afterAll(async () => {
    await t.close();
  });

  const setThreshold = (code: string, value: number) =>
    t.request({
      method: 'PUT',
      url: `/api/referentials/thresholds/${code}`,
      as: 'admin',
      body: { value, source: 'Règle interne du Département', reason: 'Délibération de politique ESS : plafond revu.' },
    });

  it('refuses SIGN and the signature of a correction once the ceiling is lowered below their amount', async () => {
    const walk = { createDossier: (test: TestApp, o?: Record<string, unknown>) => createDossier(test, o), sendEvent };
    const dossier = await atCommitteeFor(walk, t, 60_000 * EUROS);
    const opinion = await sendEvent(t, dossier.id, {
      type: 'RECORD_OPINION',
      opinion: 'FAVOURABLE',
      motivation: MOTIVATION,
      proposedAmountCents: 50_000 * EUROS,
    });
    expect(opinion.status).toBe(200);
    const decided = await sendEvent(t, dossier.id, {
      type: 'RECORD_DECISION',
      outcome: 'APPROVED',
      ...sitting(t),
      amountCents: 50_000 * EUROS,
    });
    expect(decided.status).toBe(200);

    expect((await setThreshold('CEILING_PER_SCIC_CENTS', 40_000 * EUROS)).status).toBe(200);
    const refused = await sendEvent(t, dossier.id, { type: 'SIGN' });
    expect(refused.status).toBe(409);
    expect(codes(refused)).toEqual(['ABOVE_CEILING']);

    expect((await setThreshold('CEILING_PER_SCIC_CENTS', 100_000 * EUROS)).status).toBe(200);
    expect((await sendEvent(t, dossier.id, { type: 'SIGN' })).status).toBe(200);

    const correction = await t.request({
      method: 'POST',
      url: `/api/dossiers/${dossier.id}/decision/corrections`,
      as: 'elected_official',
      body: {
        ...sitting(t, uniqueDeliberation('CP-2026-R')),
        amountCents: 60_000 * EUROS,
        justification: 'Tour de table complété.',
        reason: 'Montant rectifié.',
      },
    });
    expect(correction.status).toBe(201);
    expect((await setThreshold('CEILING_PER_SCIC_CENTS', 55_000 * EUROS)).status).toBe(200);
    const refusedCorrection = await t.request({
      method: 'POST',
      url: `/api/dossiers/${dossier.id}/decision/corrections/${correction.body.decisionId}/sign`,
      as: 'elected_official',
    });
    expect(refusedCorrection.status).toBe(409);
    expect(codes(refusedCorrection)).toEqual(['ABOVE_CEILING']);
    expect((await setThreshold('CEILING_PER_SCIC_CENTS', 100_000 * EUROS)).status).toBe(200);
  });
});
