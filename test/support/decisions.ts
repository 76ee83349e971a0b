/**
 * The élus' decision in e2e suites: a complete RECORD_DECISION body, and the
 * preparations that make RECORD_DECISION and SIGN meet their real conditions (see
 * instruction.ts) — a délibération number no other dossier used, the signatory's
 * declaration of no interest — done through the API as the élus would.
 */
import { isoDateIn } from '../../src/common/clock.js';
import { normalizeDeliberationNumber } from '../../src/common/deliberation-number.js';
import type { Preparation } from './instruction.js';
// Types only from test-app.ts: it imports instruction.ts, which imports this file.
import type { TestApp, TestResponse } from './test-app.js';

export const MOTIVATION = 'Projet solide, bien ancré sur son territoire.';

type Walk = {
  createDossier(test: TestApp, overrides?: { requestedAmountCents?: number }): Promise<{ id: string }>;
  sendEvent(test: TestApp, dossierId: string, body: Record<string, unknown>): Promise<TestResponse>;
};

function expectOk(what: string, response: TestResponse): void {
  if (response.status !== 200) throw new Error(`${what}: ${response.status} ${JSON.stringify(response.body)}`);
}

/** A dossier scheduled before the committee: its opinion is the next event. */
export async function atCommittee(walk: Walk, test: TestApp, requestedAmountCents = 1_000_000) {
  const dossier = await walk.createDossier(test, { requestedAmountCents });
  for (const type of ['SUBMIT', 'COMPLETE_ACTIVITY', 'COMPLETE_ESS_PRACTICES', 'COMPLETE_ECONOMIC']) {
    expectOk(type, await walk.sendEvent(test, dossier.id, { type }));
  }
  expectOk(
    'SCHEDULE_COMMITTEE',
    await walk.sendEvent(test, dossier.id, { type: 'SCHEDULE_COMMITTEE', sessionId: 'S' }),
  );
  return dossier;
}

/** A dossier with the committee's favourable opinion on `proposedAmountCents`, awaiting the élus. */
export async function atDecision(
  walk: Walk,
  test: TestApp,
  proposedAmountCents: number,
  requestedAmountCents = 1_000_000,
) {
  const dossier = await atCommittee(walk, test, requestedAmountCents);
  expectOk(
    'RECORD_OPINION',
    await walk.sendEvent(test, dossier.id, {
      type: 'RECORD_OPINION',
      opinion: 'FAVOURABLE',
      motivation: MOTIVATION,
      proposedAmountCents,
    }),
  );
  return dossier;
}

let counter = 0;

/** A délibération number no other test uses. */
export function uniqueDeliberation(prefix = 'CP-2026'): string {
  counter += 1;
  return `${prefix}-${process.pid}-${counter}-${Math.random().toString(36).slice(2, 6)}`;
}

/** The sitting of a decision: the standing committee by delegation, on the test clock's day (département's time zone). */
export function sitting(test: TestApp, deliberation = uniqueDeliberation()) {
  return {
    body: 'COMMISSION_PERMANENTE',
    delegationReference: 'Délibération CD-2025-001 du 2 juillet 2025',
    sessionDate: isoDateIn(test.clock.now(), test.config.timeZone),
    deliberation,
  };
}

/**
 * Keeps the command's délibération number unless another decision holds it (suites that
 * replay one model command on many dossiers): then a unique one, with the same prefix.
 */
export const prepareDecision: Preparation = async (test, _dossierId, body) => {
  const deliberation = body.deliberation;
  if (typeof deliberation !== 'string' || !deliberation.trim()) return body;
  const [taken] = await test.dataSource.query('SELECT 1 FROM decision WHERE deliberation_number_normalized = $1', [
    normalizeDeliberationNumber(deliberation),
  ]);
  return taken ? { ...body, deliberation: uniqueDeliberation(deliberation.trim()) } : body;
};

/**
 * The signing élu (the development identity of sendEvent) declares no interest in the
 * SCIC — unless a declaration already holds for it (an interest stays: withdrawing one
 * is an act with its reason, not a preparation).
 */
export const prepareSignature: Preparation = async (test, dossierId, body) => {
  const [declared] = await test.dataSource.query(
    `SELECT 1 FROM signatory_declaration sd JOIN dossier d ON d.scic_id = sd.scic_id
      WHERE d.id = $1 AND sd.user_id = $2 AND sd.superseded_at IS NULL`,
    [dossierId, 'test.elected_official'],
  );
  if (!declared) await declareAsSignatory(test, dossierId, { hasInterest: false });
  await ensureEnvelope(test, dossierId);
  return body;
};

/**
 * An approval is signed only against its year's envelope (rule 5): suites about other
 * things get a generous one for the pending decision's year when none is set. Written
 * directly, as a deployment would have it; the envelopes suite sets its own years.
 */
export async function ensureEnvelope(test: TestApp, dossierId: string): Promise<void> {
  await test.dataSource.query(
    `INSERT INTO budget_envelope (year, amount_cents, programme_reference)
     SELECT d.envelope_year, 900000000000000, 'AP ' || d.envelope_year || ' (tests)'
       FROM decision d WHERE d.dossier_id = $1 AND d.signed_at IS NULL
     ON CONFLICT (year) DO NOTHING`,
    [dossierId],
  );
}

/**
 * A year in [from, to] without an envelope yet in this database: a suite that sets and
 * charges an envelope starts from an empty year, on a fresh database as on one kept from an
 * earlier run (suites of one run keep to disjoint ranges).
 */
export async function freshEnvelopeYear(test: TestApp, from: number, to: number): Promise<number> {
  const rows = await test.dataSource.query<{ year: number }[]>(
    'SELECT year FROM budget_envelope WHERE year BETWEEN $1 AND $2',
    [from, to],
  );
  const taken = new Set(rows.map((row) => Number(row.year)));
  const free = Array.from({ length: to - from + 1 }, (_, i) => from + i).filter((year) => !taken.has(year));
  if (free.length === 0) throw new Error(`No envelope year left in ${from}–${to}: use a fresh database.`);
  return free[Math.floor(Math.random() * free.length)];
}

export function declareAsSignatory(
  test: TestApp,
  dossierId: string,
  declaration: { hasInterest: boolean; nature?: string; details?: string; withdrawalReason?: string },
  user?: string,
) {
  return test.request({
    method: 'PUT',
    url: `/api/dossiers/${dossierId}/decision/declaration`,
    as: 'elected_official',
    user,
    body: declaration,
  });
}
