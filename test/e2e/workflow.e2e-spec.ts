import { JournalService, type NewJournalEntry } from '../../src/journal/journal.service.js';
import type { EntityManager } from 'typeorm';
import { createDossier, sendEvent, startTestApp, type TestApp } from '../support/test-app.js';
import { prepareFor } from '../support/instruction.js';
import { declareAsSignatory, ensureEnvelope } from '../support/decisions.js';

/** The sitting of the élus the decisions of this suite come from (the test clock's day). */
const DECISION_SITTING = { body: 'CONSEIL_DEPARTEMENTAL', sessionDate: '2026-11-23' } as const;

const COMPLEMENTS = { type: 'REQUEST_COMPLEMENTS', reason: 'Comptes annuels 2025', dueDate: '2026-12-15' };

async function dossierState(t: TestApp, id: string) {
  const [row] = await t.dataSource.query('SELECT state, version FROM dossier WHERE id = $1', [id]);
  const [{ n }] = await t.dataSource.query('SELECT count(*)::int AS n FROM journal_entry WHERE dossier_id = $1', [id]);
  const [{ m }] = await t.dataSource.query('SELECT count(*)::int AS m FROM outbox_message WHERE dossier_id = $1', [id]);
  return { state: row.state as string, version: row.version as number, journal: n as number, outbox: m as number };
}

