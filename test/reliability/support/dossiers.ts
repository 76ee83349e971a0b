/** The dossiers a scenario loads: created and submitted through the API of a running instance. */
import { newDossierBody } from '../../support/test-app.js';
import { send, sessionHeaders, type Session } from './client.js';

export interface PreparedDossiers {
  ids: string[];
  /** Each dossier's version once submitted. */
  initialVersions: Map<string, number>;
}

export async function prepareDossiers(
  baseUrl: string,
  session: Session,
  count: number,
  contactEmail = 'contact@scic.example',
): Promise<PreparedDossiers> {
  const ids: string[] = [];
  const initialVersions = new Map<string, number>();
  for (let i = 0; i < count; i++) {
    const created = await send(baseUrl, {
      method: 'POST',
      path: '/api/dossiers',
      headers: sessionHeaders(session, 'POST'),
      body: newDossierBody({ contactEmail }),
    });
    if (created.kind !== 'answer' || created.status !== 201) throw new Error(`create: ${JSON.stringify(created)}`);
    const submitted = await send(baseUrl, {
      method: 'POST',
      path: `/api/dossiers/${created.body.id}/events`,
      headers: sessionHeaders(session, 'POST'),
      body: { type: 'SUBMIT' },
    });
    if (submitted.kind !== 'answer' || submitted.status !== 200)
      throw new Error(`submit: ${JSON.stringify(submitted)}`);
    ids.push(created.body.id);
    initialVersions.set(created.body.id, submitted.body.version);
  }
  return { ids, initialVersions };
}

/** A day `days` from now, as the API takes dates (YYYY-MM-DD). */
export function dayFromNow(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}
