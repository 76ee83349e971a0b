/**
 * Arranges a dossier's data so that an event's real conditions hold, as a user would
 * before clicking: the step's analysis filled, its pieces uploaded, a session with a
 * complete committee… `sendEvent` calls it unless told not to, so that suites about
 * other things (journal, outbox, permissions, the model) walk dossiers through the
 * steps without repeating the set-up. Each feature module adds its part here.
 *
 * Returns the body to send (an event may need an id created here, e.g. a session).
 */
import { fillAnalysis } from './analyses.js';
import { prepareOpinion, prepareSchedule } from './committee.js';
import { prepareDecision, prepareSignature } from './decisions.js';
import { uploadRequiredPieces } from './documents.js';
import type { TestApp } from './test-app.js';

export type Preparation = (
  test: TestApp,
  dossierId: string,
  body: Record<string, unknown>,
) => Promise<Record<string, unknown>>;

/**
 * Per event type, what makes its conditions hold; several preparations run in order.
 * Each is idempotent (sending the same event twice prepares twice).
 */
const PREPARATIONS: Partial<Record<string, Preparation[]>> = {
  COMPLETE_ACTIVITY: [fillAnalysis('activity'), uploadRequiredPieces('activity')],
  COMPLETE_ESS_PRACTICES: [fillAnalysis('essPractices'), uploadRequiredPieces('essPractices')],
  COMPLETE_ECONOMIC: [fillAnalysis('economic'), uploadRequiredPieces('economic')],
  SCHEDULE_COMMITTEE: [prepareSchedule],
  RECORD_OPINION: [prepareOpinion],
  RECORD_DECISION: [prepareDecision],
  SIGN: [prepareSignature],
};

export async function prepareFor(
  test: TestApp,
  dossierId: string,
  body: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  let prepared = body;
  for (const preparation of PREPARATIONS[String(body.type)] ?? [])
    prepared = await preparation(test, dossierId, prepared);
  return prepared;
}
