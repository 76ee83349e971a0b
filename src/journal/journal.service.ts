import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, MoreThan, type EntityManager } from 'typeorm';
import type { Actor } from '../common/actor.js';
import { ChainVerifier, GENESIS_HASH, entryHash, type ChainVerification } from './hash-chain.js';
import { JournalEntry } from './journal-entry.entity.js';

export interface NewJournalEntry {
  type: string;
  actor: Actor;
  payload: Record<string, unknown>;
}

const VERIFY_BATCH = 5000;

@Injectable()
export class JournalService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

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

  /** Recomputes one dossier's chain, in batches so a long journal stays in bounded memory. */
  async verify(dossierId: string): Promise<ChainVerification> {
    const verifier = new ChainVerifier();
    let afterSeq = 0;
    for (;;) {
      const batch = await this.dataSource.query<RawEntry[]>(
        `SELECT dossier_id, seq, type, actor_id, actor_role, actor_credential, occurred_at, payload, prev_hash, hash
           FROM journal_entry WHERE dossier_id = $1 AND seq > $2 ORDER BY seq LIMIT $3`,
        [dossierId, afterSeq, VERIFY_BATCH],
      );
      verifier.feed(batch.map(fromRaw));
      if (batch.length < VERIFY_BATCH) break;
      afterSeq = batch[batch.length - 1].seq;
    }
    return verifier.result();
  }

  /** Verifies every dossier's chain; returns the broken ones and the totals. */
  async verifyAll(): Promise<{
    dossiers: number;
    entries: number;
    broken: { dossierId: string; firstBrokenSeq: number | null }[];
  }> {
    // Every dossier, so that one whose journal lost every entry is reported too.
    const ids = await this.dataSource.query<{ dossier_id: string }[]>(
      'SELECT id AS dossier_id FROM dossier ORDER BY id',
    );
    let entries = 0;
    const broken: { dossierId: string; firstBrokenSeq: number | null }[] = [];
    for (const { dossier_id: dossierId } of ids) {
      const result = await this.verify(dossierId);
      entries += result.entries;
      if (!result.valid || result.entries === 0) broken.push({ dossierId, firstBrokenSeq: result.firstBrokenSeq });
    }
    return { dossiers: ids.length, entries, broken };
  }
}

interface RawEntry {
  dossier_id: string;
  seq: number;
  type: string;
  actor_id: string;
  actor_role: string;
  actor_credential: string | null;
  occurred_at: Date;
  payload: Record<string, unknown>;
  prev_hash: string;
  hash: string;
}

function fromRaw(row: RawEntry) {
  return {
    dossierId: row.dossier_id,
    seq: row.seq,
    type: row.type,
    actorId: row.actor_id,
    actorRole: row.actor_role,
    actorCredential: row.actor_credential ?? undefined,
    occurredAt: row.occurred_at,
    payload: row.payload,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}
