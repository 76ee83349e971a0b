/**
 * The referentials an administrator edits, and their effect on the rules. On a fresh
 * embedded database of its own: a changed threshold must not leak into other suites
 * sharing the server database.
 */
import { completeActivityExample } from '../../src/analyses/rules/examples.js';
import { essPracticesFor, saveAnalysis, TEST_ORIENTATION } from '../support/analyses.js';
import { createDossier, sendEvent, startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp({ embedded: true });
});

afterAll(async () => {
  await t?.close();
});

const admin = (method: 'GET' | 'PUT', url: string, body?: unknown) => t.request({ method, url, as: 'admin', body });
/** Every change says why (issue 16). */
const REASON = 'Essai : modification par la suite de tests.';

it('lists the seeded referentials: services, orientations with competence and services, six markers, thresholds with sources', async () => {
  const services = await admin('GET', '/api/referentials/services');
  expect(services.body.items.map((item: { code: string }) => item.code)).toContain('DIE');
  const orientations = await admin('GET', '/api/referentials/orientations');
  expect(orientations.body.items).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ code: 'INSERTION_EMPLOI', competenceCode: 'INSERTION', serviceCodes: ['DIE'] }),
    ]),
  );
  const markers = await admin('GET', '/api/referentials/markers');
  expect(markers.body.items).toHaveLength(6);
  expect(markers.body.items[0]).toMatchObject({ code: 'AUTONOMY', label: 'Autonomie' });
  expect(markers.body.items[0].levels).toHaveLength(4);
  const thresholds = await admin('GET', '/api/referentials/thresholds');
  expect(thresholds.body.items).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ code: 'PUBLIC_CAP_BP', value: 5000, source: expect.stringContaining('19 septies') }),
      expect.objectContaining({ code: 'STATUTORY_RESERVE_MIN_OF_REMAINDER_BP', value: 5000 }),
    ]),
  );
});

it('a threshold changed by the administrator takes effect in the checks', async () => {
  const dossier = await createDossier(t);
  await sendEvent(t, dossier.id, { type: 'SUBMIT' });
  await sendEvent(t, dossier.id, { type: 'COMPLETE_ACTIVITY' });
  await saveAnalysis(t, dossier.id, 'essPractices', essPracticesFor(10_000));
  const url = `/api/dossiers/${dossier.id}/amount-check?amountCents=6000000`;
  expect((await admin('GET', url)).body.publicCapRespected).toBe(true);
  const changed = await admin('PUT', '/api/referentials/thresholds/PUBLIC_CAP_BP', {
    value: 2000,
    source: 'Test : plafond abaissé',
    reason: REASON,
  });
  expect(changed.status).toBe(200);
  expect((await admin('GET', url)).body.publicCapRespected).toBe(false);
  await admin('PUT', '/api/referentials/thresholds/PUBLIC_CAP_BP', {
    value: 5000,
    source: 'L47 art. 19 septies al. 4',
    reason: REASON,
  });
});

it('a deactivated orientation cannot be chosen any more', async () => {
  const dossier = await createDossier(t);
  await sendEvent(t, dossier.id, { type: 'SUBMIT' });
  const orientation = (await admin('GET', '/api/referentials/orientations')).body.items.find(
    (item: { code: string }) => item.code === 'CULTURE_LIEN_SOCIAL',
  );
  const { code, updatedAt, ...editable } = orientation;
  void code;
  void updatedAt;
  expect(
    (
      await admin('PUT', '/api/referentials/orientations/CULTURE_LIEN_SOCIAL', {
        ...editable,
        active: false,
        reason: REASON,
      })
    ).status,
  ).toBe(200);
  const refused = await saveAnalysis(
    t,
    dossier.id,
    'activity',
    completeActivityExample('CULTURE_LIEN_SOCIAL', 'CULTURE'),
  );
  expect(refused.status).toBe(422);
  const accepted = await saveAnalysis(
    t,
    dossier.id,
    'activity',
    completeActivityExample(TEST_ORIENTATION.code, TEST_ORIENTATION.competenceCode),
  );
  expect(accepted.status).toBe(200);
});

it.each([
  [
    '/api/referentials/orientations/INSERTION_EMPLOI',
    {
      label: 'Insertion',
      competenceCode: 'INSERTION',
      competenceLabel: 'Insertion',
      serviceCodes: ['NOPE'],
      active: true,
      reason: REASON,
    },
    'serviceCodes',
  ],
  ['/api/referentials/thresholds/PUBLIC_CAP_BP', { value: 12_000, source: 'Erreur', reason: REASON }, 'value'],
  ['/api/referentials/thresholds/PUBLIC_CAP_BP', { value: 12.5, source: 'Erreur', reason: REASON }, 'value'],
  [
    '/api/referentials/markers/AUTONOMY',
    {
      label: 'Autonomie',
      description: 'Description',
      levels: [0, 1, 1, 3].map((level) => ({ level, label: `Niveau ${level}`, example: 'Exemple' })),
      reason: REASON,
    },
    'levels',
  ],
])('refuses a bad edit of %s with 422 naming the field', async (url, body, field) => {
  const response = await admin('PUT', url, body);
  expect(response.status).toBe(422);
  expect(response.body.error.details.fields.map((entry: { field: string }) => entry.field)).toContain(field);
});

it('an unknown code is a 404, and only the administrator edits', async () => {
  expect(
    (await admin('PUT', '/api/referentials/thresholds/NOPE', { value: 1, source: 'x', reason: REASON })).status,
  ).toBe(404);
  const asInstructor = await t.request({
    method: 'PUT',
    url: '/api/referentials/thresholds/PUBLIC_CAP_BP',
    as: 'instructor',
    body: { value: 1000, source: 'x', reason: REASON },
  });
  expect(asInstructor.status).toBe(403);
});
