/** DossierLock on PostgreSQL: the locked row, 404 on an absent id, the bounded wait (409). */
import { DomainError } from '../../../src/common/errors/domain-error.js';
import { ErrorCode } from '../../../src/common/errors/error-code.js';
import { toErrorResponse } from '../../../src/common/errors/error-body.js';
import { DossierLock } from '../../../src/dossiers/dossier-lock.js';
import { DossierStoreModule } from '../../../src/dossiers/dossier-store.module.js';
import { startMedium, type Medium } from '../support/medium-database.js';
import { insertDossier } from '../support/rows.js';

const ABSENT = '00000000-0000-4000-8000-000000000000';

describe('DossierLock', () => {
  let medium: Medium;
  let lock: DossierLock;

  beforeAll(async () => {
    medium = await startMedium([DossierStoreModule]);
    lock = medium.moduleRef.get(DossierLock);
  });
  afterAll(async () => {
    await medium?.close();
  });

  it('returns the locked row, amounts as numbers', async () => {
    const dossier = await insertDossier(medium.dataSource.manager, { requestedAmountCents: 8_000_000 });
    const locked = await medium.dataSource.transaction((manager) => lock.lock(manager, dossier.id.toUpperCase()));
    expect(locked).toEqual({
      id: dossier.id,
      scicId: dossier.scic.id,
      state: 'draft',
      machineVersion: 1,
      snapshot: { value: 'draft' },
      version: 1,
      requestedAmountCents: 8_000_000,
      nominalShareValueCents: 5_000,
    });
  });

  it('answers 404 DOSSIER_NOT_FOUND for an absent id', async () => {
    const attempt = medium.dataSource.transaction((manager) => lock.lock(manager, ABSENT));
    const error = await attempt.catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(DomainError);
    expect(toErrorResponse(error)).toMatchObject({ status: 404, body: { error: { code: ErrorCode.DossierNotFound } } });
  });

  it('locks several dossiers in id order and skips the absent ones', async () => {
    const [a, b] = await Promise.all([1, 2].map(() => insertDossier(medium.dataSource.manager)));
    const locked = await medium.dataSource.transaction((manager) => lock.lockAll(manager, [b.id, ABSENT, a.id, b.id]));
    expect(locked.map((row) => row.id)).toEqual([a.id, b.id].sort());
  });

  // The embedded database is one session: a second transaction waits for the pool's one
  // connection, never for the row. Only a server can hold the row against another session.
  const onServer = process.env.DATABASE_URL ? it : it.skip;
  onServer('makes a second transaction wait, then gives up with the 409 CONCURRENT_UPDATE error', async () => {
    const dossier = await insertDossier(medium.dataSource.manager);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let holding!: () => void;
    const isHolding = new Promise<void>((resolve) => (holding = resolve));
    const holder = medium.dataSource.transaction(async (manager) => {
      await lock.lock(manager, dossier.id);
      holding();
      await held;
    });
    await isHolding;
    const waiter = medium.dataSource.transaction((manager) => lock.lock(manager, dossier.id)).catch((error) => error);
    const refused = await waiter;
    release();
    await holder;
    expect(refused).toMatchObject({ code: '55P03' });
    expect(toErrorResponse(refused)).toMatchObject({
      status: 409,
      body: { error: { code: ErrorCode.ConcurrentUpdate } },
    });
  });
});
