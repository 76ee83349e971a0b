import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { bigintNumber } from '../database/columns.js';
import { Dossier } from '../dossiers/dossier.entity.js';
import type { DecisionBody, DecisionOutcome, RecusedElectedOfficial } from '../workflow/dossier.events.js';

/** What the committee proposed, copied at the decision so that the document shows what the élus had. */
export interface DecisionProposal {
  opinion: string;
  motivation: string;
  conditions: string | null;
  proposedAmountCents: number | null;
  proposedShares: number | null;
  committeeDate: string;
}

/**
 * A decision of the élus on a dossier (DOMAIN step 5), recorded by RECORD_DECISION and
 * signed by SIGN. Once signed it is immutable, by a trigger as well as by the API; a
 * correction is a new decision that `supersedes` the previous one and is signed in turn
 * (DOMAIN rule 13). Decisions are never deleted.
 */
@Entity('decision')
@Index('UQ_decision_deliberation_number_normalized', ['deliberationNumberNormalized'], { unique: true })
@Index('UQ_decision_supersedes', ['supersedesId'], { unique: true })
@Index('IDX_decision_dossier', ['dossierId'])
@Check('CHK_decision_outcome', `"outcome" IN ('APPROVED', 'REJECTED', 'ADJOURNED')`)
@Check('CHK_decision_body', `"body" IN ('CONSEIL_DEPARTEMENTAL', 'COMMISSION_PERMANENTE')`)
@Check('CHK_decision_amount', `("outcome" = 'APPROVED') = ("amount_cents" IS NOT NULL AND "shares" IS NOT NULL)`)
@Check('CHK_decision_signed', `("signed_at" IS NULL) = ("document_sha256" IS NULL)`)
export class Decision {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'dossier_id', type: 'uuid' })
  dossierId!: string;

  @ManyToOne(() => Dossier, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'dossier_id', foreignKeyConstraintName: 'FK_decision_dossier' })
  dossier?: Relation<Dossier>;

  @Column({ type: 'varchar', length: 16 })
  outcome!: DecisionOutcome;

  @Column({ type: 'varchar', length: 32 })
  body!: DecisionBody;

  @Column({ name: 'delegation_reference', type: 'varchar', length: 200, nullable: true })
  delegationReference!: string | null;

  @Column({ name: 'session_date', type: 'date' })
  sessionDate!: string;

  /** As typed (trimmed), as the documents print it. */
  @Column({ name: 'deliberation_number', type: 'varchar', length: 50 })
  deliberationNumber!: string;

  /** The unique form (common/deliberation-number.ts): « cp‐2026‐100 » and « CP-2026-100 » are one délibération. */
  @Column({ name: 'deliberation_number_normalized', type: 'text' })
  deliberationNumberNormalized!: string;

  @Column({ name: 'amount_cents', type: 'bigint', nullable: true, transformer: bigintNumber })
  amountCents!: number | null;

  @Column({ type: 'int', nullable: true })
  shares!: number | null;

  @Column({ type: 'text', nullable: true })
  justification!: string | null;

  @Column({ name: 'recused_elected_officials', type: 'jsonb', default: () => "'[]'" })
  recusedElectedOfficials!: RecusedElectedOfficial[];

  @Column({ type: 'jsonb', nullable: true })
  proposal!: DecisionProposal | null;

  /** The year whose envelope (programme authorisation, account 261) the amount is charged to. */
  @Column({ name: 'envelope_year', type: 'int' })
  envelopeYear!: number;

  @Column({ name: 'programme_reference', type: 'varchar', length: 120, nullable: true })
  programmeReference!: string | null;

  @Column({ name: 'supersedes_id', type: 'uuid', nullable: true })
  supersedesId!: string | null;

  @ManyToOne(() => Decision, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'supersedes_id', foreignKeyConstraintName: 'FK_decision_supersedes' })
  supersedes?: Relation<Decision>;

  @Column({ name: 'correction_reason', type: 'text', nullable: true })
  correctionReason!: string | null;

  @Column({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt!: Date;

  @Column({ name: 'recorded_by', type: 'varchar', length: 100 })
  recordedBy!: string;

  @Column({ name: 'signed_at', type: 'timestamptz', nullable: true })
  signedAt!: Date | null;

  @Column({ name: 'signed_by', type: 'varchar', length: 100, nullable: true })
  signedBy!: string | null;

  @Column({ name: 'signatory_name', type: 'varchar', length: 200, nullable: true })
  signatoryName!: string | null;

  @Column({ name: 'document_sha256', type: 'char', length: 64, nullable: true })
  documentSha256!: string | null;
}
