import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Dossier } from '../dossiers/dossier.entity.js';
import { Scic } from '../dossiers/scic.entity.js';
import { INTEREST_DECLARATION_CHECK } from '../committee/seats.js';

/**
 * An élu's declaration of interest in a SCIC (DOMAIN rule 8), made through a dossier of
 * it before signing, but concerning the SCIC — every dossier of its SIREN — until
 * replaced (see committee/interest-declarations.ts). The user id is the actor's, as in
 * the journal: an élu signs under the identity the request carries. One row in force per
 * élu and SCIC (`superseded_at IS NULL`), the earlier ones kept; every act is in the
 * journal of the dossier it was made through.
 */
@Entity('signatory_declaration')
@Index('UQ_signatory_declaration_current', ['scicId', 'userId'], { unique: true, where: '"superseded_at" IS NULL' })
@Index('IDX_signatory_declaration_dossier', ['dossierId'])
@Check('CHK_signatory_declaration_nature', INTEREST_DECLARATION_CHECK)
@Check('CHK_signatory_declaration_withdrawal', `"withdrawal_reason" IS NULL OR NOT "has_interest"`)
export class SignatoryDeclaration {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'scic_id', type: 'uuid' })
  scicId!: string;

  @ManyToOne(() => Scic, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'scic_id', foreignKeyConstraintName: 'FK_signatory_declaration_scic' })
  scic?: Relation<Scic>;

  /** The dossier it was made through (its journal holds the act). */
  @Column({ name: 'dossier_id', type: 'uuid' })
  dossierId!: string;

  @ManyToOne(() => Dossier, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'dossier_id', foreignKeyConstraintName: 'FK_signatory_declaration_dossier' })
  dossier?: Relation<Dossier>;

  @Column({ name: 'user_id', type: 'varchar', length: 100 })
  userId!: string;

  @Column({ name: 'has_interest', type: 'boolean' })
  hasInterest!: boolean;

  @Column({ type: 'varchar', length: 32, nullable: true })
  nature!: string | null;

  @Column({ type: 'text', nullable: true })
  details!: string | null;

  /** Why a declared interest was withdrawn (on the « no interest » row that replaced it). */
  @Column({ name: 'withdrawal_reason', type: 'text', nullable: true })
  withdrawalReason!: string | null;

  @Column({ name: 'declared_at', type: 'timestamptz' })
  declaredAt!: Date;

  /** When a later declaration replaced this one; null for the declaration in force. */
  @Column({ name: 'superseded_at', type: 'timestamptz', nullable: true })
  supersededAt!: Date | null;
}
