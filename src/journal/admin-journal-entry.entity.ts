import { Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintNumber } from '../database/columns.js';

/**
 * One entry of the administration journal (issue 16): account acts, referential,
 * threshold and envelope changes. One global chain, append-only (a trigger refuses
 * UPDATE, DELETE and TRUNCATE) and hash-chained like the dossiers' journal.
 */
@Entity('admin_journal_entry')
export class AdminJournalEntry {
  /** 1, 2, 3… over the whole installation, without gaps. */
  @PrimaryColumn({ type: 'bigint', transformer: bigintNumber, primaryKeyConstraintName: 'PK_admin_journal_entry' })
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

  /** What was changed: `threshold`, `envelope`, `service`, `user`… */
  @Column({ name: 'subject_kind', type: 'varchar', length: 40 })
  subjectKind!: string;

  @Column({ name: 'subject_id', type: 'varchar', length: 100 })
  subjectId!: string;

  /** The subject before the change (null when it is created). */
  @Column({ type: 'jsonb', nullable: true })
  before!: unknown;

  /** The subject after the change (null when it is removed). */
  @Column({ type: 'jsonb', nullable: true })
  after!: unknown;

  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  @Column({ name: 'prev_hash', type: 'char', length: 64 })
  prevHash!: string;

  @Column({ type: 'char', length: 64 })
  hash!: string;
}
