/**
 * The administration journal (issue 16): every account act and every change of a
 * referential, threshold or envelope, with its actor, the subject before and after, and
 * the reason given. One chain for the whole installation, hashed with the dossiers'
 * journal's function (hash-chain.ts) so that the same verifier checks both.
 */
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, MoreThan, type EntityManager } from 'typeorm';
import type { Actor } from '../common/actor.js';
import { AdminJournalEntry } from './admin-journal-entry.entity.js';
import { ChainVerifier, GENESIS_HASH, entryHash, type ChainVerification, type ChainedContent } from './hash-chain.js';

export interface NewAdminJournalEntry {
  type: string;
  actor: Actor;
  subject: { kind: string; id: string };
  before: unknown;
  after: unknown;
  reason: string | null;
}

/** Stands in the hashed content where a dossier's entry names its dossier. */
export const ADMIN_CHAIN_ID = 'admin';

/**
 * Serialises appends across connections and instances: a transaction-scoped advisory
 * lock on a fixed key (any constant the rest of the application does not use).
 */
const APPEND_LOCK_KEY = 0x5c1c_ad01;

const VERIFY_BATCH = 5000;

@Injectable()
export class AdminJournalService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Appends an entry inside the caller's transaction, which must be open: the advisory
   * lock it takes lasts until that transaction ends, so that two appends never read the
   * same head (the primary key on seq refuses a fork all the same).
   */
  async append(
    manager: EntityManager,
    entry: NewAdminJournalEntry,
    now = new Date(),
  ): Promise<{ seq: number; hash: string }> {
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error('AdminJournalService.append needs an open transaction');
    }
    await manager.query('SELECT pg_advisory_xact_lock($1)', [APPEND_LOCK_KEY]);
    const last = await this.head(manager);
    const row = {
      seq: (last?.seq ?? 0) + 1,
      type: entry.type,
      actorId: entry.actor.userId,
      actorRole: entry.actor.role,
      actorCredential: entry.actor.credential ?? null,
      // Stored and hashed at the millisecond, so the stored value hashes the same.
      occurredAt: new Date(now.getTime()),
      subjectKind: entry.subject.kind,
      subjectId: entry.subject.id,
      // As jsonb will give them back: dates as strings, undefined fields dropped.
      before: asJson(entry.before),
      after: asJson(entry.after),
      reason: entry.reason,
    };
    const prevHash = last?.hash ?? GENESIS_HASH;
    const hash = entryHash(prevHash, chained(row));
    // Plain SQL: jsonb parameters passed as JSON text, so that a string or a number is
    // stored as itself.
    await manager.query(
      `INSERT INTO admin_journal_entry (seq, type, actor_id, actor_role, actor_credential, occurred_at,
         subject_kind, subject_id, before, after, reason, prev_hash, hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10::jsonb, $11, $12, $13)`,
      [
        row.seq,
        row.type,
        row.actorId,
        row.actorRole,
        row.actorCredential,
        row.occurredAt,
        row.subjectKind,
        row.subjectId,
        JSON.stringify(row.before),
        JSON.stringify(row.after),
        row.reason,
        prevHash,
        hash,
      ],
    );
    return { seq: row.seq, hash };
  }

  /** The last entry's sequence number and hash; null while the journal is empty. */
  async head(manager: EntityManager = this.dataSource.manager): Promise<{ seq: number; hash: string } | null> {
    const [last] = await manager.query<{ seq: string; hash: string }[]>(
      'SELECT seq, hash FROM admin_journal_entry ORDER BY seq DESC LIMIT 1',
    );
    return last ? { seq: Number(last.seq), hash: last.hash } : null;
  }

  async list(afterSeq = 0, limit = 100): Promise<AdminJournalEntry[]> {
    return this.dataSource.getRepository(AdminJournalEntry).find({
      where: { seq: MoreThan(afterSeq) },
      order: { seq: 'ASC' },
      take: limit,
    });
  }

  /** Recomputes the chain, in batches so that a long journal stays in bounded memory. */
  async verify(): Promise<ChainVerification> {
    const verifier = new ChainVerifier();
    let afterSeq = 0;
    for (;;) {
      const batch = await this.dataSource.query<RawEntry[]>(
        `SELECT seq, type, actor_id, actor_role, actor_credential, occurred_at, subject_kind, subject_id,
                before, after, reason, prev_hash, hash
           FROM admin_journal_entry WHERE seq > $1 ORDER BY seq LIMIT $2`,
        [afterSeq, VERIFY_BATCH],
      );
      verifier.feed(batch.map(fromRaw));
      if (batch.length < VERIFY_BATCH) break;
      afterSeq = Number(batch[batch.length - 1].seq);
    }
    return verifier.result();
  }
}

function asJson(value: unknown): unknown {
  return value === undefined ? null : (JSON.parse(JSON.stringify(value)) as unknown);
}

type Chainable = Omit<AdminJournalEntry, 'prevHash' | 'hash'>;

/** The covered content, in the shape the shared hash function takes. */
function chained(entry: Chainable): ChainedContent {
  return {
    dossierId: ADMIN_CHAIN_ID,
    seq: entry.seq,
    type: entry.type,
    actorId: entry.actorId,
    actorRole: entry.actorRole,
    actorCredential: entry.actorCredential ?? undefined,
    occurredAt: entry.occurredAt,
    payload: {
      subjectKind: entry.subjectKind,
      subjectId: entry.subjectId,
      before: entry.before ?? null,
      after: entry.after ?? null,
      reason: entry.reason,
    },
  };
}

interface RawEntry {
  seq: string;
  type: string;
  actor_id: string;
  actor_role: string;
  actor_credential: string | null;
  occurred_at: Date;
  subject_kind: string;
  subject_id: string;
  before: unknown;
  after: unknown;
  reason: string | null;
  prev_hash: string;
  hash: string;
}

function fromRaw(row: RawEntry) {
  const entry: Chainable = {
    seq: Number(row.seq),
    type: row.type,
    actorId: row.actor_id,
    actorRole: row.actor_role,
    actorCredential: row.actor_credential,
    occurredAt: row.occurred_at,
    subjectKind: row.subject_kind,
    subjectId: row.subject_id,
    before: row.before,
    after: row.after,
    reason: row.reason,
  };
  return { ...chained(entry), prevHash: row.prev_hash, hash: row.hash };
}
