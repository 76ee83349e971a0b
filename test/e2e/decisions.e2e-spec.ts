/**
 * The élus' decision (DOMAIN step 5, rules 5, 8, 13): RECORD_DECISION with its sitting,
 * the signatories' declarations, SIGN generating the decision document whose hash is
 * stored and journaled, verification by hash, and immutability by the API and by the
 * database.
 */
import { createHash } from 'node:crypto';
import { pdfText } from '../../src/documents/pdf/pdf-text.js';

/** The document's text on one line, plain spaces: what a reader searching it would type. */
const flatText = (pdf: Buffer) =>
  pdfText(pdf)
    .replace(/\s*\n/g, ' ')
    .replace(/[\u00a0\u202f]/g, ' ');
import {
  atCommittee as atCommitteeFor,
  atDecision as atDecisionFor,
  declareAsSignatory,
  ensureEnvelope,
  freshEnvelopeYear,
  sitting,
  uniqueDeliberation,
} from '../support/decisions.js';
import { isoDateIn } from '../../src/common/clock.js';
import { createDossier, getBytes, sendEvent, startTestApp, uniqueSiren, type TestApp } from '../support/test-app.js';

describe('Decision of the élus and signature', () => {
  let t: TestApp;
  const walk = { createDossier, sendEvent };
  const atDecision = (proposed = 800_000) => atDecisionFor(walk, t, proposed);

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  const decisionOf = async (dossierId: string) =>
    (await t.request({ method: 'GET', url: `/api/dossiers/${dossierId}/decision`, as: 'viewer' })).body;
  const snapshot = async (dossierId: string) => {
    const [dossier] = await t.dataSource.query('SELECT state, version FROM dossier WHERE id = $1', [dossierId]);
    const [counts] = await t.dataSource.query(
      `SELECT (SELECT count(*) FROM journal_entry WHERE dossier_id = $1)::int AS journal,
              (SELECT count(*) FROM decision WHERE dossier_id = $1)::int AS decisions,
              (SELECT count(*) FROM decision WHERE dossier_id = $1 AND signed_at IS NOT NULL)::int AS signed`,
      [dossierId],
    );
    return { ...dossier, ...counts };
  };
  /** Records an approval; its year's envelope is set (signing needs one), generously, unless a test set it. */
  const approve = async (dossierId: string, extra: Record<string, unknown> = {}) => {
    const recorded = await sendEvent(t, dossierId, {
      type: 'RECORD_DECISION',
      outcome: 'APPROVED',
      ...sitting(t),
      amountCents: 800_000,
      ...extra,
    });
    await ensureEnvelope(t, dossierId);
    return recorded;
  };

  it('takes a dossier to approved with a signed decision document, its hash stored, journaled and verifiable', async () => {
    const dossier = await atDecision(800_000);
    const deliberation = uniqueDeliberation('CP-2026-11');
    const recorded = await approve(dossier.id, {
      deliberation,
      shares: 80,
      recusedElectedOfficials: [{ name: 'M. Paul Durand' }],
    });
    expect(recorded.status).toBe(200);
    expect(recorded.body.state).toBe('decision.decided');

    const unsigned = await decisionOf(dossier.id);
    expect(unsigned.current).toMatchObject({
      outcome: 'APPROVED',
      body: 'COMMISSION_PERMANENTE',
      deliberationNumber: deliberation,
      amountCents: 800_000,
      shares: 80,
      signed: false,
      documentSha256: null,
      recusedElectedOfficials: [{ name: 'M. Paul Durand' }],
      proposal: expect.objectContaining({ opinion: 'FAVOURABLE', proposedAmountCents: 800_000 }),
    });

    expect((await declareAsSignatory(t, dossier.id, { hasInterest: false })).status).toBe(200);
    const signed = await sendEvent(t, dossier.id, { type: 'SIGN' }, { prepare: false });
    expect(signed.status).toBe(200);
    expect(signed.body.state).toBe('approved');

    const view = await decisionOf(dossier.id);
    expect(view.current).toMatchObject({ signed: true, signedBy: 'test.elected_official' });
    expect(view.current.documentSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(view.declarations).toEqual([
      expect.objectContaining({ userId: 'test.elected_official', hasInterest: false }),
    ]);

    const pdf = await getBytes(t, `/api/dossiers/${dossier.id}/decision/document.pdf`, 'viewer');
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const sha256 = createHash('sha256').update(pdf.body).digest('hex');
    expect(sha256).toBe(view.current.documentSha256);
    expect(pdf.headers.get('etag')).toBe(`"${sha256}"`);

    const text = flatText(pdf.body);
    const [scic] = await t.dataSource.query(
      'SELECT s.siren, s.name FROM scic s JOIN dossier d ON d.scic_id = s.id WHERE d.id = $1',
      [dossier.id],
    );
    expect(text).toContain(`Délibération n° ${deliberation}`);
    expect(text).toContain(`SIREN ${scic.siren}`);
    expect(text).toContain('soit une participation au capital de 8 000,00 €');
    expect(text).toContain('souscrit 80 parts sociales');
    expect(text).toContain('compte 261');
    expect(text).toContain('M. Paul Durand ne prend pas part au vote (déport)');
    expect(text).toContain('agissant par délégation');

    const journal = await t.request({ method: 'GET', url: `/api/dossiers/${dossier.id}/journal` });
    const signEntry = journal.body.items.find((entry: any) => entry.payload.event?.type === 'SIGN');
    expect(signEntry.payload.effects).toMatchObject({ decisionId: view.current.id, documentSha256: sha256 });
    const chain = await t.request({ method: 'GET', url: `/api/dossiers/${dossier.id}/journal/verify` });
    expect(chain.body.valid).toBe(true);

    const verified = await t.request({ method: 'GET', url: `/api/documents/verify?sha256=${sha256.toUpperCase()}` });
    expect(verified.status).toBe(200);
    expect(verified.body).toMatchObject({
      issued: true,
      kind: 'DECISION',
      dossierId: dossier.id,
      deliberationNumber: deliberation,
    });
    const unknown = await t.request({ method: 'GET', url: `/api/documents/verify?sha256=${'0'.repeat(64)}` });
    expect(unknown.body).toEqual({ issued: false, sha256: '0'.repeat(64) });
    const malformed = await t.request({ method: 'GET', url: '/api/documents/verify?sha256=abc' });
    expect(malformed.status).toBe(422);
    expect(malformed.body.error.details.fields[0].field).toBe('sha256');
  });

  describe('the signatory (DOMAIN rule 8)', () => {
    it('refuses a signatory who has not declared, then one who declared an interest; writes nothing', async () => {
      const dossier = await atDecision();
      expect((await approve(dossier.id)).status).toBe(200);
      const before = await snapshot(dossier.id);

      const undeclared = await sendEvent(t, dossier.id, { type: 'SIGN' }, { prepare: false });
      expect(undeclared.status).toBe(409);
      expect(undeclared.body.error.details.problems).toEqual([
        expect.objectContaining({ field: 'signatory', code: 'SIGNATORY_DECLARATION_MISSING' }),
      ]);

      const interest = await declareAsSignatory(t, dossier.id, { hasInterest: true, nature: 'ASSOCIE' });
      expect(interest.status).toBe(200);
      const interested = await sendEvent(t, dossier.id, { type: 'SIGN' }, { prepare: false });
      expect(interested.status).toBe(409);
      // Declaring an interest listed the élu among those who withdrew, at once.
      expect(interested.body.error.details.problems).toEqual([
        expect.objectContaining({ code: 'SIGNATORY_HAS_INTEREST' }),
        expect.objectContaining({ code: 'SIGNATORY_RECUSED' }),
      ]);
      // The declaration is journaled; nothing else changed.
      expect(await snapshot(dossier.id)).toEqual({ ...before, journal: before.journal + 1 });

      // Another élu, without interest, signs.
      expect((await declareAsSignatory(t, dossier.id, { hasInterest: false }, 'test.elu.2')).status).toBe(200);
      const other = await t.request({
        method: 'POST',
        url: `/api/dossiers/${dossier.id}/events`,
        as: 'elected_official',
        user: 'test.elu.2',
        body: { type: 'SIGN' },
      });
      expect(other.status).toBe(200);
    });

    it('refuses an élu listed among those who withdrew from the deliberation', async () => {
      const dossier = await atDecision();
      const recorded = await approve(dossier.id, {
        recusedElectedOfficials: [{ name: 'Mme Élise Test', userId: 'test.elected_official' }],
      });
      expect(recorded.status).toBe(200);
      expect((await declareAsSignatory(t, dossier.id, { hasInterest: false })).status).toBe(200);
      const refused = await sendEvent(t, dossier.id, { type: 'SIGN' }, { prepare: false });
      expect(refused.status).toBe(409);
      expect(refused.body.error.details.problems).toEqual([expect.objectContaining({ code: 'SIGNATORY_RECUSED' })]);
    });

    it('validates a declaration, and refuses it outside the decision step', async () => {
      const dossier = await atDecision();
      const noNature = await declareAsSignatory(t, dossier.id, { hasInterest: true });
      expect(noNature.status).toBe(422);
      expect(noNature.body.error.details.fields[0].field).toBe('nature');
      const early = await atCommitteeFor(walk, t);
      const closed = await declareAsSignatory(t, early.id, { hasInterest: false });
      expect(closed.status).toBe(409);
      expect(closed.body.error.code).toBe('DECISION_NOT_OPEN');
      const byInstructor = await t.request({
        method: 'PUT',
        url: `/api/dossiers/${dossier.id}/decision/declaration`,
        as: 'instructor',
        body: { hasInterest: false },
      });
      expect(byInstructor.status).toBe(403);
    });
  });

  describe('the decision record', () => {
    it('refuses a délibération number another dossier holds (409), writing nothing', async () => {
      const first = await atDecision();
      const deliberation = uniqueDeliberation('CD-2026');
      expect((await approve(first.id, { deliberation })).status).toBe(200);
      const second = await atDecision();
      const before = await snapshot(second.id);
      const refused = await sendEvent(
        t,
        second.id,
        { type: 'RECORD_DECISION', outcome: 'REJECTED', ...sitting(t, deliberation) },
        { prepare: false },
      );
      expect(refused.status).toBe(409);
      expect(refused.body.error.details.problems).toEqual([
        expect.objectContaining({ field: 'deliberation', code: 'DELIBERATION_NUMBER_TAKEN' }),
      ]);
      expect(await snapshot(second.id)).toEqual(before);
    });

    it.each([
      [
        'a standing-committee decision without its delegation',
        { delegationReference: undefined },
        'delegationReference',
      ],
      ['a sitting after today', { sessionDate: '2099-01-01' }, 'sessionDate'],
      ['a number of shares that is not the amount', { shares: 79 }, 'shares'],
    ])('refuses %s', async (_label, change, field) => {
      const dossier = await atDecision();
      const before = await snapshot(dossier.id);
      const response = await approve(dossier.id, change);
      expect([409, 422]).toContain(response.status);
      const problems = response.body.error.details.fields ?? response.body.error.details.problems;
      expect(problems.map((problem: { field: string }) => problem.field)).toContain(field);
      expect(await snapshot(dossier.id)).toEqual(before);
    });

    it('refuses an amount on a rejection', async () => {
      const dossier = await atDecision();
      const response = await sendEvent(t, dossier.id, {
        type: 'RECORD_DECISION',
        outcome: 'REJECTED',
        ...sitting(t),
        amountCents: 800_000,
      });
      expect(response.status).toBe(422);
      expect(response.body.error.details.fields[0]).toMatchObject({ field: 'amountCents', code: 'ONLY_WHEN_APPROVED' });
    });

    it('keeps an adjournment on record and sends the dossier back to the committee', async () => {
      const dossier = await atDecision();
      const adjourned = await sendEvent(t, dossier.id, {
        type: 'RECORD_DECISION',
        outcome: 'ADJOURNED',
        ...sitting(t),
      });
      expect(adjourned.status).toBe(200);
      expect(adjourned.body.state).toBe('committee.awaitingSession');
      const view = await decisionOf(dossier.id);
      expect(view.current).toMatchObject({ outcome: 'ADJOURNED', signed: false, amountCents: null });
      const signedRejection = await sendEvent(t, dossier.id, { type: 'SIGN' });
      expect(signedRejection.status).toBe(409);
    });

    it('signs a rejection with its document, committing nothing', async () => {
      const dossier = await atDecision();
      expect(
        (await sendEvent(t, dossier.id, { type: 'RECORD_DECISION', outcome: 'REJECTED', ...sitting(t) })).status,
      ).toBe(200);
      const signed = await sendEvent(t, dossier.id, { type: 'SIGN' });
      expect(signed.body.state).toBe('rejected');
      const pdf = await getBytes(t, `/api/dossiers/${dossier.id}/decision/document.pdf`, 'instructor');
      expect(flatText(pdf.body)).toContain('est rejetée');
    });

    it('answers 404 for the document of a dossier without a signed decision', async () => {
      const dossier = await atDecision();
      const response = await t.request({ method: 'GET', url: `/api/dossiers/${dossier.id}/decision/document.pdf` });
      expect(response.status).toBe(404);
      expect(response.body.error.code).toBe('DECISION_NOT_FOUND');
    });
  });

  describe('immutability (DOMAIN rule 13)', () => {
    it('refuses any write to a signed decision, by the API and by the database', async () => {
      const dossier = await atDecision();
      expect((await approve(dossier.id)).status).toBe(200);
      // Before the signature, only the signature may be added, even in SQL.
      await expect(
        t.dataSource.query('UPDATE decision SET amount_cents = 1 WHERE dossier_id = $1', [dossier.id]),
      ).rejects.toThrow(/only its signature may be added/);
      expect((await sendEvent(t, dossier.id, { type: 'SIGN' })).status).toBe(200);
      const before = await snapshot(dossier.id);

      expect((await approve(dossier.id)).status).toBe(409);
      expect((await sendEvent(t, dossier.id, { type: 'SIGN' })).status).toBe(409);
      const declaration = await declareAsSignatory(t, dossier.id, { hasInterest: true, nature: 'OTHER', details: 'x' });
      expect(declaration.status).toBe(409);

      for (const sql of [
        'UPDATE decision SET signatory_name = $2 WHERE dossier_id = $1',
        'UPDATE decision SET amount_cents = 1 WHERE dossier_id = $1 AND $2::text IS NOT NULL',
        'DELETE FROM decision WHERE dossier_id = $1 AND $2::text IS NOT NULL',
        `UPDATE decision_document SET content = '\\x00' WHERE decision_id IN (SELECT id FROM decision WHERE dossier_id = $1) AND $2::text IS NOT NULL`,
        'DELETE FROM decision_document WHERE decision_id IN (SELECT id FROM decision WHERE dossier_id = $1) AND $2::text IS NOT NULL',
      ]) {
        await expect(t.dataSource.query(sql, [dossier.id, 'Quelqu’un d’autre'])).rejects.toThrow(
          /immutable|never deleted|insert-only/,
        );
      }
      expect(await snapshot(dossier.id)).toEqual(before);
    });
  });

  describe('corrections (DOMAIN rule 13)', () => {
    const correctionsUrl = (dossierId: string) => `/api/dossiers/${dossierId}/decision/corrections`;
    const correct = (
      dossierId: string,
      body: Record<string, unknown>,
      as: 'elected_official' | 'instructor' = 'elected_official',
    ) => t.request({ method: 'POST', url: correctionsUrl(dossierId), as, body });
    const signCorrection = (dossierId: string, decisionId: string, headers: Record<string, string> = {}) =>
      t.request({
        method: 'POST',
        url: `${correctionsUrl(dossierId)}/${decisionId}/sign`,
        as: 'elected_official',
        headers,
      });

    it('replaces a signed decision by a signed correction that references it, the original untouched', async () => {
      const dossier = await atDecision();
      const original = uniqueDeliberation('CP-2026-O');
      expect((await approve(dossier.id, { deliberation: original })).status).toBe(200);
      expect((await sendEvent(t, dossier.id, { type: 'SIGN' })).status).toBe(200);
      const signedOriginal = (await decisionOf(dossier.id)).current;
      const [rowBefore] = await t.dataSource.query('SELECT * FROM decision WHERE id = $1', [signedOriginal.id]);

      const corrective = uniqueDeliberation('CP-2026-R');
      const recorded = await correct(dossier.id, {
        ...sitting(t, corrective),
        amountCents: 700_000,
        justification: 'Erreur matérielle sur le nombre de parts souscrites.',
        reason: 'Le nombre de parts délibéré était de 70.',
      });
      expect(recorded.status).toBe(201);
      expect(
        (await correct(dossier.id, { ...sitting(t), amountCents: 700_000, justification: 'x', reason: 'y' })).body
          .error,
      ).toMatchObject({ code: 'DECISION_CORRECTION_REFUSED', details: { reason: 'CORRECTION_PENDING' } });

      // Until signed, the original stays in force.
      const pending = await decisionOf(dossier.id);
      expect(pending.current.id).toBe(signedOriginal.id);
      expect(pending.pendingCorrection).toMatchObject({
        supersedesId: signedOriginal.id,
        signed: false,
        amountCents: 700_000,
      });

      const undelegated = await signCorrection(dossier.id, recorded.body.decisionId, {
        'x-dev-signing-delegation': 'false',
      });
      expect(undelegated.status).toBe(409);
      expect(undelegated.body.error.details.problems).toEqual([
        expect.objectContaining({ code: 'NO_SIGNING_DELEGATION' }),
      ]);

      // Another élu, who did not sign the original, declares now and signs the correction.
      expect((await declareAsSignatory(t, dossier.id, { hasInterest: false }, 'test.elu.correcteur')).status).toBe(200);
      const signed = await t.request({
        method: 'POST',
        url: `${correctionsUrl(dossier.id)}/${recorded.body.decisionId}/sign`,
        as: 'elected_official',
        user: 'test.elu.correcteur',
      });
      expect(signed.status).toBe(200);
      // Declarations close again once nothing waits for a signature.
      expect((await declareAsSignatory(t, dossier.id, { hasInterest: false }, 'test.elu.tardif')).status).toBe(409);
      const after = await decisionOf(dossier.id);
      expect(after.current).toMatchObject({
        id: recorded.body.decisionId,
        signed: true,
        deliberationNumber: corrective,
        shares: 70,
      });
      expect(after.history.map((decision: { id: string }) => decision.id)).toEqual([signedOriginal.id]);
      const [rowAfter] = await t.dataSource.query('SELECT * FROM decision WHERE id = $1', [signedOriginal.id]);
      expect(rowAfter).toEqual(rowBefore);

      const pdf = await getBytes(t, `/api/dossiers/${dossier.id}/decision/document.pdf`, 'viewer');
      expect(createHash('sha256').update(pdf.body).digest('hex')).toBe(signed.body.documentSha256);
      const text = flatText(pdf.body);
      expect(text).toContain(`rectifie la délibération n° ${original}`);
      expect(text).toContain('soit une participation au capital de 7 000,00 €');
      // The replaced decision's own act stays downloadable, byte for byte.
      const originalPdf = await getBytes(t, after.history[0].documentUrl, 'viewer');
      expect(createHash('sha256').update(originalPdf.body).digest('hex')).toBe(signedOriginal.documentSha256);
      for (const sha of [signedOriginal.documentSha256, signed.body.documentSha256]) {
        expect((await t.request({ method: 'GET', url: `/api/documents/verify?sha256=${sha}` })).body.issued).toBe(true);
      }
      const portfolio = await t.request({ method: 'GET', url: '/api/portfolio' });
      expect(portfolio.body.filter((stake: { dossierId: string }) => stake.dossierId === dossier.id)).toEqual([
        expect.objectContaining({ subscribedAmountCents: 700_000, shares: 70, deliberationNumber: corrective }),
      ]);
      const journal = await t.request({ method: 'GET', url: `/api/dossiers/${dossier.id}/journal` });
      expect(journal.body.items.map((entry: { type: string }) => entry.type)).toEqual(
        expect.arrayContaining(['DECISION_CORRECTION_RECORDED', 'DECISION_CORRECTION_SIGNED']),
      );
    });

    it('refuses a correction with nothing signed to correct, by an instructor, or breaking the amount rules', async () => {
      const dossier = await atDecision();
      const body = { ...sitting(t), amountCents: 800_000, reason: 'Erreur matérielle.' };
      expect((await correct(dossier.id, body)).body.error.details.reason).toBe('NOTHING_TO_CORRECT');
      expect((await approve(dossier.id)).status).toBe(200);
      expect((await sendEvent(t, dossier.id, { type: 'SIGN' })).status).toBe(200);
      expect((await correct(dossier.id, body, 'instructor')).status).toBe(403);
      const noReason = await correct(dossier.id, { ...body, reason: ' ' });
      expect(noReason.status).toBe(422);
      const above = await correct(dossier.id, { ...body, amountCents: 1_100_000, justification: 'Plus.' });
      expect(above.status).toBe(409);
      expect(above.body.error.details.problems.map((p: { code: string }) => p.code)).toContain('ABOVE_REQUESTED');
    });

    it('gives a correction its own délibération: the corrected number, in any spelling, is refused; so is a sitting before the opinion', async () => {
      const dossier = await atDecision();
      const original = uniqueDeliberation('CP-2026-C');
      expect((await approve(dossier.id, { deliberation: original })).status).toBe(200);
      expect((await sendEvent(t, dossier.id, { type: 'SIGN' })).status).toBe(200);
      const body = { ...sitting(t), amountCents: 700_000, justification: 'Erreur matérielle.', reason: 'Parts : 70.' };
      const reused = await correct(dossier.id, {
        ...body,
        deliberation: original.toLowerCase().replace(/-/g, '\u2011'),
      });
      expect([reused.status, reused.body.error.code]).toEqual([409, 'DELIBERATION_NUMBER_TAKEN']);
      const invisible = await correct(dossier.id, { ...body, deliberation: `\u200B${uniqueDeliberation()}` });
      expect([invisible.status, invisible.body.error.details.fields[0].field]).toEqual([422, 'deliberation']);
      const early = await correct(dossier.id, { ...body, sessionDate: '1900-01-01' });
      expect(early.status).toBe(409);
      expect(early.body.error.details).toMatchObject({
        reason: 'SITTING_BEFORE_OPINION',
        problems: [expect.objectContaining({ field: 'sessionDate', code: 'SITTING_BEFORE_OPINION' })],
      });
      expect((await decisionOf(dossier.id)).pendingCorrection).toBeNull();
    });
  });

  describe('budget envelope at signature (DOMAIN rule 5)', () => {
    it('refuses the second of two decisions that together exceed what remains, with the figures', async () => {
      // A year of its own (2070–2100; the envelopes suite takes 2030–2069), so that other
      // suites' signatures do not move the envelope.
      const year = await freshEnvelopeYear(t, 2070, 2100);
      t.clock.current = new Date(`${year}-03-10T09:00:00Z`);
      try {
        const set = await t.request({
          method: 'PUT',
          url: `/api/envelopes/${year}`,
          as: 'admin',
          body: {
            amountCents: 1_000_000,
            programmeReference: `AP ${year}-SCIC`,
            reason: 'Vote du budget primitif de l’année.',
          },
        });
        expect(set.status).toBe(200);
        const first = await atDecision(600_000);
        const second = await atDecision(600_000);
        // Each fits what remains when recorded; together they do not.
        expect((await approve(first.id, { amountCents: 600_000 })).status).toBe(200);
        expect((await approve(second.id, { amountCents: 600_000 })).status).toBe(200);
        expect((await sendEvent(t, first.id, { type: 'SIGN' })).status).toBe(200);
        const refused = await sendEvent(t, second.id, { type: 'SIGN' });
        expect(refused.status).toBe(409);
        expect(refused.body.error.details.problems).toEqual([
          expect.objectContaining({
            code: 'ABOVE_ENVELOPE',
            message: expect.stringMatching(/\(6\s000,00\s€\).*\(4\s000,00\s€ sur 10\s000,00\s€\)/),
          }),
        ]);
        const envelope = await t.request({ method: 'GET', url: `/api/envelopes/${year}` });
        expect(envelope.body).toMatchObject({ committedCents: 600_000, remainingCents: 400_000 });
      } finally {
        t.clock.current = new Date('2026-11-23T09:00:00Z');
      }
    });
  });

  describe('délibération numbers once normalised, the sitting’s date (issue 15 item 10)', () => {
    const base = `CP-2026-${Math.random().toString(36).slice(2, 8).toUpperCase()}-100`;
    let holder: { id: string };
    const reject = (dossierId: string, change: Record<string, unknown>) =>
      sendEvent(
        t,
        dossierId,
        { type: 'RECORD_DECISION', outcome: 'REJECTED', ...sitting(t), ...change },
        { prepare: false },
      );

    beforeAll(async () => {
      holder = await atDecision();
      expect((await reject(holder.id, { deliberation: `  ${base} ` })).status).toBe(200);
    });

    it.each([
      ['in lower case', base.toLowerCase()],
      ['with U+2010 hyphens', base.replace(/-/g, '\u2010')],
      ['with U+2212 minus signs', base.replace(/-/g, '\u2212')],
      ['in full-width characters', base.replace(/[A-Z0-9-]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0))],
    ])('refuses the same number %s as a duplicate (409)', async (_name, deliberation) => {
      const dossier = await atDecision();
      const before = await snapshot(dossier.id);
      const refused = await reject(dossier.id, { deliberation });
      expect(refused.status).toBe(409);
      expect(refused.body.error.details.problems).toEqual([
        expect.objectContaining({
          field: 'deliberation',
          code: 'DELIBERATION_NUMBER_TAKEN',
          message: expect.stringContaining(
            `« Numéro de délibération » : la délibération n° ${base} est déjà enregistrée`,
          ),
        }),
      ]);
      expect(await snapshot(dossier.id)).toEqual(before);
    });

    it.each([
      ['a zero-width space prefix', `\u200B${base}`, 'U+200B'],
      ['a zero-width joiner inside', base.replace('-', '-\u200D'), 'U+200D'],
      ['a byte order mark', `${base}\uFEFF`, 'U+FEFF'],
      ['a tab', `${base}\t`, 'U+0009'],
    ])('refuses %s (422, the field named by its label)', async (_name, deliberation, code) => {
      const dossier = await atDecision();
      const refused = await reject(dossier.id, { deliberation });
      expect(refused.status).toBe(422);
      expect(refused.body.error.details.fields).toEqual([
        {
          field: 'deliberation',
          messages: [
            `« Numéro de délibération » contient un caractère invisible ou de contrôle (${code}) : saisissez le numéro tel qu’il figure sur la délibération.`,
          ],
        },
      ]);
    });

    it('holds the number unique in the database too, on the normalised column', async () => {
      const [row] = await t.dataSource.query(
        'SELECT deliberation_number, deliberation_number_normalized FROM decision WHERE dossier_id = $1',
        [holder.id],
      );
      expect(row).toEqual({ deliberation_number: base, deliberation_number_normalized: base.toLowerCase() });
      await expect(
        t.dataSource.query(
          `INSERT INTO decision (dossier_id, outcome, body, session_date, deliberation_number, deliberation_number_normalized,
                                 envelope_year, recorded_at, recorded_by)
           VALUES ($1, 'REJECTED', 'CONSEIL_DEPARTEMENTAL', '2026-01-01', 'autre', $2, 2026, now(), 'test')`,
          [holder.id, base.toLowerCase()],
        ),
      ).rejects.toMatchObject({ constraint: 'UQ_decision_deliberation_number_normalized' });
    });

    it.each([
      [
        'a sitting before the committee’s opinion (1900-01-01)',
        () => '1900-01-01',
        409,
        'SITTING_BEFORE_OPINION',
        '« Date de la séance » : la délibération du 1er janvier 1900 ne peut pas précéder l’avis du comité d’engagement',
      ],
      [
        'a sitting tomorrow (département’s time zone)',
        () => isoDateIn(new Date(t.clock.now().getTime() + 86_400_000), t.config.timeZone),
        422,
        'DATE_IN_FUTURE',
        '« Date de la séance » ne peut pas être postérieure à aujourd’hui',
      ],
    ])('refuses %s', async (_name, date, status, code, message) => {
      const dossier = await atDecision();
      const refused = await reject(dossier.id, { sessionDate: date() });
      expect(refused.status).toBe(status);
      const problems = refused.body.error.details.problems ?? refused.body.error.details.fields;
      expect(problems).toEqual([
        expect.objectContaining({
          field: 'sessionDate',
          code,
          ...(status === 409
            ? { message: expect.stringContaining(message) }
            : { messages: [expect.stringContaining(message)] }),
        }),
      ]);
    });
  });

  describe('declarations of interest per SCIC (issue 16 item 2)', () => {
    const sameScic = () => {
      const scic = { siren: uniqueSiren(), name: `SCIC Même SIREN ${Math.random().toString(36).slice(2, 8)}` };
      return {
        createDossier: (test: TestApp, overrides: Record<string, unknown> = {}) => createDossier(test, overrides, scic),
        sendEvent,
      };
    };
    const signAs = (dossierId: string, user: string) =>
      t.request({
        method: 'POST',
        url: `/api/dossiers/${dossierId}/events`,
        as: 'elected_official',
        user,
        body: { type: 'SIGN' },
      });

    it('an élu who declared an interest through one dossier of the SCIC cannot sign another, and is listed as withdrawn', async () => {
      const walkX = sameScic();
      const a = await atDecisionFor(walkX, t, 800_000);
      const b = await atDecisionFor(walkX, t, 800_000);
      const c = await atDecisionFor(walkX, t, 800_000);
      // Dossiers A's and C's decisions are recorded first: declaring through A lists the élu in A's at once…
      expect((await approve(a.id)).status).toBe(200);
      expect((await approve(c.id)).status).toBe(200);
      const declared = await declareAsSignatory(t, a.id, { hasInterest: true, nature: 'ASSOCIE' }, 'test.elu.x');
      expect(declared.status).toBe(200);
      expect((await decisionOf(a.id)).current.recusedElectedOfficials).toEqual([
        { name: 'test.elu.x', userId: 'test.elu.x' },
      ]);
      // Dossier B's decision, recorded afterwards without naming the élu, lists them too.
      expect((await approve(b.id, { recusedElectedOfficials: [{ name: 'M. Paul Durand' }] })).status).toBe(200);
      const view = await decisionOf(b.id);
      expect(view.current.recusedElectedOfficials).toEqual([
        { name: 'M. Paul Durand' },
        { name: 'test.elu.x', userId: 'test.elu.x' },
      ]);
      expect(view.declarations).toEqual([
        expect.objectContaining({
          userId: 'test.elu.x',
          hasInterest: true,
          nature: 'ASSOCIE',
          declaredThrough: expect.any(String),
        }),
      ]);
      const refused = await signAs(b.id, 'test.elu.x');
      expect(refused.status).toBe(409);
      expect(refused.body.error.details.problems).toEqual(
        expect.arrayContaining([expect.objectContaining({ field: 'signatory', code: 'SIGNATORY_HAS_INTEREST' })]),
      );
      // …and in C's when another élu signs it: the signed decision and its document name them.
      expect((await decisionOf(c.id)).current.recusedElectedOfficials).toEqual([]);
      expect((await declareAsSignatory(t, c.id, { hasInterest: false }, 'test.elu.w')).status).toBe(200);
      const signed = await signAs(c.id, 'test.elu.w');
      expect(signed.status).toBe(200);
      expect((await decisionOf(c.id)).current).toMatchObject({
        signed: true,
        recusedElectedOfficials: [{ name: 'test.elu.x', userId: 'test.elu.x' }],
      });
      const sign = (
        await t.request({ method: 'GET', url: `/api/dossiers/${c.id}/journal?limit=500`, as: 'viewer' })
      ).body.items
        .filter((entry: { type: string }) => entry.type === 'TRANSITION')
        .at(-1);
      expect(sign.payload.effects.recusedAdded).toEqual([{ name: 'test.elu.x', userId: 'test.elu.x' }]);
      const document = flatText((await getBytes(t, `/api/dossiers/${c.id}/decision/document.pdf`, 'viewer')).body);
      expect(document).toContain('test.elu.x');
    });

    it('refuses a withdrawal without a reason, and once a decision relied on the interest', async () => {
      const walkY = sameScic();
      const a = await atDecisionFor(walkY, t, 800_000);
      const b = await atDecisionFor(walkY, t, 800_000);
      expect((await declareAsSignatory(t, a.id, { hasInterest: true, nature: 'EMPLOYEE' }, 'test.elu.y')).status).toBe(
        200,
      );
      const withoutReason = await declareAsSignatory(t, b.id, { hasInterest: false }, 'test.elu.y');
      expect([withoutReason.status, withoutReason.body.error.details.fields]).toEqual([
        422,
        [
          {
            field: 'withdrawalReason',
            messages: [
              '« Motif du retrait » est obligatoire : dites pourquoi l’intérêt déclaré dans cette SCIC ne tient plus.',
            ],
          },
        ],
      ]);
      expect((await approve(b.id)).status).toBe(200);
      const relied = await declareAsSignatory(
        t,
        a.id,
        { hasInterest: false, withdrawalReason: 'Contrat de travail terminé.' },
        'test.elu.y',
      );
      expect(relied.status).toBe(409);
      expect(relied.body.error).toMatchObject({
        code: 'INTEREST_DECLARATION_RELIED_ON',
        details: { reliedOn: 'decision' },
      });
    });

    it('withdraws an interest nothing relied on yet, with its reason, journaled', async () => {
      const a = await atDecisionFor(sameScic(), t, 800_000);
      expect(
        (await declareAsSignatory(t, a.id, { hasInterest: true, nature: 'FAMILY_TIE' }, 'test.elu.z')).status,
      ).toBe(200);
      const withdrawn = await declareAsSignatory(
        t,
        a.id,
        { hasInterest: false, withdrawalReason: 'Homonymie : ce n’est pas mon frère.' },
        'test.elu.z',
      );
      expect([withdrawn.status, withdrawn.body.withdrawalReason]).toEqual([200, 'Homonymie : ce n’est pas mon frère.']);
      const journal = await t.request({ method: 'GET', url: `/api/dossiers/${a.id}/journal?limit=500`, as: 'viewer' });
      expect(journal.body.items.at(-1)).toMatchObject({
        type: 'SIGNATORY_INTEREST_DECLARED',
        payload: { hasInterest: false, withdrawn: true, withdrawalReason: 'Homonymie : ce n’est pas mon frère.' },
      });
      const rows = await t.dataSource.query(
        `SELECT has_interest, superseded_at IS NULL AS current FROM signatory_declaration sd JOIN dossier d ON d.scic_id = sd.scic_id
          WHERE d.id = $1 AND sd.user_id = 'test.elu.z' ORDER BY sd.declared_at`,
        [a.id],
      );
      expect(rows).toEqual([
        { has_interest: true, current: false },
        { has_interest: false, current: true },
      ]);
    });
  });
});
