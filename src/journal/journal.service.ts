import { Injectable, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, MoreThan, type EntityManager } from 'typeorm';
import type { Actor } from '../common/actor.js';
import { DossierReader } from '../dossiers/dossier-reader.js';
import { CheckpointService } from './checkpoint.service.js';
import { DossierChainCheck, type DossierChainResult } from './chain-check.js';
import { GENESIS_HASH, entryHash } from './hash-chain.js';
import { JournalAudit } from './journal-audit.js';
import { JournalEntry } from './journal-entry.entity.js';
import { fromRawEntry, type RawJournalEntry } from './journal-rows.js';

export interface NewJournalEntry {
  type: string;
  actor: Actor;
  payload: Record<string, unknown>;
}

const VERIFY_BATCH = 5000;

@Injectable()
export class JournalService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly dossierReader: DossierReader,
    // Absent when a script builds this service by hand (it then writes no checkpoint).
    @Optional() private readonly checkpoints?: CheckpointService,
  ) {}

  /**
   * After a signature is committed: writes a signed checkpoint, then gives `result` back.
   * Never fails the signature (CheckpointService.afterSignature logs a failure).
   */
  async checkpointAfterSignature<T>(result: T): Promise<T> {
    await this.checkpoints?.afterSignature();
    return result;
  }

  /**
   * Appends an entry to the dossier's chain inside the caller's transaction. The caller
   * must hold the dossier row lock (SELECT … FOR UPDATE), which serialises appends per
   * dossier; the unique (dossier_id, seq) index refuses a fork all the same.
   */
  async append(
    manager: EntityManager,
    dossierId: string,
    entry: NewJournalEntry,
    now = new Date(),
  ): Promise<JournalEntry> {
    const [last] = await manager.query<{ seq: number; hash: string }[]>(
      'SELECT seq, hash FROM journal_entry WHERE dossier_id = $1 ORDER BY seq DESC LIMIT 1',
      [dossierId],
    );
    const content = {
      dossierId,
      seq: (last?.seq ?? 0) + 1,
      type: entry.type,
      actorId: entry.actor.userId,
      actorRole: entry.actor.role,
      actorCredential: entry.actor.credential,
      // Stored and hashed at the millisecond, so the stored value hashes the same.
      occurredAt: new Date(now.getTime()),
      payload: entry.payload,
    };
    const prevHash = last?.hash ?? GENESIS_HASH;
    const row = manager.create(JournalEntry, { ...content, prevHash, hash: entryHash(prevHash, content) });
    return manager.save(row);
  }

  async list(dossierId: string, afterSeq = 0, limit = 100): Promise<JournalEntry[]> {
    return this.dataSource.getRepository(JournalEntry).find({
      where: { dossierId, seq: MoreThan(afterSeq) },
      order: { seq: 'ASC' },
      take: limit,
    });
  }

  async exists(dossierId: string): Promise<boolean> {
    return this.dataSource.getRepository(JournalEntry).exists({ where: { dossierId } });
  }

  /**
   * Recomputes one dossier's chain and cross-checks it with the dossier row (version,
   * state) and the head its last checkpoint recorded; in batches, so that a long journal
   * stays in bounded memory.
   */
  async verify(dossierId: string): Promise<DossierChainResult> {
    const [dossier] = await this.dossierReader.many([dossierId]);
    const [head] = await this.dataSource.query<{ checkpoint_seq: number; seq: number; hash: string }[]>(
      `SELECT checkpoint_seq, seq, hash FROM journal_checkpoint_head WHERE dossier_id = $1
        ORDER BY checkpoint_seq DESC LIMIT 1`,
      [dossierId],
    );
    const check = new DossierChainCheck(
      dossierId,
      head ? { checkpointSeq: head.checkpoint_seq, seq: head.seq, hash: head.hash } : null,
    );
    let afterSeq = 0;
    for (;;) {
      const batch = await this.dataSource.query<RawJournalEntry[]>(
        `SELECT dossier_id, seq, type, actor_id, actor_role, actor_credential, occurred_at, payload, prev_hash, hash
           FROM journal_entry WHERE dossier_id = $1 AND seq > $2 ORDER BY seq LIMIT $3`,
        [dossierId, afterSeq, VERIFY_BATCH],
      );
      for (const raw of batch) check.feed(fromRawEntry(raw));
      if (batch.length < VERIFY_BATCH) break;
      afterSeq = batch[batch.length - 1].seq;
    }
    return check.finish(dossier ? { state: dossier.state, version: dossier.version } : null);
  }

  /**
   * Verifies every dossier's chain in one ordered scan, cross-checked with the dossier
   * rows and the checkpointed heads (the signatures and the checkpoint file are
   * JournalAudit's, which needs the key); returns the broken ones and the totals.
   */
  async verifyAll(): Promise<{
    dossiers: number;
    entries: number;
    broken: { dossierId: string; firstBrokenSeq: number | null }[];
  }> {
    const { dossiers, entries, broken } = await new JournalAudit(this.dataSource, this.dossierReader).run();
    return { dossiers, entries, broken };
  }
}
