import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One entry of a dossier's journal: append-only (a trigger refuses UPDATE, DELETE and
 * TRUNCATE) and hash-chained: `hash = SHA-256(prev_hash ‖ canonical JSON of the entry)`.
 */
@Entity('journal_entry')
@Index('UQ_journal_entry_dossier_seq', ['dossierId', 'seq'], { unique: true })
export class JournalEntry {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'dossier_id', type: 'uuid' })
  dossierId!: string;

  /** 1, 2, 3… per dossier, without gaps. */
  @Column({ type: 'int' })
  seq!: number;

  @Column({ type: 'varchar', length: 64 })
  type!: string;

  @Column({ name: 'actor_id', type: 'varchar', length: 100 })
  actorId!: string;

  @Column({ name: 'actor_role', type: 'varchar', length: 32 })
  actorRole!: string;

  /** The session or API token the actor used (`session:<id>`, `token:<id>`, `dev`). */
  @Column({ name: 'actor_credential', type: 'varchar', length: 64, nullable: true })
  actorCredential!: string | null;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;

  @Column({ type: 'jsonb' })
  payload!: Record<string, unknown>;

  @Column({ name: 'prev_hash', type: 'char', length: 64 })
  prevHash!: string;

  @Column({ type: 'char', length: 64 })
  hash!: string;
}
