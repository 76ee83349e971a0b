/**
 * Budget envelopes (DOMAIN rule 5): the administrator sets a year's envelope, the
 * signed approvals of the year commit it, and the élus cannot decide beyond what
 * remains. The envelope is global to a year, so this suite moves the app's clock to a
 * year of its own: on the shared database, other suites (in 2026) are not affected.
 */
import { createDossier, sendEvent, startTestApp, type TestApp } from '../support/test-app.js';
import {
  atCommittee as atCommitteeFor,
  atDecision as atDecisionFor,
  freshEnvelopeYear,
  MOTIVATION,
  sitting,
} from '../support/decisions.js';

const SHARE = 10_000;

describe('Budget envelopes', () => {
  let t: TestApp;
  let year: number;
  beforeAll(async () => {
    t = await startTestApp();
    // 2030–2069: the decisions suite takes 2070–2100, so that one run never shares a year.
    year = await freshEnvelopeYear(t, 2030, 2069);
    t.clock.current = new Date(`${year}-06-15T08:00:00Z`);
  });
  afterAll(async () => {
    await t.close();
  });

  const envelopeUrl = () => `/api/envelopes/${year}`;
  const setEnvelope = (amountCents: number) =>
    t.request({
      method: 'PUT',
      url: envelopeUrl(),
      as: 'admin',
      body: { amountCents, programmeReference: `AP ${year}-SCIC`, reason: 'Vote du budget primitif de l’année.' },
    });

  const walk = { createDossier, sendEvent };
  const atCommittee = () => atCommitteeFor(walk, t);
  const atDecision = (proposedAmountCents: number) => atDecisionFor(walk, t, proposedAmountCents);

  it('lets the administrator set an envelope, and only him, with valid figures', async () => {
    expect((await setEnvelope(0)).status).toBe(422);
    const byInstructor = await t.request({
      method: 'PUT',
      url: envelopeUrl(),
      as: 'instructor',
      body: { amountCents: 100, programmeReference: 'AP', reason: 'Vote du budget primitif de l’année.' },
    });
    expect(byInstructor.status).toBe(403);
    const blank = await t.request({
      method: 'PUT',
      url: envelopeUrl(),
      as: 'admin',
      body: { amountCents: 100, programmeReference: '  ', reason: 'Vote du budget primitif de l’année.' },
    });
    expect(blank.status).toBe(422);
    for (const bad of ['20x6', '1999', '99999']) {
      const response = await t.request({ method: 'GET', url: `/api/envelopes/${bad}` });
      expect(response.status).toBe(404);
      expect(response.body.error.code).toBe('REFERENTIAL_ENTRY_NOT_FOUND');
    }

    const set = await setEnvelope(900_000_000);
    expect(set.status).toBe(200);
    const read = await t.request({ method: 'GET', url: envelopeUrl(), as: 'instructor' });
    expect(read.status).toBe(200);
    expect(read.body).toEqual({
      year,
      amountCents: 900_000_000,
      programmeReference: `AP ${year}-SCIC`,
      committedCents: read.body.committedCents,
      remainingCents: 900_000_000 - read.body.committedCents,
    });
  });

  it('commits signed approvals and refuses a decision one share above what remains', async () => {
    // A large envelope first: a former run may have left this year's envelope exhausted.
    expect((await setEnvelope(900_000_000)).status).toBe(200);
    const before = (await t.request({ method: 'GET', url: envelopeUrl() })).body.committedCents as number;

    const first = await atDecision(1_000_000);
    const decision = { type: 'RECORD_DECISION', outcome: 'APPROVED', ...sitting(t, `CP-${year}-1`) };
    expect((await sendEvent(t, first.id, { ...decision, amountCents: 1_000_000 })).status).toBe(200);
    // Recorded but unsigned: nothing committed yet.
    expect((await t.request({ method: 'GET', url: envelopeUrl() })).body.committedCents).toBe(before);
    expect((await sendEvent(t, first.id, { type: 'SIGN' })).status).toBe(200);
    const afterFirst = (await t.request({ method: 'GET', url: envelopeUrl() })).body;
    expect(afterFirst.committedCents).toBe(before + 1_000_000);

    // What remains is now exactly 500 000 cents.
    const remaining = 500_000;
    const set = await setEnvelope(afterFirst.committedCents + remaining);
    expect(set.body.remainingCents).toBe(remaining);

    const second = await atDecision(remaining);
    const oneShareMore = await sendEvent(t, second.id, {
      ...decision,
      deliberation: `CP-${year}-2`,
      amountCents: remaining + SHARE,
      justification: 'Les élus complètent le tour de table.',
    });
    expect(oneShareMore.status).toBe(409);
    expect(oneShareMore.body.error.details.problems).toEqual([
      expect.objectContaining({
        field: 'amountCents',
        code: 'ABOVE_ENVELOPE',
        // The figures: the amount decided, then what remains of the envelope (French format, narrow spaces).
        message: expect.stringMatching(/\(5\s100,00\s€\).*\(5\s000,00\s€ sur /),
      }),
    ]);

    const exactly = await sendEvent(t, second.id, {
      ...decision,
      deliberation: `CP-${year}-2`,
      amountCents: remaining,
    });
    expect(exactly.status).toBe(200);
    expect((await sendEvent(t, second.id, { type: 'SIGN' })).status).toBe(200);
    const exhausted = (await t.request({ method: 'GET', url: envelopeUrl() })).body;
    expect(exhausted).toMatchObject({ committedCents: afterFirst.committedCents + remaining, remainingCents: 0 });

    // Exhausted: the committee cannot even propose one share.
    const third = await atCommittee();
    const proposal = await sendEvent(t, third.id, {
      type: 'RECORD_OPINION',
      opinion: 'FAVOURABLE',
      motivation: MOTIVATION,
      proposedAmountCents: SHARE,
    });
    expect(proposal.status).toBe(409);
    expect(proposal.body.error.details.problems).toEqual([
      expect.objectContaining({ field: 'proposedAmountCents', code: 'ABOVE_ENVELOPE' }),
    ]);
  });

  it('does not commit a signed rejection', async () => {
    expect((await setEnvelope(900_000_000)).status).toBe(200);
    const committed = (await t.request({ method: 'GET', url: envelopeUrl() })).body.committedCents as number;
    const dossier = await atDecision(1_000_000);
    await sendEvent(t, dossier.id, { type: 'RECORD_DECISION', outcome: 'REJECTED', ...sitting(t, `CP-${year}-3`) });
    expect((await sendEvent(t, dossier.id, { type: 'SIGN' })).status).toBe(200);
    expect((await t.request({ method: 'GET', url: envelopeUrl() })).body.committedCents).toBe(committed);
  });
});
