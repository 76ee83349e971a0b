/**
 * Signed checkpoints of the journals (issue 16): at intervals (CHECKPOINT_INTERVAL_MS, on
 * the instances running the workers) and after every signature, the heads of every dossier
 * chain and the administration journal's head are signed with the Ed25519 key of
 * JOURNAL_SIGNING_KEY_FILE, stored in `journal_checkpoint` (the heads that changed in
 * `journal_checkpoint_head`) and appended as one JSON line to CHECKPOINT_FILE. Both are
 * outside what the application may rewrite: the table is append-only, the file is opened
 * for appending only, and the key is not in the database.
 */
import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { closeSync, existsSync, fstatSync, fsyncSync, mkdirSync, openSync, readSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { DataSource, type EntityManager } from 'typeorm';
import { CLOCK, type Clock } from '../common/clock.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { DossierReader } from '../dossiers/dossier-reader.js';
import { AdminJournalService } from './admin-journal.service.js';
import { loadSigningKey, signHash, type SigningKey } from './checkpoint-key.js';
import {
  checkpointHash,
  parseCheckpointLine,
  type CheckpointLine,
  type HeadTuple,
  type SignedCheckpoint,
} from './checkpoint-record.js';
import { GENESIS_HASH } from './hash-chain.js';
import { JournalAudit, type AuditResult } from './journal-audit.js';
import { JournalCheckpoint } from './journal-checkpoint.entity.js';

/** Any constant will do, as long as every instance uses the same one. */
const CHECKPOINT_LOCK = 727_274_016;

export type CheckpointReason = 'interval' | 'signature';

/**
 * The heads to record: each dossier chain's last entry (one index probe per dossier of
 * `$1`, every dossier's id, rather than a scan of the whole journal), except for a dossier whose journal no
 * longer holds the head the previous checkpoints recorded (truncated or rewritten): its
 * recorded head is kept, so that a checkpoint never vouches for a tampered journal.
 * Returns the digest over all of them, their count, and the ones that changed.
 */
const HEADS_SQL = `
WITH cur AS MATERIALIZED (
  SELECT d.id AS dossier_id, e.seq, e.hash FROM unnest($1::uuid[]) AS d(id)
   CROSS JOIN LATERAL (SELECT seq, hash FROM journal_entry WHERE dossier_id = d.id ORDER BY seq DESC LIMIT 1) e),
prev AS MATERIALIZED (
  SELECT DISTINCT ON (dossier_id) dossier_id, seq, hash FROM journal_checkpoint_head
   ORDER BY dossier_id, checkpoint_seq DESC),
bad AS MATERIALIZED (
  SELECT p.dossier_id FROM prev p
    LEFT JOIN journal_entry e ON e.dossier_id = p.dossier_id AND e.seq = p.seq
   WHERE e.hash IS DISTINCT FROM p.hash),
heads AS MATERIALIZED (
  SELECT * FROM prev WHERE dossier_id IN (SELECT dossier_id FROM bad)
  UNION ALL
  SELECT * FROM cur WHERE dossier_id NOT IN (SELECT dossier_id FROM bad)),
agg AS (
  SELECT count(*)::int AS n,
         encode(sha256(convert_to(coalesce(string_agg(dossier_id::text || ':' || seq || ':' || hash, E'\\n'
                ORDER BY dossier_id::text COLLATE "C"), ''), 'UTF8')), 'hex') AS digest
    FROM heads),
changed AS (
  SELECT h.dossier_id, h.seq, h.hash FROM heads h LEFT JOIN prev p USING (dossier_id)
   WHERE p.seq IS DISTINCT FROM h.seq OR p.hash IS DISTINCT FROM h.hash)
SELECT agg.n, agg.digest, (SELECT count(*)::int FROM bad) AS bad, c.dossier_id, c.seq, c.hash
  FROM agg LEFT JOIN changed c ON true`;

interface HeadsRow {
  n: number;
  digest: string;
  bad: number;
  dossier_id: string | null;
  seq: number | null;
  hash: string | null;
}

@Injectable()
export class CheckpointService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('Checkpoints');
  private timer?: NodeJS.Timeout;
  private key?: SigningKey;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly adminJournal: AdminJournalService,
    private readonly dossierReader: DossierReader,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    // At start, so that a missing key in production stops the start, naming the variable.
    this.key = loadSigningKey(this.config.journalSigningKeyFile, {
      generate: this.config.generateSigningKey,
      warn: (message) => this.logger.warn(message),
    });
    if (!this.config.workersEnabled) return;
    this.timer = setInterval(() => {
      this.write('interval').catch((error: unknown) => this.logger.error(`checkpoint failed: ${String(error)}`));
    }, this.config.checkpointIntervalMs);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /**
   * After a signature is committed. Never fails the signature: when this fails, the next
   * interval checkpoint covers it, and verification names the signature meanwhile.
   */
  async afterSignature(): Promise<void> {
    await this.write('signature').catch((error: unknown) =>
      this.logger.error(`checkpoint after a signature failed: ${String(error)}`),
    );
  }

  /**
   * Writes a checkpoint; at intervals only when a head moved since the last one. Returns
   * it, or null when there was nothing new.
   */
  async write(reason: CheckpointReason): Promise<CheckpointLine | null> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock($1)', [CHECKPOINT_LOCK]);
      const last = await manager.findOne(JournalCheckpoint, { where: {}, order: { seq: 'DESC' } });
      // A dossier created after this read is in the next checkpoint (its creation moves a head).
      const dossierIds = (await this.dossierReader.versions(manager)).map((dossier) => dossier.id);
      const rows = await manager.query<HeadsRow[]>(HEADS_SQL, [dossierIds]);
      const { n, digest, bad } = rows[0];
      if (bad)
        this.logger.error(`${bad} dossier journal(s) no longer hold their checkpointed head: run journal:verify`);
      const changed: HeadTuple[] = rows.filter((r) => r.dossier_id).map((r) => [r.dossier_id!, r.seq!, r.hash!]);
      const adminHead = await this.adminJournal.head(manager);
      const sameAdmin = (last?.adminSeq ?? null) === (adminHead?.seq ?? null);
      if (reason === 'interval' && last && !changed.length && sameAdmin && last.dossiersDigest === digest) return null;
      return this.insert(manager, reason, last, { n, digest, changed, adminHead });
    });
  }

  private async insert(
    manager: EntityManager,
    reason: CheckpointReason,
    last: JournalCheckpoint | null,
    heads: { n: number; digest: string; changed: HeadTuple[]; adminHead: { seq: number; hash: string } | null },
  ): Promise<CheckpointLine> {
    const key = this.signingKey();
    // After the file's last checkpoint too: when rows were deleted from the table, their
    // numbers are not given again (verification names the missing ones).
    const lastInFile = readLastLine(this.config.checkpointFile);
    const previous = lastInFile && lastInFile.seq > (last?.seq ?? 0) ? lastInFile : last;
    const content: SignedCheckpoint = {
      seq: (previous?.seq ?? 0) + 1,
      createdAt: this.clock.now().toISOString(),
      reason,
      dossierCount: heads.n,
      dossiersDigest: heads.digest,
      adminHead: heads.adminHead,
      prevHash: previous?.hash ?? GENESIS_HASH,
      publicKeyFingerprint: key.fingerprint,
    };
    const hash = checkpointHash(content);
    const signature = signHash(key, hash);
    await manager.insert(JournalCheckpoint, {
      seq: content.seq,
      createdAt: new Date(content.createdAt),
      reason,
      dossierCount: content.dossierCount,
      dossiersDigest: content.dossiersDigest,
      adminSeq: content.adminHead?.seq ?? null,
      adminHash: content.adminHead?.hash ?? null,
      prevHash: content.prevHash,
      hash,
      publicKey: key.publicKeyPem,
      signature,
    });
    for (let offset = 0; offset < heads.changed.length; offset += 5000) {
      const batch = heads.changed.slice(offset, offset + 5000);
      await manager.query(
        `INSERT INTO journal_checkpoint_head (checkpoint_seq, dossier_id, seq, hash)
         SELECT $1, u.dossier_id, u.seq, u.hash FROM unnest($2::uuid[], $3::int[], $4::text[]) AS u(dossier_id, seq, hash)`,
        [content.seq, batch.map((h) => h[0]), batch.map((h) => h[1]), batch.map((h) => h[2])],
      );
    }
    const line: CheckpointLine = { ...content, hash, signature, publicKey: key.publicKeyPem, heads: heads.changed };
    // Before the commit: a checkpoint the file could not take is not written at all.
    appendLine(this.config.checkpointFile, JSON.stringify(line));
    return line;
  }

  /** Every journal against the checkpoints of the table and of the file (JournalAudit). */
  async audit(): Promise<AuditResult> {
    return new JournalAudit(this.dataSource, this.dossierReader).run({
      checkpoints: { key: this.signingKey(), file: this.config.checkpointFile },
    });
  }

  private signingKey(): SigningKey {
    this.key ??= loadSigningKey(this.config.journalSigningKeyFile, { generate: this.config.generateSigningKey });
    return this.key;
  }
}

/** The file's last checkpoint, read from its end (a line holds the heads that changed: it may be long). */
function readLastLine(path: string): CheckpointLine | null {
  if (!existsSync(path)) return null;
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    for (let chunk = 64 * 1024; ; chunk *= 4) {
      const start = Math.max(0, size - chunk);
      const buffer = Buffer.alloc(size - start);
      readSync(fd, buffer, 0, buffer.length, start);
      const lines = buffer
        .toString('utf8')
        .split('\n')
        .filter((line) => line.trim());
      // The first line of a partial read may be cut: only trusted when the read starts a line.
      if (lines.length > 1 || start === 0) return lines.length ? parseCheckpointLine(lines[lines.length - 1]) : null;
    }
  } finally {
    closeSync(fd);
  }
}

/** Appends one line and flushes it to disk; the file is created readable by its owner only. */
function appendLine(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const fd = openSync(path, 'a', 0o600);
  try {
    writeSync(fd, `${text}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
