/** The outbox as the delivery suites find it. */
import type { TestApp } from './test-app.js';

/**
 * On a shared server database the suites before this one left undelivered messages
 * (their workers are off), and the deadline scheduler writes reminders for their dossiers
 * too. They are not the calling suite's to deliver: retire them (all of them, or all but
 * one dossier's), so that each test's worker pass meets only the messages the test made.
 */
export async function retireBacklog(t: TestApp, except?: string | { sessionId: string }): Promise<void> {
  // A session's convocations carry no dossier: they are kept by their session.
  const keepSession = typeof except === 'object' ? except.sessionId : null;
  const keepDossier = typeof except === 'string' ? except : null;
  await t.dataSource.query(
    `UPDATE outbox_message SET status = 'done', processed_at = now()
      WHERE status IN ('pending', 'sending') AND ($1::uuid IS NULL OR dossier_id IS DISTINCT FROM $1)
        AND ($2::text IS NULL OR payload->>'sessionId' IS DISTINCT FROM $2)`,
    [keepDossier, keepSession],
  );
}