describe('Workflow events (transition protocol)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('moves a dossier, journals the transition with its actor and answers the new ETag', async () => {
    const dossier = await createDossier(t);
    const response = await sendEvent(t, dossier.id, { type: 'SUBMIT' }, { headers: { 'if-match': '"1"' } });
    expect(response.status).toBe(200);
    expect(response.headers.etag).toBe('"2"');
    expect(response.body).toMatchObject({
      event: 'SUBMIT',
      fromState: 'draft',
      state: 'instruction.activity',
      stateLabel: 'Étape 1 — Analyse des indicateurs d’activité',
      version: 2,
      journalSeq: 2,
    });
    expect(response.body.allowedEvents).toEqual(['COMPLETE_ACTIVITY', 'REQUEST_COMPLEMENTS', 'WITHDRAW', 'CLOSE']);
    const journal = await t.request({ method: 'GET', url: `/api/dossiers/${dossier.id}/journal` });
    expect(journal.body.items[1]).toMatchObject({
      seq: 2,
      type: 'TRANSITION',
      actorId: 'test.instructor',
      actorRole: 'instructor',
      payload: {
        event: { type: 'SUBMIT' },
        fromState: 'draft',
        toState: 'instruction.activity',
        machineVersion: 1,
        facts: { requestValid: [] },
      },
    });
  });

  it('journals the conditions checked with what each module answered', async () => {
    const dossier = await createDossier(t);
    await sendEvent(t, dossier.id, { type: 'SUBMIT' });
    await sendEvent(t, dossier.id, { type: 'COMPLETE_ACTIVITY' });
    const journal = await t.request({ method: 'GET', url: `/api/dossiers/${dossier.id}/journal` });
    const completion = journal.body.items.find((entry: any) => entry.payload.event?.type === 'COMPLETE_ACTIVITY');
    expect(completion.payload).toMatchObject({ facts: { activityComplete: [] } });
  });

  it('resumes at the step it left after complements (deep history survives the database)', async () => {
    const dossier = await createDossier(t);
    for (const type of ['SUBMIT', 'COMPLETE_ACTIVITY', 'COMPLETE_ESS_PRACTICES']) {
      expect((await sendEvent(t, dossier.id, { type })).status).toBe(200);
    }
    const suspended = await sendEvent(t, dossier.id, COMPLEMENTS);
    expect(suspended.body.state).toBe('awaitingComplements');
    const resumed = await sendEvent(t, dossier.id, { type: 'RECEIVE_COMPLEMENTS' });
    expect(resumed.status).toBe(200);
    expect(resumed.body.state).toBe('instruction.economic');
  });

  it('writes an outbox row with the transition for side effects', async () => {
    const dossier = await createDossier(t);
    await sendEvent(t, dossier.id, { type: 'SUBMIT' });
    await sendEvent(t, dossier.id, COMPLEMENTS);
    const rows = await t.dataSource.query('SELECT topic, status, payload FROM outbox_message WHERE dossier_id = $1', [
      dossier.id,
    ]);
    expect(rows).toEqual([
      expect.objectContaining({
        topic: 'complements.requested',
        status: 'pending',
        payload: expect.objectContaining({ journalSeq: 3 }),
      }),
    ]);
  });

  describe('refusals write nothing', () => {
    it('409 with the current state and the allowed events when the event is not allowed here', async () => {
      const dossier = await createDossier(t);
      const before = await dossierState(t, dossier.id);
      // No preparation: the refused event alone must write nothing.
      const response = await sendEvent(t, dossier.id, { type: 'COMPLETE_ECONOMIC' }, { prepare: false });
      expect(response.status).toBe(409);
      expect(response.body.error).toMatchObject({
        code: 'DOSSIER_TRANSITION_NOT_ALLOWED',
        details: { currentState: 'draft', allowedEvents: ['SUBMIT', 'WITHDRAW', 'CLOSE'], event: 'COMPLETE_ECONOMIC' },
      });
      expect(await dossierState(t, dossier.id)).toEqual(before);
    });

    it('422 with the field and a French message for a command the guard refuses', async () => {
      const dossier = await createDossier(t);
      await sendEvent(t, dossier.id, { type: 'SUBMIT' });
      const before = await dossierState(t, dossier.id);
      const response = await sendEvent(t, dossier.id, { ...COMPLEMENTS, dueDate: '2026-11-01' });
      expect(response.status).toBe(422);
      expect(response.body.error.details.fields).toEqual([
        {
          field: 'dueDate',
          code: 'DUE_DATE_NOT_FUTURE',
          messages: ["La date d'échéance doit être postérieure à aujourd'hui."],
        },
      ]);
      expect(await dossierState(t, dossier.id)).toEqual(before);
    });

    it('409 listing the problems when the dossier does not meet the conditions', async () => {
      const dossier = await createDossier(t, { requestedAmountCents: 1_000_000 });
      for (const type of ['SUBMIT', 'COMPLETE_ACTIVITY', 'COMPLETE_ESS_PRACTICES', 'COMPLETE_ECONOMIC'])
        await sendEvent(t, dossier.id, { type });
      await sendEvent(t, dossier.id, { type: 'SCHEDULE_COMMITTEE', sessionId: 'S-1' });
      // A complete committee first (its declarations are journaled): then the refusal alone.
      await prepareFor(t, dossier.id, { type: 'RECORD_OPINION' });
      const before = await dossierState(t, dossier.id);
      const response = await sendEvent(
        t,
        dossier.id,
        {
          type: 'RECORD_OPINION',
          opinion: 'FAVOURABLE',
          motivation: 'Projet solide et bien ancré sur son territoire.',
          proposedAmountCents: 1_005_000,
        },
        { prepare: false },
      );
      expect(response.status).toBe(409);
      expect(response.body.error.code).toBe('DOSSIER_TRANSITION_CONDITIONS_NOT_MET');
      expect(response.body.error.details.problems.map((p: { code: string }) => p.code).sort()).toEqual([
        'ABOVE_REQUESTED',
        'NOT_WHOLE_SHARES',
      ]);
      expect(await dossierState(t, dossier.id)).toEqual(before);
    });

    it('403 when the role may not send this event, 404 when it may not even see the dossier', async () => {
      const dossier = await createDossier(t);
      const before = await dossierState(t, dossier.id);
      // Roles without the event permission at all are refused at the route.
      for (const role of ['viewer', 'admin', 'committee_member'] as const) {
        const response = await sendEvent(t, dossier.id, { type: 'SUBMIT' }, { as: role });
        expect(response.status).toBe(403);
      }
      const official = await t.request({ method: 'GET', url: `/api/dossiers/${dossier.id}`, as: 'elected_official' });
      expect(official.status).toBe(404);
      for (const role of ['committee_secretary', 'elected_official'] as const) {
        const response = await sendEvent(t, dossier.id, { type: 'SUBMIT' }, { as: role });
        expect(response.status).toBe(404);
      }
      expect(await dossierState(t, dossier.id)).toEqual(before);
    });

    it('403 naming the roles of the event for a role that sees the dossier but may not send it', async () => {
      const dossier = await createDossier(t);
      for (const type of ['SUBMIT', 'COMPLETE_ACTIVITY', 'COMPLETE_ESS_PRACTICES', 'COMPLETE_ECONOMIC'])
        await sendEvent(t, dossier.id, { type });
      const before = await dossierState(t, dossier.id);
      const secretary = await sendEvent(
        t,
        dossier.id,
        { type: 'SCHEDULE_COMMITTEE', sessionId: 'S-1' },
        { as: 'committee_secretary' },
      );
      expect(secretary.status).toBe(403);
      expect(secretary.body.error.details).toMatchObject({ event: 'SCHEDULE_COMMITTEE', allowedRoles: ['instructor'] });
      expect(await dossierState(t, dossier.id)).toEqual(before);
    });

    it('412 with the current version on a stale If-Match, and on a stale expectedVersion', async () => {
      const dossier = await createDossier(t);
      await sendEvent(t, dossier.id, { type: 'SUBMIT' });
      const before = await dossierState(t, dossier.id);
      const stale = await sendEvent(
        t,
        dossier.id,
        { type: 'COMPLETE_ACTIVITY' },
        { headers: { 'if-match': '"1"' }, prepare: false },
      );
      expect(stale.status).toBe(412);
      expect(stale.body.error).toMatchObject({
        code: 'DOSSIER_VERSION_MISMATCH',
        details: { expectedVersion: 1, currentVersion: 2 },
      });
      const staleBody = await sendEvent(
        t,
        dossier.id,
        { type: 'COMPLETE_ACTIVITY', expectedVersion: 1 },
        { prepare: false },
      );
      expect(staleBody.status).toBe(412);
      expect(await dossierState(t, dossier.id)).toEqual(before);
    });

    it.each([
      ['an unknown event type', { type: 'APPROVE_EVERYTHING' }, 'type'],
      ['a missing type', { reason: 'x' }, 'type'],
      ['a type of the wrong type', { type: 42 }, 'type'],
      ['an unknown field', { type: 'SUBMIT', force: true }, 'force'],
      ['a missing reason', { type: 'WITHDRAW' }, 'reason'],
      ['a reason that is not a string', { type: 'WITHDRAW', reason: ['x'] }, 'reason'],
      ['a send-back to an unknown step', { type: 'SEND_BACK', toStep: 'committee', reason: 'x' }, 'toStep'],
      [
        'a decimal proposed amount',
        { type: 'RECORD_OPINION', opinion: 'FAVOURABLE', motivation: 'm'.repeat(30), proposedAmountCents: 10.5 },
        'proposedAmountCents',
      ],
      [
        'a negative decided amount',
        { type: 'RECORD_DECISION', outcome: 'APPROVED', ...DECISION_SITTING, deliberation: 'D', amountCents: -1 },
        'amountCents',
      ],
      ['an expectedVersion as a string', { type: 'SUBMIT', expectedVersion: '1' }, 'expectedVersion'],
    ])('422 for %s', async (_label, body, field) => {
      const dossier = await createDossier(t);
      const before = await dossierState(t, dossier.id);
      const response = await sendEvent(t, dossier.id, body as Record<string, unknown>, { as: 'instructor' });
      expect(response.status).toBe(422);
      expect(response.body.error.details.fields.map((f: { field: string }) => f.field)).toContain(field);
      expect(await dossierState(t, dossier.id)).toEqual(before);
    });

    it('422 for a malformed If-Match or Idempotency-Key, 404 for an unknown dossier', async () => {
      const dossier = await createDossier(t);
      expect(
        (await sendEvent(t, dossier.id, { type: 'SUBMIT' }, { headers: { 'if-match': 'yesterday' } })).status,
      ).toBe(422);
      expect(
        (await sendEvent(t, dossier.id, { type: 'SUBMIT' }, { headers: { 'idempotency-key': 'a b' } })).status,
      ).toBe(422);
      expect((await sendEvent(t, '00000000-0000-4000-8000-000000000000', { type: 'SUBMIT' })).status).toBe(404);
    });
  });

  describe('amount rules through the events (DOMAIN rules 4 and 5)', () => {
    async function atCommittee(requestedAmountCents = 1_000_000) {
      const dossier = await createDossier(t, { requestedAmountCents });
      for (const type of ['SUBMIT', 'COMPLETE_ACTIVITY', 'COMPLETE_ESS_PRACTICES', 'COMPLETE_ECONOMIC']) {
        await sendEvent(t, dossier.id, { type });
      }
      await sendEvent(t, dossier.id, { type: 'SCHEDULE_COMMITTEE', sessionId: 'S-1' });
      return dossier;
    }
    const motivation = 'Projet solide, bien ancré sur son territoire.';

    it('refuses an amount with an unfavourable opinion (it would frame the decision unchecked)', async () => {
      const dossier = await atCommittee();
      const response = await sendEvent(t, dossier.id, {
        type: 'RECORD_OPINION',
        opinion: 'UNFAVOURABLE',
        motivation,
        proposedAmountCents: 123_456_700,
      });
      expect(response.status).toBe(422);
      expect(response.body.error.details.fields[0]).toMatchObject({
        field: 'proposedAmountCents',
        code: 'AMOUNT_ONLY_WHEN_FAVOURABLE',
      });
    });

    it('never lets the élus decide above the requested amount, even with a justification', async () => {
      const dossier = await atCommittee();
      await sendEvent(t, dossier.id, { type: 'RECORD_OPINION', opinion: 'UNFAVOURABLE', motivation });
      const decision = {
        type: 'RECORD_DECISION',
        outcome: 'APPROVED',
        ...DECISION_SITTING,
        deliberation: 'CP-2026-1',
        justification: 'Motif',
      };
      const above = await sendEvent(t, dossier.id, { ...decision, amountCents: 1_010_000 });
      expect(above.status).toBe(409);
      expect(above.body.error.details.problems.map((p: { code: string }) => p.code)).toEqual(['ABOVE_REQUESTED']);
      const unjustified = await sendEvent(t, dossier.id, {
        ...decision,
        justification: undefined,
        amountCents: 500_000,
      });
      expect(unjustified.status).toBe(409);
      expect(unjustified.body.error.details.problems.map((p: { code: string }) => p.code)).toEqual([
        'JUSTIFICATION_REQUIRED',
      ]);
      const accepted = await sendEvent(t, dossier.id, { ...decision, amountCents: 1_000_000 });
      expect(accepted.status).toBe(200);
    });

    it('decides the proposed amount without a justification, another one only with', async () => {
      const dossier = await atCommittee();
      await sendEvent(t, dossier.id, {
        type: 'RECORD_OPINION',
        opinion: 'FAVOURABLE',
        motivation,
        proposedAmountCents: 800_000,
      });
      const decision = { type: 'RECORD_DECISION', outcome: 'APPROVED', ...DECISION_SITTING, deliberation: 'CP-2026-2' };
      expect((await sendEvent(t, dossier.id, { ...decision, amountCents: 700_000 })).status).toBe(409);
      expect((await sendEvent(t, dossier.id, { ...decision, amountCents: 800_000 })).status).toBe(200);
    });
  });

  it('lets only an elected official with a signing delegation sign', async () => {
    const dossier = await createDossier(t, { requestedAmountCents: 1_000_000 });
    for (const type of ['SUBMIT', 'COMPLETE_ACTIVITY', 'COMPLETE_ESS_PRACTICES', 'COMPLETE_ECONOMIC']) {
      await sendEvent(t, dossier.id, { type });
    }
    await sendEvent(t, dossier.id, { type: 'SCHEDULE_COMMITTEE', sessionId: 'S-1' });
    await sendEvent(t, dossier.id, {
      type: 'RECORD_OPINION',
      opinion: 'FAVOURABLE',
      motivation: 'Projet solide, bien ancré sur son territoire.',
      proposedAmountCents: 1_000_000,
    });
    await sendEvent(t, dossier.id, {
      type: 'RECORD_DECISION',
      outcome: 'APPROVED',
      ...DECISION_SITTING,
      deliberation: 'CP-1',
      amountCents: 1_000_000,
    });
    // Declared no interest, the year's envelope set: the delegation is what is missing.
    expect((await declareAsSignatory(t, dossier.id, { hasInterest: false })).status).toBe(200);
    await ensureEnvelope(t, dossier.id);
    const undelegated = await t.request({
      method: 'POST',
      url: `/api/dossiers/${dossier.id}/events`,
      as: 'elected_official',
      body: { type: 'SIGN' },
      headers: { 'x-dev-signing-delegation': 'false' },
    });
    expect(undelegated.status).toBe(409);
    expect(undelegated.body.error.details.problems).toEqual([
      expect.objectContaining({ field: 'signatory', code: 'NO_SIGNING_DELEGATION' }),
    ]);
    const signed = await sendEvent(t, dossier.id, { type: 'SIGN' });
    expect(signed.status).toBe(200);
    expect(signed.body.state).toBe('approved');
  });

  describe('idempotency', () => {
    it('answers the same key twice with the same response and one transition', async () => {
      const dossier = await createDossier(t);
      const headers = { 'idempotency-key': `submit-${dossier.id}`, 'if-match': '"1"' };
      const first = await sendEvent(t, dossier.id, { type: 'SUBMIT' }, { headers });
      const second = await sendEvent(t, dossier.id, { type: 'SUBMIT' }, { headers });
      expect(first.status).toBe(200);
      expect(second.status).toBe(200);
      expect(second.body).toEqual(first.body);
      expect(second.headers['idempotent-replayed']).toBe('true');
      expect(await dossierState(t, dossier.id)).toMatchObject({ version: 2, journal: 2 });
    });

    it('refuses the same key with another body', async () => {
      const dossier = await createDossier(t);
      const headers = { 'idempotency-key': 'key-1' };
      await sendEvent(t, dossier.id, { type: 'SUBMIT' }, { headers });
      const other = await sendEvent(t, dossier.id, COMPLEMENTS, { headers });
      expect(other.status).toBe(422);
      expect(other.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    });

    it('scopes keys to a dossier', async () => {
      const [a, b] = [await createDossier(t), await createDossier(t)];
      const headers = { 'idempotency-key': 'shared-key' };
      expect((await sendEvent(t, a.id, { type: 'SUBMIT' }, { headers })).body.dossierId).toBe(a.id);
      expect((await sendEvent(t, b.id, { type: 'SUBMIT' }, { headers })).body.dossierId).toBe(b.id);
    });

    it('replays concurrent retries of one key as one transition', async () => {
      const dossier = await createDossier(t);
      const headers = { 'idempotency-key': 'burst' };
      const responses = await Promise.all(
        Array.from({ length: 10 }, () => sendEvent(t, dossier.id, { type: 'SUBMIT' }, { headers })),
      );
      expect(responses.map((r) => r.status)).toEqual(Array(10).fill(200));
      for (const response of responses) expect(response.body).toEqual(responses[0].body);
      expect(await dossierState(t, dossier.id)).toMatchObject({ version: 2, journal: 2 });
    });
  });

  it('lets exactly one of 50 simultaneous events with the same If-Match through', async () => {
    const dossier = await createDossier(t);
    await sendEvent(t, dossier.id, { type: 'SUBMIT' });
    // The analysis and pieces first, so that the race is between the events alone.
    await prepareFor(t, dossier.id, { type: 'COMPLETE_ACTIVITY' });
    const prepared = (await dossierState(t, dossier.id)).journal;
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        sendEvent(t, dossier.id, i % 2 ? COMPLEMENTS : { type: 'COMPLETE_ACTIVITY' }, {
          headers: { 'if-match': '"2"' },
          prepare: false,
        }),
      ),
    );
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.every((s) => s === 200 || s === 412 || s === 409)).toBe(true);
    const after = await dossierState(t, dossier.id);
    expect(after.version).toBe(3);
    expect(after.journal).toBe(prepared + 1);
    const verify = await t.request({ method: 'GET', url: `/api/dossiers/${dossier.id}/journal/verify` });
    expect(verify.body).toEqual({ valid: true, entries: prepared + 1, firstBrokenSeq: null, problems: [] });
  });

  it('keeps a gap-free journal when many clients cycle one dossier without If-Match', async () => {
    const dossier = await createDossier(t);
    await sendEvent(t, dossier.id, { type: 'SUBMIT' });
    const responses = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        sendEvent(t, dossier.id, i % 2 ? { type: 'RECEIVE_COMPLEMENTS' } : COMPLEMENTS),
      ),
    );
    const ok = responses.filter((r) => r.status === 200).length;
    expect(responses.every((r) => r.status === 200 || r.status === 409)).toBe(true);
    const after = await dossierState(t, dossier.id);
    expect(after.version).toBe(2 + ok);
    expect(after.journal).toBe(2 + ok);
    const seqs = await t.dataSource.query('SELECT seq FROM journal_entry WHERE dossier_id = $1 ORDER BY seq', [
      dossier.id,
    ]);
    expect(seqs.map((r: { seq: number }) => r.seq)).toEqual(Array.from({ length: 2 + ok }, (_, i) => i + 1));
    expect((await t.request({ method: 'GET', url: `/api/dossiers/${dossier.id}/journal/verify` })).body.valid).toBe(
      true,
    );
  });
});

