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
