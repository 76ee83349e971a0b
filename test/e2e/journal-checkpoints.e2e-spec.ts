/**
 * A journal that proves itself (issue 16): verification cross-checks each dossier's chain
 * with its version and state, and every chain with the signed checkpoints written at each
 * signature (and at intervals) into the database and into a file outside it. Each test
 * tampers the way someone holding the table owner's rights would (trigger disabled), and
 * expects the verification to name what was done. On the server, the suite runs in a
 * database of its own: the journal-wide verification must see only its dossiers.
 */
import { jest } from '@jest/globals';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { verifyJournals } from '../../src/journal/journal-verify-report.js';
import { AdminJournalService } from '../../src/journal/admin-journal.service.js';
import { CheckpointService } from '../../src/journal/checkpoint.service.js';
import { entryHash } from '../../src/journal/hash-chain.js';
import { fromRawEntry, type RawJournalEntry } from '../../src/journal/journal-rows.js';
import { atDecision, declareAsSignatory, sitting } from '../support/decisions.js';
import { createFreshDatabase, type FreshDatabase } from '../support/fresh-database.js';
import { until } from '../support/poll.js';
import { createDossier, sendEvent, startTestApp, type TestApp } from '../support/test-app.js';

const SERVER = Boolean(process.env.DATABASE_URL);
const TRIGGER = '"TRG_journal_entry_no_update_delete"';

interface Problem {
  code: string;
  dossierId?: string;
  seq?: number;
  checkpointSeq?: number;
}

