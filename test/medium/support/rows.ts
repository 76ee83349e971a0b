/**
 * Rows for the medium specs, written through the entities (the services under test read
 * them; the HTTP flows that normally write them belong to the e2e suites).
 */
import type { EntityManager } from 'typeorm';
import { Dossier } from '../../../src/dossiers/dossier.entity.js';
import { Scic } from '../../../src/dossiers/scic.entity.js';
import { User } from '../../../src/identity/user.entity.js';
import { UserRole } from '../../../src/identity/user-role.entity.js';
import type { Role } from '../../../src/common/actor.js';
import { uniqueSiren, uniqueWord } from '../../support/test-app.js';

export async function insertScic(manager: EntityManager, values: Partial<Scic> = {}): Promise<Scic> {
  return manager.save(
    manager.create(Scic, {
      siren: uniqueSiren(),
      name: `SCIC ${uniqueWord('medium')}`,
      legalForm: 'SAS',
      commune: 'Arras',
      ...values,
    }),
  );
}

/** A dossier of a new SCIC (or of `scic`), as the creation would leave it. */
export async function insertDossier(
  manager: EntityManager,
  values: Partial<Dossier> = {},
  scic?: Scic,
): Promise<Dossier & { scic: Scic }> {
  const owner = scic ?? (await insertScic(manager));
  const dossier = await manager.save(
    manager.create(Dossier, {
      reference: uniqueWord('M-').slice(0, 20),
      scicId: owner.id,
      requestedAmountCents: 2_500_000,
      nominalShareValueCents: 5_000,
      state: 'draft',
      machineVersion: 1,
      snapshot: { value: 'draft' },
      contactEmail: null,
      createdBy: 'medium.instructor',
      ...values,
    }),
  );
  return Object.assign(dossier, { scic: owner });
}

export async function insertUser(
  manager: EntityManager,
  displayName: string,
  roles: Role[],
  values: Partial<User> = {},
): Promise<User> {
  const user = await manager.save(
    manager.create(User, {
      email: `${uniqueWord('medium')}@medium.test`,
      displayName,
      // Never checked here: the directory does not read it.
      passwordHash: 'not-a-hash',
      ...values,
    }),
  );
  if (roles.length)
    await manager.insert(
      UserRole,
      roles.map((role) => ({ userId: user.id, role })),
    );
  return user;
}
