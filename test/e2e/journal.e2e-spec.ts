import { createDossier, sendEvent, startTestApp, type TestApp } from '../support/test-app.js';

/** Three transitions that need no data beyond the request, so the journal holds exactly four entries. */
const THREE_TRANSITIONS = [
  { type: 'SUBMIT' },
  { type: 'REQUEST_COMPLEMENTS', reason: 'Statuts à jour.', dueDate: '2026-12-15' },
  { type: 'RECEIVE_COMPLEMENTS' },
];

describe('Journal', () => {
  let t: TestApp;
  let dossierId: string;
  beforeAll(async () => {
    t = await startTestApp();
    dossierId = (await createDossier(t)).id;
    for (const event of THREE_TRANSITIONS) await sendEvent(t, dossierId, event);
  });
  afterAll(async () => {
    await t.close();
  });

  it('lists entries in order and pages with afterSeq', async () => {
    const all = await t.request({ method: 'GET', url: `/api/dossiers/${dossierId}/journal`, as: 'viewer' });
    expect(all.body.items.map((e: { seq: number; type: string }) => [e.seq, e.type])).toEqual([
      [1, 'DOSSIER_CREATED'],
      [2, 'TRANSITION'],
      [3, 'TRANSITION'],
      [4, 'TRANSITION'],
    ]);
    expect(all.body.items[1].prevHash).toBe(all.body.items[0].hash);
    const page = await t.request({ method: 'GET', url: `/api/dossiers/${dossierId}/journal?afterSeq=2&limit=1` });
    expect(page.body.items.map((e: { seq: number }) => e.seq)).toEqual([3]);
  });

  it.each(['afterSeq=99999999999', 'afterSeq=abc', 'afterSeq=-1', 'limit=0', 'limit=501', 'since=1'])(
    'refuses the query %s with 422',
    async (query) => {
      const response = await t.request({ method: 'GET', url: `/api/dossiers/${dossierId}/journal?${query}` });
      expect(response.status).toBe(422);
    },
  );

  it('verifies an intact chain', async () => {
    const verify = await t.request({ method: 'GET', url: `/api/dossiers/${dossierId}/journal/verify` });
    expect(verify.status).toBe(200);
    expect(verify.body).toEqual({ valid: true, entries: 4, firstBrokenSeq: null, problems: [] });
  });

  it('answers 404 for the journal of an unknown dossier', async () => {
    const response = await t.request({
      method: 'GET',
      url: '/api/dossiers/00000000-0000-4000-8000-000000000000/journal',
    });
    expect(response.status).toBe(404);
  });

  it.each([
    ['UPDATE', `UPDATE journal_entry SET type = 'FORGED' WHERE dossier_id = $1`],
    ['DELETE', 'DELETE FROM journal_entry WHERE dossier_id = $1'],
    ['TRUNCATE', 'TRUNCATE journal_entry'],
  ])('refuses %s in the database itself', async (operation, sql) => {
    const params = sql.includes('$1') ? [dossierId] : [];
    await expect(t.dataSource.query(sql, params)).rejects.toThrow(`journal_entry is append-only: ${operation} refused`);
    const [{ n }] = await t.dataSource.query('SELECT count(*)::int AS n FROM journal_entry WHERE dossier_id = $1', [
      dossierId,
    ]);
    expect(n).toBe(4);
  });

  describe('tampering', () => {
    /** Forges an entry the way an attacker with the table owner's rights could. */
    async function tamper(id: string, sql: string) {
      await t.dataSource.transaction(async (manager) => {
        await manager.query('ALTER TABLE journal_entry DISABLE TRIGGER "TRG_journal_entry_no_update_delete"');
        await manager.query(sql, [id]);
        await manager.query('ALTER TABLE journal_entry ENABLE TRIGGER "TRG_journal_entry_no_update_delete"');
      });
    }

    async function journaled(): Promise<string> {
      const id = (await createDossier(t)).id;
      for (const event of THREE_TRANSITIONS) await sendEvent(t, id, event);
      return id;
    }

    it('detects a changed payload and names its entry', async () => {
      const id = await journaled();
      await tamper(
        id,
        `UPDATE journal_entry SET payload = jsonb_set(payload, '{toState}', '"approved"') WHERE dossier_id = $1 AND seq = 3`,
      );
      const verify = await t.request({ method: 'GET', url: `/api/dossiers/${id}/journal/verify` });
      expect(verify.body).toMatchObject({ valid: false, entries: 4, firstBrokenSeq: 3 });
      expect(verify.body.problems).toEqual([expect.objectContaining({ code: 'HASH_MISMATCH', seq: 3, dossierId: id })]);
    });

    it('detects a changed actor', async () => {
      const id = await journaled();
      await tamper(id, `UPDATE journal_entry SET actor_id = 'someone.else' WHERE dossier_id = $1 AND seq = 2`);
      expect((await t.request({ method: 'GET', url: `/api/dossiers/${id}/journal/verify` })).body.firstBrokenSeq).toBe(
        2,
      );
    });

    it('detects a removed entry', async () => {
      const id = await journaled();
      await tamper(id, 'DELETE FROM journal_entry WHERE dossier_id = $1 AND seq = 2');
      const verify = await t.request({ method: 'GET', url: `/api/dossiers/${id}/journal/verify` });
      expect(verify.body).toMatchObject({ valid: false, entries: 3, firstBrokenSeq: 2 });
      // The chain breaks at 2, and the dossier (version 4) has lost a transition.
      expect(verify.body.problems.map((p: { code: string }) => p.code)).toEqual(['HASH_MISMATCH', 'VERSION_MISMATCH']);
    });

    it('detects a recomputed hash that no longer links to the next entry', async () => {
      const id = await journaled();
      await tamper(id, `UPDATE journal_entry SET hash = repeat('a', 64) WHERE dossier_id = $1 AND seq = 4`);
      expect((await t.request({ method: 'GET', url: `/api/dossiers/${id}/journal/verify` })).body.firstBrokenSeq).toBe(
        4,
      );
    });
  });
});
