/** DossierReader on PostgreSQL: a dossier with its SCIC, never its snapshot; 404 when absent. */
import { DomainError } from '../../../src/common/errors/domain-error.js';
import { ErrorCode } from '../../../src/common/errors/error-code.js';
import { DossierReader } from '../../../src/dossiers/dossier-reader.js';
import { DossierStoreModule } from '../../../src/dossiers/dossier-store.module.js';
import { startMedium, type Medium } from '../support/medium-database.js';
import { insertDossier } from '../support/rows.js';

const ABSENT = '00000000-0000-4000-8000-000000000000';

describe('DossierReader', () => {
  let medium: Medium;
  let reader: DossierReader;

  beforeAll(async () => {
    medium = await startMedium([DossierStoreModule]);
    reader = medium.moduleRef.get(DossierReader);
  });
  afterAll(async () => {
    await medium?.close();
  });

  it('gets the dossier with its SCIC, amounts as numbers, without the snapshot', async () => {
    const dossier = await insertDossier(medium.dataSource.manager, {
      requestedAmountCents: 12_345_600,
      contactEmail: 'contact@scic.example',
    });
    const summary = await reader.get(dossier.id.toUpperCase());
    expect(summary).toEqual({
      id: dossier.id,
      reference: dossier.reference,
      state: 'draft',
      version: 1,
      requestedAmountCents: 12_345_600,
      nominalShareValueCents: 5_000,
      contactEmail: 'contact@scic.example',
      createdBy: 'medium.instructor',
      createdAt: expect.any(Date),
      scic: {
        id: dossier.scic.id,
        siren: dossier.scic.siren,
        name: dossier.scic.name,
        legalForm: 'SAS',
        commune: 'Arras',
      },
    });
  });

  it('answers 404 DOSSIER_NOT_FOUND for an absent id', async () => {
    const error = await reader.get(ABSENT).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: ErrorCode.DossierNotFound, details: { id: ABSENT } });
  });

  it('reads many: the dossiers found, each once, absent ids skipped', async () => {
    const [a, b] = await Promise.all([1, 2].map(() => insertDossier(medium.dataSource.manager)));
    const found = await reader.many([a.id, ABSENT, b.id, a.id.toUpperCase()]);
    expect(found.map((summary) => summary.id).sort()).toEqual([a.id, b.id].sort());
    expect(await reader.many([])).toEqual([]);
  });

  it('reads inside the caller’s transaction (a row it has not committed yet)', async () => {
    await medium.dataSource.transaction(async (manager) => {
      const dossier = await insertDossier(manager);
      expect((await reader.get(dossier.id, manager)).reference).toBe(dossier.reference);
    });
  });
});
