import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { bigintNumber } from '../../database/columns.js';
import { Dossier } from '../../dossiers/dossier.entity.js';
import type { Composition } from '../composition.js';
import type { VoteTally } from '../vote-tally.js';
import { CommitteeSession } from '../sessions/committee-session.entity.js';

/**
 * The committee's reasoned opinion on a dossier at a session (DOMAIN step 4), written in
 * the same transaction as RECORD_OPINION, with the composition that allowed it. A
 * dossier adjourned and examined again has one opinion per session.
 */
@Entity('committee_opinion')
@Index('UQ_committee_opinion_session_dossier', ['sessionId', 'dossierId'], { unique: true })
@Index('IDX_committee_opinion_dossier', ['dossierId', 'recordedAt'])
@Check(
  'CHK_committee_opinion_value',
  `"opinion" IN ('FAVOURABLE', 'FAVOURABLE_WITH_CONDITIONS', 'UNFAVOURABLE', 'ADJOURNED')`,
)
@Check(
  'CHK_committee_opinion_amount',
  `("opinion" IN ('FAVOURABLE', 'FAVOURABLE_WITH_CONDITIONS')) = ("proposed_amount_cents" IS NOT NULL) AND ("proposed_amount_cents" IS NULL) = ("proposed_shares" IS NULL)`,
)
@Check('CHK_committee_opinion_conditions', `("opinion" = 'FAVOURABLE_WITH_CONDITIONS') = ("conditions" IS NOT NULL)`)
export class CommitteeOpinion {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'session_id', type: 'uuid' })
  sessionId!: string;

  @ManyToOne(() => CommitteeSession, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'session_id', foreignKeyConstraintName: 'FK_committee_opinion_session' })
  session?: Relation<CommitteeSession>;

  @Column({ name: 'dossier_id', type: 'uuid' })
  dossierId!: string;

  @ManyToOne(() => Dossier, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'dossier_id', foreignKeyConstraintName: 'FK_committee_opinion_dossier' })
  dossier?: Relation<Dossier>;

  @Column({ type: 'varchar', length: 32 })
  opinion!: string;

  @Column({ type: 'text' })
  motivation!: string;

  @Column({ type: 'text', nullable: true })
  conditions!: string | null;

  @Column({ name: 'proposed_amount_cents', type: 'bigint', nullable: true, transformer: bigintNumber })
  proposedAmountCents!: number | null;

  @Column({ name: 'proposed_shares', type: 'int', nullable: true })
  proposedShares!: number | null;

  /** The composition for this dossier when the opinion was given (who sat for which seat, who was déporté). */
  @Column({ type: 'jsonb' })
  composition!: Composition;

  /** Pour / contre / abstention of the sitting members and the chair's casting vote; null when nobody voted (rule 7). */
  @Column({ name: 'vote_tally', type: 'jsonb', nullable: true })
  voteTally!: VoteTally | null;

  @Column({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt!: Date;

  @Column({ name: 'recorded_by', type: 'varchar', length: 100 })
  recordedBy!: string;
}