/** A journal whose transition entries fail after the state update: the fault to contain. */
class FailingJournal extends JournalService {
  override async append(manager: EntityManager, dossierId: string, entry: NewJournalEntry, now?: Date) {
    if (entry.type === 'TRANSITION') {
      // Let the insert reach the database first, then fail: the update and the insert
      // are both inside the transaction when it rolls back.
      await super.append(manager, dossierId, entry, now);
      throw new Error('injected fault after the journal insert');
    }
    return super.append(manager, dossierId, entry, now);
  }
}

describe('Atomicity: a failure before commit leaves nothing behind', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({
      override: (builder) => builder.overrideProvider(JournalService).useClass(FailingJournal),
    });
  });
  afterAll(async () => {
    await t.close();
  });

  it('keeps state, version, journal and outbox unchanged, and answers 500 without details', async () => {
    const dossier = await createDossier(t);
    await t.dataSource.query(`UPDATE dossier SET state = 'instruction.activity', snapshot = $2 WHERE id = $1`, [
      dossier.id,
      {
        status: 'active',
        value: { instruction: 'activity' },
        historyValue: {},
        context: { opinion: null, proposedAmountCents: null, decisionOutcome: null, decidedAmountCents: null },
        children: {},
      },
    ]);
    const before = await dossierState(t, dossier.id);
    const response = await sendEvent(t, dossier.id, COMPLEMENTS, { headers: { 'idempotency-key': 'fault' } });
    expect(response.status).toBe(500);
    expect(response.body.error).toEqual({ code: 'INTERNAL_ERROR', message: expect.any(String), details: {} });
    expect(await dossierState(t, dossier.id)).toEqual(before);
    const [{ n }] = await t.dataSource.query(
      'SELECT count(*)::int AS n FROM idempotency_record WHERE dossier_id = $1',
      [dossier.id],
    );
    expect(n).toBe(0);
  });
});
