/**
 * Scripts stored through valid requests, in every free text the API keeps — SCIC name and
 * commune, a complements reason (and so its e-mail, rendered by the worker), an analysis,
 * a token name, a session place, a document's label and file name, a CSV, a user's name,
 * referential labels — for the hostile-input scenario to look for in every answer.
 */
import { samplePdf } from '../../../src/demo/sample-pdf.js';
import { until } from '../../support/poll.js';
import { uniqueSiren } from '../../support/test-app.js';
import { login, send, sessionHeaders } from './client.js';
import { DEMO_PASSWORD, demoEmail, withClient } from './databases.js';
import { dayFromNow } from './dossiers.js';
import { multipart } from './fuzz-target.js';
import { SCRIPT_PAYLOADS } from './hostile.js';
import { bodySchemaOf } from './openapi-operations.js';

/** Stores them through the instance at `url` (workers on), and waits for the e-mails to be rendered. */
export async function storeScripts(url: string, databaseUrl: string): Promise<void> {
  const as = {
    instructor: await login(url, demoEmail('instructeur'), DEMO_PASSWORD),
    admin: await login(url, demoEmail('admin'), DEMO_PASSWORD),
  };
  const call = async (role: keyof typeof as, method: string, path: string, body?: unknown) => {
    const answer = await send(url, { method, path, body, headers: sessionHeaders(as[role], method) });
    if (answer.kind !== 'answer' || answer.status >= 300)
      throw new Error(`${method} ${path}: ${JSON.stringify(answer.kind === 'answer' ? answer.body : answer)}`);
    return answer.body;
  };
  const [script, image, svg] = SCRIPT_PAYLOADS;
  const dossier = await call('instructor', 'POST', '/api/dossiers', {
    scic: { siren: uniqueSiren(), name: `SCIC ${script}`, legalForm: 'SAS', commune: image },
    requestedAmountCents: 6_000_000,
    nominalShareValueCents: 10_000,
    contactEmail: 'contact@scic.example',
  });
  await call('instructor', 'POST', `/api/dossiers/${dossier.id}/events`, { type: 'SUBMIT' });
  await call('instructor', 'POST', `/api/dossiers/${dossier.id}/events`, {
    type: 'REQUEST_COMPLEMENTS',
    reason: `Pièces ${svg}`,
    dueDate: dayFromNow(20),
  });
  await call('instructor', 'POST', `/api/dossiers/${dossier.id}/events`, { type: 'RECEIVE_COMPLEMENTS' });
  await call('instructor', 'PUT', `/api/dossiers/${dossier.id}/analyses/activity`, {
    activitiesDescription: script,
    comments: image,
  });
  await call('instructor', 'POST', '/api/auth/tokens', { name: svg, role: 'instructor' });
  await call('instructor', 'POST', '/api/committee/sessions', {
    sessionDate: dayFromNow(10),
    startTime: '14:00',
    place: script,
  });
  const upload = multipart([
    { name: 'type', value: 'STATUTS' },
    { name: 'label', value: image },
    { name: 'file', fileName: `${script}.pdf`, content: samplePdf('statuts') },
  ]);
  await send(url, {
    method: 'POST',
    path: `/api/dossiers/${dossier.id}/documents`,
    headers: { ...sessionHeaders(as.instructor, 'POST'), 'content-type': upload.contentType },
    body: upload.body,
  });
  // A CSV is kept as is: given back, it must be a download, not a page.
  const csv = multipart([
    { name: 'type', value: 'OTHER' },
    { name: 'file', fileName: 'associes.csv', content: Buffer.from(`nom;commentaire\n${script};${svg}\n`) },
  ]);
  await send(url, {
    method: 'POST',
    path: `/api/dossiers/${dossier.id}/documents`,
    headers: { ...sessionHeaders(as.instructor, 'POST'), 'content-type': csv.contentType },
    body: csv.body,
  });
  await call('admin', 'POST', '/api/users', {
    email: 'rel.script@example.org',
    displayName: script,
    password: 'un-mot-de-passe-long',
    roles: [{ role: 'viewer' }],
  });
  // A marker's label is drawn in the radar SVG; a service's in the e-mails and PDFs.
  for (const kind of ['markers', 'services']) {
    const [entry] = (await call('admin', 'GET', `/api/referentials/${kind}`)).items ?? [];
    if (entry) {
      // The entry as read, limited to what its PUT takes (the OpenAPI schema's properties).
      const schema = bodySchemaOf('PUT', `/api/referentials/${kind}/{code}`);
      const body = Object.fromEntries(Object.keys(schema.properties ?? {}).map((key) => [key, entry[key]]));
      await call('admin', 'PUT', `/api/referentials/${kind}/${entry.code}`, {
        ...body,
        label: `${entry.label} ${svg}`,
        reason: 'Essai de robustesse : libellé piégé.',
      });
    }
  }
  // The e-mail of the complements request, rendered by the worker.
  await until(
    'the outbox to be delivered',
    () =>
      withClient(databaseUrl, async (client) => {
        const { rows } = await client.query(`SELECT 1 FROM outbox_message WHERE status <> 'done' LIMIT 1`);
        return rows.length === 0;
      }),
    { timeoutMs: 60_000, everyMs: 200 },
  );
}
