import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Dossier } from '../dossiers/dossier.entity.js';
import { INTEREST_DECLARATION_CHECK } from '../committee/seats.js';

/**
 * An élu's declaration of interest in the SCIC of a dossier before signing its decision
 * (DOMAIN rule 8). The user id is the actor's, as in the journal: an élu signs under the
 * identity the request carries. The current declaration is kept here, every change in
 * the dossier's journal; frozen once the decision is signed.
 */
@Entity('signatory_declaration')
@Index('UQ_signatory_declaration', ['dossierId', 'userId'], { unique: true })
@Check('CHK_signatory_declaration_nature', INTEREST_DECLARATION_CHECK)
export class SignatoryDeclaration {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

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

  @Column({ name: 'declared_at', type: 'timestamptz' })
  declaredAt!: Date;
}
