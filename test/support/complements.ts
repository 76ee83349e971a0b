/**
 * A complements request, the message the outbox suites deliver: a dossier created,
 * submitted and asked for complements through the API, with the SCIC's contact e-mail.
 */
import { newDossierBody, uniqueWord, type TestApp } from './test-app.js';

/** A fresh contact address, so that each test finds its own e-mails. */
export const uniqueEmail = (prefix = 'contact') => `${uniqueWord(prefix)}@scic.example`;

/** One JSON call to the API of a running app, as the instructor. */
export type InstructorCall = (method: 'POST', path: string, body: unknown) => Promise<{ status: number; body: any }>;

/** Calls through an in-process test app. */
export const inProcess =
  (test: TestApp): InstructorCall =>
  (method, path, body) =>
    test.request({ method, url: `/api${path}`, as: 'instructor', body });

export interface ComplementsRequest {
  reason?: string;
  dueDate?: string;
}

/** Creates a dossier, submits it and requests complements; answers the dossier once each call is acknowledged. */
export async function requestComplements(
  call: InstructorCall,
  contactEmail: string,
  { reason = 'Comptes annuels 2025', dueDate = '2026-12-15' }: ComplementsRequest = {},
): Promise<{ id: string; reference: string }> {
  const created = await call('POST', '/dossiers', newDossierBody({ contactEmail }));
  expect(created.status).toBe(201);
  const id = created.body.id as string;
  expect((await call('POST', `/dossiers/${id}/events`, { type: 'SUBMIT' })).status).toBe(200);
  const requested = await call('POST', `/dossiers/${id}/events`, { type: 'REQUEST_COMPLEMENTS', reason, dueDate });
  expect(requested.status).toBe(200);
  expect(requested.body.state).toBe('awaitingComplements');
  return { id, reference: created.body.reference };
}

/** The id of the dossier's complements message in the outbox. */
export async function complementsMessageId(test: TestApp, dossierId: string): Promise<string> {
  const [row] = await test.dataSource.query<{ id: string }[]>(
    `SELECT id FROM outbox_message WHERE dossier_id = $1 AND topic = 'complements.requested'`,
    [dossierId],
  );
  return row.id;
}
