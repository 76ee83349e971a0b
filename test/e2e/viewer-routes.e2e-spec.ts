/**
 * The viewer sees the same thing through every route (issue 16): one rule — every read
 * route of a dossier answers the viewer alike, the note de synthèse included since the
 * viewer reads the analyses, amount check, opinion and decision it is made of. The routes
 * come from the running application's OpenAPI document, so a new read route of a dossier
 * is walked too.
 */
import { atDecision, sitting } from '../support/decisions.js';
import { createDossier, sendEvent, startTestApp, type TestApp } from '../support/test-app.js';

describe('The viewer reads a dossier alike through every route', () => {
  let t: TestApp;
  let paths: string[];
  /** Each route's required query, filled with a sample value (e.g. amountCents). */
  const queries: Record<string, string> = {};
  let dossierId: string;
  let decisionId: string;

  beforeAll(async () => {
    t = await startTestApp();
    const docs = await t.request({ method: 'GET', url: '/api/docs-json', as: null });
    const operations = Object.entries(docs.body.paths as Record<string, Record<string, any>>).filter(
      ([path, item]) => path.startsWith('/api/dossiers/{id}') && 'get' in item,
    );
    paths = operations.map(([path]) => path);
    for (const [path, item] of operations) {
      const required = ((item.get.parameters ?? []) as { in: string; name: string; required?: boolean }[]).filter(
        (parameter) => parameter.in === 'query' && parameter.required,
      );
      queries[path] = required.length ? `?${required.map((q) => `${q.name}=800000`).join('&')}` : '';
    }
    const dossier = await atDecision({ createDossier, sendEvent }, t, 800_000);
    dossierId = dossier.id;
    const decided = await sendEvent(t, dossierId, {
      type: 'RECORD_DECISION',
      outcome: 'APPROVED',
      ...sitting(t),
      amountCents: 800_000,
    });
    expect(decided.status).toBe(200);
    expect((await sendEvent(t, dossierId, { type: 'SIGN' })).status).toBe(200);
    decisionId = (await t.request({ method: 'GET', url: `/api/dossiers/${dossierId}/decision`, as: 'viewer' })).body
      .current.id;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('walks every read route of a signed dossier, the note de synthèse included: all 200', async () => {
    expect(paths).toEqual(
      expect.arrayContaining([
        '/api/dossiers/{id}/report.pdf',
        '/api/dossiers/{id}/analyses/economic',
        '/api/dossiers/{id}/amount-check',
        '/api/dossiers/{id}/opinion',
      ]),
    );
    const answers: Record<string, number> = {};
    for (const path of paths) {
      const url = path.replace('{id}', dossierId).replace('{decisionId}', decisionId) + queries[path];
      answers[path] = (await t.request({ method: 'GET', url, as: 'viewer' })).status;
    }
    expect(answers).toEqual(Object.fromEntries(paths.map((path) => [path, 200])));
  });
});
