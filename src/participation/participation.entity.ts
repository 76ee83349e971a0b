import { Check, Column, Entity, Index, JoinColumn, ManyToOne, OneToOne, PrimaryColumn, type Relation } from 'typeorm';
import { bigintNumber } from '../database/columns.js';
import { Decision } from '../decisions/decision.entity.js';
import { Dossier } from '../dossiers/dossier.entity.js';

/**
 * The stake that a signed approval opens (DOMAIN, after step 5): the shares subscribed,
 * the subscription form once signed, the date the decision became executory (after its
 * transmission for the prefect's legality review), and the payments (rule 12).
 */
@Entity('participation')
@Index('IDX_participation_dossier', ['dossierId'])
@Check('CHK_participation_subscribed', `"subscribed_amount_cents" > 0 AND "subscribed_shares" > 0`)
export class Participation {
  /** One subscription per signed decision: a signed correction gets its own, the earlier stays on record. */
  @PrimaryColumn({ name: 'decision_id', type: 'uuid' })
  decisionId!: string;

  @OneToOne(() => Decision, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'decision_id', foreignKeyConstraintName: 'FK_participation_decision' })
  decision?: Relation<Decision>;

  @Column({ name: 'dossier_id', type: 'uuid' })
  dossierId!: string;

  @ManyToOne(() => Dossier, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'dossier_id', foreignKeyConstraintName: 'FK_participation_dossier' })
  dossier?: Relation<Dossier>;

  @Column({ name: 'subscribed_shares', type: 'int' })
  subscribedShares!: number;

  @Column({ name: 'subscribed_amount_cents', type: 'bigint', transformer: bigintNumber })
  subscribedAmountCents!: number;

  @Column({ name: 'decided_on', type: 'date' })
  decidedOn!: string;

  @Column({ name: 'subscription_signed_on', type: 'date', nullable: true })
  subscriptionSignedOn!: string | null;

  @Column({ name: 'executory_on', type: 'date', nullable: true })
  executoryOn!: string | null;

  @Column({ type: 'int', default: 1 })
  version!: number;
}
