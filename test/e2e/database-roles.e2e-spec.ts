/**
 * Two database roles (issue 16): a fresh database set up by the roles script, the
 * application started with MIGRATIONS_DATABASE_URL (owner) and DATABASE_URL (its own
 * role). With the application's credentials the journals, checkpoints, decisions and
 * documents cannot be altered, emptied or rewritten, nor their triggers disabled; the
 * owner still can, and verification then names what it did. Server only: the embedded
 * database has a single role.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createDatabaseRoles } from '../../src/database/database-roles.js';
import { CheckpointService } from '../../src/journal/checkpoint.service.js';
import { atDecision, sitting } from '../support/decisions.js';
import { samplePdf, uploadDocument } from '../support/documents.js';
import { withDatabase } from '../support/fresh-database.js';
import { createDossier, sendEvent, startTestApp, type TestApp } from '../support/test-app.js';

const ADMIN_URL = process.env.DATABASE_URL;
const describeOnServer = ADMIN_URL ? describe : describe.skip;

describeOnServer('Two database roles (server only: the embedded database has one role)', () => {
  const suffix = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  const roles = {
    database: `scic_roles_${suffix}`,
    owner: `scic_owner_${suffix}`,
    ownerPassword: randomBytes(12).toString('hex'),
    app: `scic_app_${suffix}`,
    appPassword: randomBytes(12).toString('hex'),
  };
  let t: TestApp;
  let urls: { ownerUrl: string; appUrl: string };
  let appClient: pg.Client;
  let ownerClient: pg.Client;
  let dossierId: string;

  beforeAll(async () => {
    urls = await createDatabaseRoles(ADMIN_URL!, roles);
    t = await startTestApp({ env: { DATABASE_URL: urls.appUrl, MIGRATIONS_DATABASE_URL: urls.ownerUrl } });
    appClient = new pg.Client({ connectionString: urls.appUrl });
    ownerClient = new pg.Client({ connectionString: urls.ownerUrl });
    await appClient.connect();
    await ownerClient.connect();
    // A dossier walked to its signature, through the application's role: every write the
    // application does on those tables (journal, decision signature, document) is allowed.
    const dossier = await atDecision({ createDossier, sendEvent }, t, 800_000);
    const recorded = await sendEvent(t, dossier.id, {
      type: 'RECORD_DECISION',
      outcome: 'APPROVED',
      ...sitting(t),
      amountCents: 800_000,
    });
    expect(recorded.status).toBe(200);
    expect((await sendEvent(t, dossier.id, { type: 'SIGN' })).body).toMatchObject({ state: 'approved' });
    dossierId = dossier.id;
  });

  afterAll(async () => {
    await appClient?.end();
    await ownerClient?.end();
    await t?.close();
    const admin = new pg.Client({ connectionString: withDatabase(ADMIN_URL!, 'postgres') });
    await admin.connect();
    try {
      await admin.query(`DROP DATABASE IF EXISTS "${roles.database}" WITH (FORCE)`);
      await admin.query(`DROP ROLE IF EXISTS "${roles.app}"`);
      await admin.query(`DROP ROLE IF EXISTS "${roles.owner}"`);
    } finally {
      await admin.end();
    }
  });

  it('runs the application as a role that owns nothing', async () => {
    const [{ current_user: user }] = await t.dataSource.query('SELECT current_user');
    expect(user).toBe(roles.app);
    const owned = await appClient.query(
      `SELECT count(*)::int AS n FROM pg_class c JOIN pg_roles r ON r.oid = c.relowner WHERE r.rolname = $1`,
      [roles.app],
    );
    expect(owned.rows[0].n).toBe(0);
  });

  it('lets the application role mark a piece replaced (the only columns of a piece it may update)', async () => {
    const piece = await uploadDocument(t, dossierId, { type: 'KBIS', content: samplePdf() });
    expect(piece.status).toBe(201);
    const marked = await t.request({
      method: 'POST',
      url: `/api/documents/${piece.body.id}/replaced`,
      body: { reason: 'Extrait de plus de trois mois' },
    });
    expect(marked.status).toBe(200);
    await expect(appClient.query(`UPDATE dossier_document SET sha256 = repeat('0', 64)`)).rejects.toThrow(
      /permission denied/,
    );
  });

  it.each([
    [
      'ALTER journal_entry (disable its trigger)',
      'ALTER TABLE journal_entry DISABLE TRIGGER "TRG_journal_entry_no_update_delete"',
      /must be owner/,
    ],
    ['DELETE FROM journal_entry', 'DELETE FROM journal_entry', /permission denied/],
    ['UPDATE journal_entry', `UPDATE journal_entry SET type = 'FORGED'`, /permission denied/],
    ['TRUNCATE journal_entry', 'TRUNCATE journal_entry', /permission denied/],
    ['DELETE FROM journal_checkpoint', 'DELETE FROM journal_checkpoint', /permission denied/],
    ['ALTER journal_checkpoint', 'ALTER TABLE journal_checkpoint DISABLE TRIGGER ALL', /must be owner/],
    ['DELETE FROM admin_journal_entry', 'DELETE FROM admin_journal_entry', /permission denied/],
    ['UPDATE decision (its amount)', 'UPDATE decision SET amount_cents = 1', /permission denied/],
    ['DELETE FROM decision', 'DELETE FROM decision', /permission denied/],
    ['UPDATE decision_document', `UPDATE decision_document SET sha256 = repeat('0', 64)`, /permission denied/],
    ['DELETE FROM dossier_document', 'DELETE FROM dossier_document', /permission denied/],
    ['TRUNCATE participation_payment', 'TRUNCATE participation_payment', /permission denied/],
  ])('refuses %s to the application role', async (_what, sql, error) => {
    await expect(appClient.query(sql)).rejects.toThrow(error);
  });

  it('leaves the journal whole, and verification names a tail the owner deleted', async () => {
    // The pieces added since the signature are checkpointed at the next interval.
    await t.app.get(CheckpointService).write('interval');
    const before = await t.request({ method: 'GET', url: '/api/journal/verify', as: 'admin' });
    expect(before.body).toMatchObject({ valid: true, problems: [] });

    const [{ last }] = (
      await ownerClient.query('SELECT max(seq)::int AS last FROM journal_entry WHERE dossier_id = $1', [dossierId])
    ).rows;
    await ownerClient.query('BEGIN');
    await ownerClient.query('ALTER TABLE journal_entry DISABLE TRIGGER "TRG_journal_entry_no_update_delete"');
    await ownerClient.query('DELETE FROM journal_entry WHERE dossier_id = $1 AND seq > $2', [dossierId, last - 2]);
    await ownerClient.query('ALTER TABLE journal_entry ENABLE TRIGGER "TRG_journal_entry_no_update_delete"');
    await ownerClient.query('COMMIT');

    const after = await t.request({ method: 'GET', url: '/api/journal/verify', as: 'admin' });
    expect(after.body.valid).toBe(false);
    expect(after.body.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: 'TRUNCATED_TAIL', dossierId, seq: last - 2, checkpointHeadSeq: last }),
      ]),
    );
  });
});