describe(`Journal checkpoints and cross-checks (${SERVER ? 'server' : 'embedded'} database)`, () => {
  let t: TestApp;
  let database: FreshDatabase | undefined;
  const walk = { createDossier, sendEvent };

  beforeAll(async () => {
    database = SERVER ? await createFreshDatabase(process.env.DATABASE_URL!, 'scic_checkpoints') : undefined;
    t = await startTestApp(database ? { env: { DATABASE_URL: database.url } } : {});
  });
  afterAll(async () => {
    await t.close();
    await database?.drop();
  });

  const checkpoints = () => t.app.get(CheckpointService);
  const dossierVerify = async (id: string) =>
    (await t.request({ method: 'GET', url: `/api/dossiers/${id}/journal/verify`, as: 'viewer' })).body;
  const audit = async () => {
    const response = await t.request({ method: 'GET', url: '/api/journal/verify', as: 'admin' });
    expect(response.status).toBe(200);
    return response.body as { valid: boolean; problems: Problem[]; checkpoint: { seq: number } | null };
  };
  const problemsOf = (problems: Problem[], dossierId: string) =>
    problems.filter((p) => p.dossierId === dossierId).map((p) => p.code);

  /** A dossier taken to `approved`: its decision signed, so a checkpoint was written. */
  async function signedDossier(): Promise<string> {
    const dossier = await atDecision(walk, t, 800_000);
    const recorded = await sendEvent(t, dossier.id, {
      type: 'RECORD_DECISION',
      outcome: 'APPROVED',
      ...sitting(t),
      amountCents: 800_000,
    });
    expect(recorded.status).toBe(200);
    // The preparation declares the élu's interests (none) and sets the year's envelope.
    const signed = await sendEvent(t, dossier.id, { type: 'SIGN' });
    expect(signed.body).toMatchObject({ state: 'approved' });
    return dossier.id;
  }

  /** As the table owner could: triggers off, the change, triggers back on. */
  async function asOwner(table: string, trigger: string, sql: string, params: unknown[] = []) {
    await t.dataSource.transaction(async (manager) => {
      await manager.query(`ALTER TABLE ${table} DISABLE TRIGGER ${trigger}`);
      await manager.query(sql, params);
      await manager.query(`ALTER TABLE ${table} ENABLE TRIGGER ${trigger}`);
    });
  }

  const lastSeq = async (id: string) =>
    (await t.dataSource.query('SELECT max(seq)::int AS seq FROM journal_entry WHERE dossier_id = $1', [id]))[0]
      .seq as number;

  it('writes a signed checkpoint at SIGN, into the table and the file (0600), which agree and verify', async () => {
    const before = (await t.dataSource.query('SELECT count(*)::int AS n FROM journal_checkpoint'))[0].n as number;
    const id = await signedDossier();
    const rows = await t.dataSource.query(
      'SELECT seq, reason, signature, public_key FROM journal_checkpoint ORDER BY seq DESC LIMIT 1',
    );
    expect(rows[0]).toMatchObject({ seq: before + 1, reason: 'signature' });
    expect(rows[0].public_key).toContain('BEGIN PUBLIC KEY');
    const [head] = await t.dataSource.query(
      'SELECT seq FROM journal_checkpoint_head WHERE dossier_id = $1 ORDER BY checkpoint_seq DESC LIMIT 1',
      [id],
    );
    expect(head.seq).toBe(await lastSeq(id));

    const lines = readFileSync(t.config.checkpointFile, 'utf8').trim().split('\n');
    expect(JSON.parse(lines.at(-1)!)).toMatchObject({ seq: before + 1, signature: rows[0].signature });
    expect(statSync(t.config.checkpointFile).mode & 0o777).toBe(0o600);
    expect(statSync(t.config.journalSigningKeyFile).mode & 0o777).toBe(0o600);

    expect(await dossierVerify(id)).toMatchObject({ valid: true, problems: [] });
    const result = await audit();
    expect(result).toMatchObject({ valid: true, problems: [], checkpoint: { seq: before + 1 } });
    const report = await verifyJournals(t.dataSource, t.config);
    expect(report.exitCode).toBe(0);
  });

  it('names the truncated tail of a signed dossier whose last two entries were deleted', async () => {
    const id = await signedDossier();
    const last = await lastSeq(id);
    await asOwner('journal_entry', TRIGGER, 'DELETE FROM journal_entry WHERE dossier_id = $1 AND seq > $2', [
      id,
      last - 2,
    ]);
    const verify = await dossierVerify(id);
    expect(verify.valid).toBe(false);
    expect(verify.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: 'TRUNCATED_TAIL', seq: last - 2, checkpointHeadSeq: last }),
        expect.objectContaining({ code: 'VERSION_MISMATCH' }),
        expect.objectContaining({ code: 'STATE_MISMATCH', dossierState: 'approved' }),
      ]),
    );
    // The journal-wide check names it too, and a later checkpoint does not vouch for it.
    await checkpoints().write('signature');
    expect(problemsOf((await audit()).problems, id)).toEqual(
      expect.arrayContaining(['TRUNCATED_TAIL', 'VERSION_MISMATCH', 'STATE_MISMATCH']),
    );
    const report = await verifyJournals(t.dataSource, t.config);
    expect(report.exitCode).toBe(1);
    expect(report.lines.join('\n')).toContain(`TRUNCATED_TAIL (dossier ${id}, entry ${last - 2}`);
  });

  it('names a truncated tail of data entries, which only the checkpoint can see', async () => {
    const dossier = await createDossier(t);
    // Entries that change neither the version nor the state: the signatory's declarations.
    const id = (await atDecision(walk, t, 800_000)).id;
    expect((await declareAsSignatory(t, id, { hasInterest: false }, 'elu.first')).status).toBe(200);
    expect((await declareAsSignatory(t, id, { hasInterest: false }, 'elu.second')).status).toBe(200);
    await checkpoints().write('interval');
    const last = await lastSeq(id);
    await asOwner('journal_entry', TRIGGER, 'DELETE FROM journal_entry WHERE dossier_id = $1 AND seq > $2', [
      id,
      last - 2,
    ]);
    const verify = await dossierVerify(id);
    expect(verify.problems.map((p: Problem) => p.code)).toEqual(['TRUNCATED_TAIL']);
    expect(problemsOf((await audit()).problems, id)).toEqual(['TRUNCATED_TAIL']);
    expect(problemsOf((await audit()).problems, dossier.id)).toEqual([]);
    // A checkpoint written afterwards keeps the head it had recorded: it never vouches for the cut.
    await checkpoints().write('interval');
    expect((await dossierVerify(id)).problems.map((p: Problem) => p.code)).toEqual(['TRUNCATED_TAIL']);
    expect(problemsOf((await audit()).problems, id)).toEqual(['TRUNCATED_TAIL']);
  });

  it('names an edited payload whose following hashes were all recomputed, through the checkpoint', async () => {
    const id = await signedDossier();
    const rows: RawJournalEntry[] = await t.dataSource.query(
      `SELECT dossier_id, seq, type, actor_id, actor_role, actor_credential, occurred_at, payload, prev_hash, hash
         FROM journal_entry WHERE dossier_id = $1 ORDER BY seq`,
      [id],
    );
    const edited = 2;
    let prevHash = rows[edited - 2].hash;
    await t.dataSource.transaction(async (manager) => {
      await manager.query(`ALTER TABLE journal_entry DISABLE TRIGGER ${TRIGGER}`);
      for (const row of rows.slice(edited - 1)) {
        const entry = fromRawEntry(row);
        if (row.seq === edited) entry.payload = { ...entry.payload, forged: 'montant revu à la hausse' };
        const hash = entryHash(prevHash, entry);
        await manager.query(
          'UPDATE journal_entry SET payload = $3, prev_hash = $4, hash = $5 WHERE dossier_id = $1 AND seq = $2',
          [id, row.seq, entry.payload, prevHash, hash],
        );
        prevHash = hash;
      }
      await manager.query(`ALTER TABLE journal_entry ENABLE TRIGGER ${TRIGGER}`);
    });
    const verify = await dossierVerify(id);
    // The chain itself holds: only the checkpoint's head proves it was rewritten.
    expect(verify.firstBrokenSeq).toBeNull();
    expect(verify.problems).toEqual([expect.objectContaining({ code: 'CHECKPOINT_HASH_MISMATCH', seq: rows.length })]);
    expect(problemsOf((await audit()).problems, id)).toEqual(['CHECKPOINT_HASH_MISMATCH']);
  });

  it("writes a checkpoint when a correction is signed, covering the correction's entry", async () => {
    const id = await signedDossier();
    const correction = await t.request({
      method: 'POST',
      url: `/api/dossiers/${id}/decision/corrections`,
      as: 'elected_official',
      body: { ...sitting(t), amountCents: 700_000, justification: 'Tour de table revu.', reason: 'Montant rectifié.' },
    });
    expect(correction.status).toBe(201);
    const before = (await t.dataSource.query('SELECT max(seq)::int AS n FROM journal_checkpoint'))[0].n as number;
    const signed = await t.request({
      method: 'POST',
      url: `/api/dossiers/${id}/decision/corrections/${correction.body.decisionId}/sign`,
      as: 'elected_official',
      body: {},
    });
    expect(signed.status).toBe(200);
    const [latest] = await t.dataSource.query('SELECT seq, reason FROM journal_checkpoint ORDER BY seq DESC LIMIT 1');
    expect(latest).toEqual({ seq: before + 1, reason: 'signature' });
    const [head] = await t.dataSource.query(
      'SELECT seq FROM journal_checkpoint_head WHERE dossier_id = $1 ORDER BY checkpoint_seq DESC LIMIT 1',
      [id],
    );
    expect(head.seq).toBe(signed.body.journalSeq);
    expect((await dossierVerify(id)).problems).toEqual([]);
  });

  it('names a signature that no checkpoint followed', async () => {
    const spy = jest.spyOn(checkpoints(), 'afterSignature').mockResolvedValueOnce(undefined);
    const id = await signedDossier();
    spy.mockRestore();
    expect((await dossierVerify(id)).problems).toEqual([
      expect.objectContaining({ code: 'SIGNATURE_NOT_CHECKPOINTED', seq: await lastSeq(id) }),
    ]);
    await checkpoints().write('interval');
    expect((await dossierVerify(id)).problems).toEqual([]);
  });

  it('names a checkpoint deleted from the table, and one deleted from the file', async () => {
    await checkpoints().write('signature');
    const [{ seq }] = await t.dataSource.query('SELECT max(seq)::int AS seq FROM journal_checkpoint');
    await asOwner(
      'journal_checkpoint',
      '"TRG_journal_checkpoint_no_update_delete"',
      'DELETE FROM journal_checkpoint WHERE seq = $1',
      [seq],
    );
    expect((await audit()).problems).toEqual(
      expect.arrayContaining([expect.objectContaining({ code: 'CHECKPOINT_MISSING_IN_TABLE', checkpointSeq: seq })]),
    );

    const file = t.config.checkpointFile;
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    const removed = JSON.parse(lines[0]).seq as number;
    writeFileSync(file, `${lines.slice(1).join('\n')}\n`);
    expect((await audit()).problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: 'CHECKPOINT_MISSING_IN_FILE', checkpointSeq: removed }),
        expect.objectContaining({ code: 'CHECKPOINT_MISSING', checkpointSeq: removed + 1 }),
      ]),
    );
  });

  it("names the administration journal's truncated tail through the checkpoint", async () => {
    const admin = t.app.get(AdminJournalService);
    for (const id of ['a', 'b']) {
      await t.dataSource.transaction((manager) =>
        admin.append(manager, {
          type: 'TEST_CHANGE',
          actor: { userId: 'test.admin', role: 'admin', credential: 'dev' },
          subject: { kind: 'test', id },
          before: null,
          after: { value: id },
          reason: 'Essai du point de contrôle.',
        }),
      );
    }
    const line = await checkpoints().write('interval');
    expect(line?.adminHead).toEqual(await admin.head());
    await asOwner(
      'admin_journal_entry',
      '"TRG_admin_journal_entry_no_update_delete"',
      'DELETE FROM admin_journal_entry WHERE seq = $1',
      [line!.adminHead!.seq],
    );
    expect((await audit()).problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          code: 'ADMIN_TRUNCATED_TAIL',
          seq: line!.adminHead!.seq - 1,
          checkpointSeq: line!.seq,
        }),
      ]),
    );
  });

  it('names a checkpoint signed with another key', async () => {
    const line = await checkpoints().write('signature');
    const forged = readFileSync(t.config.checkpointFile, 'utf8').replace(
      line!.signature,
      Buffer.alloc(64, 7).toString('base64'),
    );
    writeFileSync(t.config.checkpointFile, forged);
    expect((await audit()).problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: 'CHECKPOINT_SIGNATURE_INVALID', checkpointSeq: line!.seq, where: 'file' }),
        expect.objectContaining({ code: 'CHECKPOINT_MISMATCH', checkpointSeq: line!.seq }),
      ]),
    );
  });
});

