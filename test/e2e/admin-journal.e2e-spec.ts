/**
 * The administration journal (issue 16): one global hash chain, append-only, readable,
 * verifiable and exportable by administrators only. On the shared server database the
 * chain already holds other runs' entries: tests find their own by a unique subject.
 */
import { AdminJournalService } from '../../src/journal/admin-journal.service.js';
import { startTestApp, uniqueWord, type TestApp } from '../support/test-app.js';

const ADMIN = { userId: 'test.admin', role: 'admin' as const, credential: 'dev' };

describe('Administration journal', () => {
  let t: TestApp;
  let journal: AdminJournalService;
  beforeAll(async () => {
    t = await startTestApp();
    journal = t.app.get(AdminJournalService);
  });
  afterAll(async () => {
    await t.close();
  });

  async function append(subjectId: string, after: unknown = { value: 1 }) {
    return t.dataSource.transaction((manager) =>
      journal.append(manager, {
        type: 'TEST_CHANGE',
        actor: ADMIN,
        subject: { kind: 'test', id: subjectId },
        before: { value: 0, at: new Date('2026-01-01T00:00:00Z') },
        after,
        reason: 'Essai du journal.',
      }),
    );
  }

  /** Every entry, paging through the route as an administrator would. */
  async function allEntries(): Promise<Record<string, any>[]> {
    const entries: Record<string, any>[] = [];
    for (let afterSeq = 0; ;) {
      const page = await t.request({
        method: 'GET',
        url: `/api/admin-journal?afterSeq=${afterSeq}&limit=500`,
        as: 'admin',
      });
      expect(page.status).toBe(200);
      entries.push(...page.body.items);
      if (page.body.items.length < 500) return entries;
      afterSeq = page.body.items.at(-1).seq;
    }
  }

  it('appends entries in one gap-free chain, readable oldest first', async () => {
    const subject = uniqueWord('subject');
    const first = await append(subject);
    const second = await append(subject, 'a plain string');
    expect(second.seq).toBe(first.seq + 1);
    expect(await journal.head()).toEqual(second);

    const page = await t.request({
      method: 'GET',
      url: `/api/admin-journal?afterSeq=${first.seq - 1}&limit=2`,
      as: 'admin',
    });
    expect(page.body.items.map((e: { seq: number }) => e.seq)).toEqual([first.seq, second.seq]);
    expect(page.body.items[0]).toMatchObject({
      type: 'TEST_CHANGE',
      actorId: 'test.admin',
      actorRole: 'admin',
      actorCredential: 'dev',
      subjectKind: 'test',
      subjectId: subject,
      before: { value: 0, at: '2026-01-01T00:00:00.000Z' },
      after: { value: 1 },
      reason: 'Essai du journal.',
      hash: first.hash,
    });
    expect(page.body.items[1]).toMatchObject({ after: 'a plain string', prevHash: first.hash });
    expect((await t.request({ method: 'GET', url: '/api/admin-journal/verify', as: 'admin' })).body).toMatchObject({
      valid: true,
      firstBrokenSeq: null,
    });
  });

  it('serialises concurrent appends: no fork, no gap', async () => {
    const subject = uniqueWord('concurrent');
    const heads = await Promise.all(Array.from({ length: 8 }, () => append(subject)));
    const seqs = heads.map((head) => head.seq).sort((a, b) => a - b);
    expect(new Set(seqs).size).toBe(8);
    expect((await journal.verify()).valid).toBe(true);
  });

  it('refuses an append outside a transaction', async () => {
    await expect(
      journal.append(t.dataSource.manager, {
        type: 'TEST_CHANGE',
        actor: ADMIN,
        subject: { kind: 'test', id: 'x' },
        before: null,
        after: null,
        reason: null,
      }),
    ).rejects.toThrow('needs an open transaction');
  });

  it('exports the journal as CSV with French headers', async () => {
    const subject = uniqueWord('csv');
    await append(subject);
    const response = await t.request({ method: 'GET', url: '/api/admin-journal/export.csv', as: 'admin' });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toContain('text/csv');
    const text = String(response.body);
    expect(text.split('\r\n')[0]).toContain('N°;Date (UTC);Acte;Auteur;Rôle');
    expect(text).toContain(subject);
    expect(text).toContain('Essai du journal.');
  });

  it.each(['instructor', 'viewer', 'elected_official'] as const)('refuses the %s (403)', async (as) => {
    for (const url of ['/api/admin-journal', '/api/admin-journal/verify', '/api/admin-journal/export.csv'])
      expect((await t.request({ method: 'GET', url, as })).status).toBe(403);
  });

  it.each(['afterSeq=abc', 'afterSeq=-1', 'limit=0', 'limit=501'])('refuses the query %s with 422', async (query) => {
    expect((await t.request({ method: 'GET', url: `/api/admin-journal?${query}`, as: 'admin' })).status).toBe(422);
  });

  it.each([
    ['UPDATE', `UPDATE admin_journal_entry SET type = 'FORGED'`],
    ['DELETE', 'DELETE FROM admin_journal_entry'],
    ['TRUNCATE', 'TRUNCATE admin_journal_entry'],
  ])('refuses %s in the database itself', async (operation, sql) => {
    await append(uniqueWord('guarded'));
    await expect(t.dataSource.query(sql)).rejects.toThrow(`admin_journal_entry is append-only: ${operation} refused`);
  });

  describe('tampering (the trigger disabled, as the table owner could)', () => {
    /** Runs `sql` with the trigger off, verifies, then puts the row back so the shared chain stays whole. */
    async function tamperedVerification(sql: string, restore: string, seq: number) {
      const toggle = (on: boolean) =>
        `ALTER TABLE admin_journal_entry ${on ? 'ENABLE' : 'DISABLE'} TRIGGER "TRG_admin_journal_entry_no_update_delete"`;
      await t.dataSource.transaction(async (manager) => {
        await manager.query(toggle(false));
        await manager.query(sql, [seq]);
        await manager.query(toggle(true));
      });
      const verified = await t.request({ method: 'GET', url: '/api/admin-journal/verify', as: 'admin' });
      await t.dataSource.transaction(async (manager) => {
        await manager.query(toggle(false));
        await manager.query(restore, [seq]);
        await manager.query(toggle(true));
      });
      return verified.body;
    }

    it('detects an edited "after" and names its entry', async () => {
      const { seq } = await append(uniqueWord('tamper'));
      await append(uniqueWord('next'));
      const result = await tamperedVerification(
        `UPDATE admin_journal_entry SET after = '{"value": 2}' WHERE seq = $1`,
        `UPDATE admin_journal_entry SET after = '{"value": 1}' WHERE seq = $1`,
        seq,
      );
      expect(result).toMatchObject({ valid: false, firstBrokenSeq: seq });
      expect((await journal.verify()).valid).toBe(true);
    });

    it('detects an edited reason', async () => {
      const { seq } = await append(uniqueWord('tamper'));
      const result = await tamperedVerification(
        `UPDATE admin_journal_entry SET reason = 'Autre motif.' WHERE seq = $1`,
        `UPDATE admin_journal_entry SET reason = 'Essai du journal.' WHERE seq = $1`,
        seq,
      );
      expect(result).toMatchObject({ valid: false, firstBrokenSeq: seq });
    });

    it('detects a changed actor', async () => {
      const { seq } = await append(uniqueWord('tamper'));
      const result = await tamperedVerification(
        `UPDATE admin_journal_entry SET actor_id = 'someone.else' WHERE seq = $1`,
        `UPDATE admin_journal_entry SET actor_id = 'test.admin' WHERE seq = $1`,
        seq,
      );
      expect(result).toMatchObject({ valid: false, firstBrokenSeq: seq });
    });
  });

  it('keeps the whole chain valid at the end', async () => {
    const entries = await allEntries();
    entries.forEach((entry, index) => expect(entry.seq).toBe(index + 1));
    expect((await t.request({ method: 'GET', url: '/api/admin-journal/verify', as: 'admin' })).body).toEqual({
      valid: true,
      entries: entries.length,
      firstBrokenSeq: null,
    });
  });
});
