/**
 * The demo data goes through the real services (analyses, pieces, workflow), so a new
 * condition on a step shows up here rather than as an `npm start` that fails on a fresh
 * machine. Always on a fresh embedded database: the seed only fills an empty one.
 */
import { seedDemoIfEmpty } from '../../src/demo/demo-seed.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp({ embedded: true });
});

afterAll(async () => {
  await t?.close();
});

it('seeds the demo accounts and dossiers at their steps, with complete analyses where a step was completed', async () => {
  const result = await seedDemoIfEmpty(t.app, t.config);
  expect(result.dossiers).toBe(4);
  expect(result.users).toBeGreaterThan(5);
  const rows: { state: string }[] = await t.dataSource.query('SELECT state FROM dossier ORDER BY reference');
  expect(rows.map((row) => row.state)).toEqual([
    'draft',
    'instruction.essPractices',
    'committee.awaitingSession',
    'awaitingComplements',
  ]);
  const ids: { id: string }[] = await t.dataSource.query('SELECT id FROM dossier');
  for (const { id } of ids) {
    const verify = await t.request({ method: 'GET', url: `/api/dossiers/${id}/journal/verify`, as: 'admin' });
    expect(verify.body).toMatchObject({ valid: true });
  }
  expect(await seedDemoIfEmpty(t.app, t.config)).toEqual({ users: 0, dossiers: 0 });
});

it('has two administrators, neither deciding, and the signatory’s delegation recorded by one and confirmed by the other', async () => {
  const admins: { email: string; roles: string[] }[] = await t.dataSource.query(
    `SELECT u.email, array_agg(r2.role ORDER BY r2.role) AS roles FROM app_user u
       JOIN user_role r ON r.user_id = u.id AND r.role = 'admin' JOIN user_role r2 ON r2.user_id = u.id
      GROUP BY u.email ORDER BY u.email`,
  );
  expect(admins).toEqual([
    { email: 'admin2@demo.scic.fr', roles: ['admin'] },
    { email: 'admin@demo.scic.fr', roles: ['admin'] },
  ]);
  const [delegation] = await t.dataSource.query(
    `SELECT recorder.email AS recorded_by, confirmer.email AS confirmed_by
       FROM signing_delegation d JOIN app_user u ON u.id = d.user_id
       JOIN app_user recorder ON recorder.id::text = d.created_by JOIN app_user confirmer ON confirmer.id::text = d.confirmed_by
      WHERE u.email = 'elu.signataire@demo.scic.fr' AND d.revoked_at IS NULL`,
  );
  expect(delegation).toEqual({ recorded_by: 'admin@demo.scic.fr', confirmed_by: 'admin2@demo.scic.fr' });
});

it('sets this year’s envelope, so that the demo élu can sign an approval', async () => {
  const year = Number(t.clock.now().toISOString().slice(0, 4));
  const envelope = await t.request({ method: 'GET', url: `/api/envelopes/${year}`, as: 'admin' });
  expect(envelope.status).toBe(200);
  expect(envelope.body).toMatchObject({ year, amountCents: 200_000_000, committedCents: 0 });
});