describe(`Journal checkpoints at intervals (${SERVER ? 'server' : 'embedded'} database)`, () => {
  let t: TestApp;
  let database: FreshDatabase | undefined;

  beforeAll(async () => {
    database = SERVER ? await createFreshDatabase(process.env.DATABASE_URL!, 'scic_checkpoints') : undefined;
    t = await startTestApp({
      env: {
        ...(database ? { DATABASE_URL: database.url } : {}),
        WORKERS_ENABLED: 'true',
        CHECKPOINT_INTERVAL_MS: '1000',
      },
    });
  });
  afterAll(async () => {
    await t.close();
    await database?.drop();
  });

  const checkpointsOf = async () =>
    (await t.dataSource.query('SELECT seq, reason FROM journal_checkpoint ORDER BY seq')) as {
      seq: number;
      reason: string;
    }[];

  it('writes one when a chain moved, and none while nothing does', async () => {
    await createDossier(t);
    await until('an interval checkpoint', async () => (await checkpointsOf()).length > 0, { timeoutMs: 15_000 });
    expect(await checkpointsOf()).toEqual([{ seq: 1, reason: 'interval' }]);
    // Nothing moved since: the timer's next pass writes nothing.
    expect(await t.app.get(CheckpointService).write('interval')).toBeNull();
    expect(await checkpointsOf()).toHaveLength(1);
  });
});
