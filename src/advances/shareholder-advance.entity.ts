import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { bigintNumber } from '../database/columns.js';
import { Dossier } from '../dossiers/dossier.entity.js';
import { Scic } from '../dossiers/scic.entity.js';

export const ADVANCE_CLOSING_REASONS = ['REPAID', 'RENEWED'] as const;
export type AdvanceClosingReason = (typeof ADVANCE_CLOSING_REASONS)[number];

/**
 * A shareholder current-account advance granted to a SCIC after an approval (DOMAIN rule
 * 11). Insert-only history, with one exception: the closing is written once into the
 * row's closed_* columns (a trigger refuses any other change and any second closing).
 * One row per advance keeps "at most one open advance per SCIC" a partial unique index
 * the database enforces, which a separate closing table could not express.
 */
@Entity('shareholder_advance')
@Index('UQ_shareholder_advance_open', ['scicId'], { unique: true, where: '"closed_on" IS NULL' })
@Index('UQ_shareholder_advance_renewal_of', ['renewalOf'], { unique: true })
@Index('IDX_shareholder_advance_dossier', ['dossierId'])
@Check('CHK_shareholder_advance_amount', `"amount_cents" > 0`)
@Check('CHK_shareholder_advance_term', `"term_months" BETWEEN 1 AND 24`)
@Check('CHK_shareholder_advance_convention', `btrim("convention_reference") <> ''`)
@Check(
  'CHK_shareholder_advance_closed',
  `("closed_on" IS NULL AND "closed_by" IS NULL AND "closed_at" IS NULL AND "closing_reason" IS NULL) OR ("closed_on" IS NOT NULL AND "closed_by" IS NOT NULL AND "closed_at" IS NOT NULL AND "closing_reason" IN ('REPAID', 'RENEWED') AND "closed_on" >= "starts_on")`,
)
export class ShareholderAdvance {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_shareholder_advance' })
  id!: string;

  @Column({ name: 'scic_id', type: 'uuid' })
  scicId!: string;

  @ManyToOne(() => Scic, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'scic_id', foreignKeyConstraintName: 'FK_shareholder_advance_scic' })
  scic?: Relation<Scic>;

  /** The dossier whose signed approval the advance was granted under. */
  @Column({ name: 'dossier_id', type: 'uuid' })
  dossierId!: string;

  @ManyToOne(() => Dossier, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'dossier_id', foreignKeyConstraintName: 'FK_shareholder_advance_dossier' })
  dossier?: Relation<Dossier>;

  @Column({ name: 'convention_reference', type: 'varchar', length: 120 })
  conventionReference!: string;

  @Column({ name: 'convention_date', type: 'date' })
  conventionDate!: string;

  @Column({ name: 'amount_cents', type: 'bigint', transformer: bigintNumber })
  amountCents!: number;

  @Column({ name: 'starts_on', type: 'date' })
  startsOn!: string;

  @Column({ name: 'term_months', type: 'int' })
  termMonths!: number;

  /** starts_on + term_months, computed by the service (end of month kept: 31 Jan + 1 month = 28/29 Feb). */
  @Column({ name: 'ends_on', type: 'date' })
  endsOn!: string;

  /** The advance this one renews (at most once, never a renewal itself). */
  @Column({ name: 'renewal_of', type: 'uuid', nullable: true })
  renewalOf!: string | null;

  @ManyToOne(() => ShareholderAdvance, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'renewal_of', foreignKeyConstraintName: 'FK_shareholder_advance_renewal_of' })
  renewed?: Relation<ShareholderAdvance> | null;

  @Column({ name: 'recorded_by', type: 'varchar', length: 100 })
  recordedBy!: string;

  @Column({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt!: Date;

  @Column({ name: 'closed_on', type: 'date', nullable: true })
  closedOn!: string | null;

  @Column({ name: 'closing_reason', type: 'varchar', length: 16, nullable: true })
  closingReason!: AdvanceClosingReason | null;

  @Column({ name: 'closed_by', type: 'varchar', length: 100, nullable: true })
  closedBy!: string | null;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt!: Date | null;
}
