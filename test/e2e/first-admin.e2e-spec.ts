/**
 * The first administrator (`npm run admin:create`): created on an installation without
 * one, with the same validation as the API, then refused — further accounts are the
 * administrator's to create. On a fresh embedded database, whatever the run's database:
 * the shared server already holds administrators of other suites.
 */
import { createFirstAdmin } from '../../src/identity/first-admin.js';
import { UsersService } from '../../src/identity/users.service.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('First administrator', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ embedded: true });
  });
  afterAll(async () => {
    await t.close();
  });

  it('validates like the API, creates the first administrator once, then refuses', async () => {
    const users = t.app.get(UsersService);
    const weak = createFirstAdmin(users, { email: 'admin@departement.fr', displayName: 'Admin', password: 'court' });
    await expect(weak).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { fields: [expect.objectContaining({ field: 'password' })] },
    });
    await expect(createFirstAdmin(users, { displayName: 'Sans adresse', password: 'x' })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    expect(await users.activeWithRole('admin')).toEqual([]);

    const admin = await createFirstAdmin(users, {
      email: 'Admin@Departement.fr',
      displayName: 'Première administratrice',
      password: 'une phrase de passe solide 2026',
    });
    expect(admin).toMatchObject({ email: 'admin@departement.fr', roles: [expect.objectContaining({ role: 'admin' })] });

    const login = await t.request({
      method: 'POST',
      url: '/api/auth/login',
      as: null,
      body: { email: 'admin@departement.fr', password: 'une phrase de passe solide 2026' },
    });
    expect(login.status).toBe(200);

    await expect(
      createFirstAdmin(users, {
        email: 'autre@departement.fr',
        displayName: 'Autre',
        password: 'encore une phrase 2026',
      }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN', details: { reason: 'ADMIN_EXISTS' } });
  });
});
