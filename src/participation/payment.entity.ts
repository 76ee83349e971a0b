import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { bigintNumber } from '../database/columns.js';
import { Dossier } from '../dossiers/dossier.entity.js';
import { Participation } from './participation.entity.js';

/** A payment of the subscribed shares (rule 12: only once the decision is signed and executory). Never deleted. */
@Entity('participation_payment')
@Index('IDX_participation_payment_dossier', ['dossierId'])
@Index('UQ_participation_payment_reference', ['dossierId', 'reference'], { unique: true })
@Check('CHK_participation_payment_amount', `"amount_cents" > 0`)
export class Payment {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'dossier_id', type: 'uuid' })
  dossierId!: string;

  @ManyToOne(() => Dossier, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'dossier_id', foreignKeyConstraintName: 'FK_participation_payment_dossier' })
  dossier?: Relation<Dossier>;

  /** The signed decision (and its subscription) the payment was made under. */
  @Column({ name: 'decision_id', type: 'uuid' })
  decisionId!: string;

  @ManyToOne(() => Participation, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'decision_id',
    referencedColumnName: 'decisionId',
    foreignKeyConstraintName: 'FK_participation_payment_participation',
  })
  participation?: Relation<Participation>;

  @Column({ name: 'amount_cents', type: 'bigint', transformer: bigintNumber })
  amountCents!: number;

  @Column({ name: 'paid_on', type: 'date' })
  paidOn!: string;

  /** The accounting reference of the payment (mandat), unique per dossier. */
  @Column({ type: 'varchar', length: 80 })
  reference!: string;

  @Column({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt!: Date;

  @Column({ name: 'recorded_by', type: 'varchar', length: 100 })
  recordedBy!: string;
}
