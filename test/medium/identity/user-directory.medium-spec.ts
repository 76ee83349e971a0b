/** UserDirectory on PostgreSQL: accounts with their roles, names for any id, holders of a role. */
import { UserDirectory } from '../../../src/identity/user-directory.js';
import { UserDirectoryModule } from '../../../src/identity/user-directory.module.js';
import { uniqueWord } from '../../support/test-app.js';
import { startMedium, type Medium } from '../support/medium-database.js';
import { insertUser } from '../support/rows.js';

describe('UserDirectory', () => {
  let medium: Medium;
  let directory: UserDirectory;

  beforeAll(async () => {
    medium = await startMedium([UserDirectoryModule]);
    directory = medium.moduleRef.get(UserDirectory);
  });
  afterAll(async () => {
    await medium?.close();
  });

  it('finds accounts with their roles, skipping ids that are not account ids', async () => {
    const user = await insertUser(medium.dataSource.manager, 'Camille Lecteur', ['committee_member', 'viewer']);
    const found = await directory.find([user.id.toUpperCase(), 'test.instructor', user.id]);
    expect(found).toHaveLength(1);
    expect({ ...found[0], roles: [...found[0].roles].sort() }).toEqual({
      id: user.id,
      email: user.email,
      displayName: 'Camille Lecteur',
      active: true,
      roles: ['committee_member', 'viewer'],
    });
    expect(await directory.find(['test.instructor'])).toEqual([]);
  });

  it('gets one account, or null', async () => {
    const user = await insertUser(medium.dataSource.manager, 'Dominique Seul', ['admin']);
    expect(await directory.get(user.id)).toMatchObject({ id: user.id, roles: ['admin'] });
    expect(await directory.get('00000000-0000-4000-8000-000000000000')).toBeNull();
  });

  it('gives display names, an id without an account keeping its own text', async () => {
    const user = await insertUser(medium.dataSource.manager, 'Élise Nommée', []);
    const names = await directory.displayNames([user.id, 'test.committee_secretary']);
    expect([...names]).toEqual([
      [user.id, 'Élise Nommée'],
      ['test.committee_secretary', 'test.committee_secretary'],
    ]);
  });

  it('lists the active holders of a role by display name, in French order', async () => {
    const marker = uniqueWord('Zz');
    const manager = medium.dataSource.manager;
    const holders = [
      await insertUser(manager, `${marker} Émile`, ['elected_official']),
      await insertUser(manager, `${marker} Eva`, ['elected_official', 'viewer']),
      await insertUser(manager, `${marker} Ada`, ['elected_official']),
    ];
    await insertUser(manager, `${marker} Inactif`, ['elected_official'], { active: false });
    await insertUser(manager, `${marker} Autre rôle`, ['viewer']);
    const listed = (await directory.withRole('elected_official')).filter((entry) =>
      entry.displayName.startsWith(marker),
    );
    expect(listed.map((entry) => entry.displayName)).toEqual([`${marker} Ada`, `${marker} Émile`, `${marker} Eva`]);
    expect(listed.find((entry) => entry.id === holders[1].id)?.roles.sort()).toEqual(['elected_official', 'viewer']);
  });
});
