import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { bigintNumber } from '../database/columns.js';

/**
 * A signed checkpoint of the journals (issue 16): the heads of every dossier chain (as a
 * digest here; the heads that changed since the previous checkpoint in
 * `journal_checkpoint_head`) and the administration journal's head, signed with an
 * Ed25519 key kept outside the database. Checkpoints chain to each other by `prev_hash`.
 * Append-only (a trigger refuses UPDATE, DELETE and TRUNCATE); each one is also written
 * to an append-only file outside the database.
 */
@Entity('journal_checkpoint')
export class JournalCheckpoint {
  /** 1, 2, 3…, written one at a time under an advisory lock. */
  @PrimaryColumn({ type: 'integer', primaryKeyConstraintName: 'PK_journal_checkpoint' })
  seq!: number;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  /** `interval`, `signature` or `start`. */
  @Column({ type: 'varchar', length: 16 })
  reason!: string;

  @Column({ name: 'dossier_count', type: 'integer' })
  dossierCount!: number;

  /** SHA-256 over the sorted `dossier_id:seq:hash` lines of every dossier chain's head. */
  @Column({ name: 'dossiers_digest', type: 'char', length: 64 })
  dossiersDigest!: string;

  @Column({ name: 'admin_seq', type: 'bigint', nullable: true, transformer: bigintNumber })
  adminSeq!: number | null;

  @Column({ name: 'admin_hash', type: 'char', length: 64, nullable: true })
  adminHash!: string | null;

  /** The previous checkpoint's `hash` (64 zeros for the first). */
  @Column({ name: 'prev_hash', type: 'char', length: 64 })
  prevHash!: string;

  /** SHA-256 of the canonical JSON of the signed content: what the signature covers. */
  @Column({ type: 'char', length: 64 })
  hash!: string;

  /** The signing key's public half (SPKI, PEM), for the record; verification uses the configured key. */
  @Column({ name: 'public_key', type: 'text' })
  publicKey!: string;

  /** Ed25519 signature of `hash`, base64. */
  @Column({ type: 'varchar', length: 128 })
  signature!: string;
}

/** A dossier chain's head at a checkpoint, stored only when it changed since the previous one. */
@Entity('journal_checkpoint_head')
@Index('IDX_journal_checkpoint_head_dossier', ['dossierId', 'checkpointSeq'])
export class JournalCheckpointHead {
  @PrimaryColumn({ name: 'checkpoint_seq', type: 'integer', primaryKeyConstraintName: 'PK_journal_checkpoint_head' })
  checkpointSeq!: number;

  @PrimaryColumn({ name: 'dossier_id', type: 'uuid', primaryKeyConstraintName: 'PK_journal_checkpoint_head' })
  dossierId!: string;

  @Column({ type: 'integer' })
  seq!: number;

  @Column({ type: 'char', length: 64 })
  hash!: string;
}
