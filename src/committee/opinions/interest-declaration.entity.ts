import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Dossier } from '../../dossiers/dossier.entity.js';
import { Scic } from '../../dossiers/scic.entity.js';
import { User } from '../../identity/user.entity.js';
import { CommitteeSession } from '../sessions/committee-session.entity.js';
import { INTEREST_DECLARATION_CHECK } from '../seats.js';

/**
 * A member's declaration of interest in a SCIC (DOMAIN rule 8), made through a dossier of
 * it at a session, but concerning the SCIC — every dossier of its SIREN, at every session
 * — until replaced (see committee/interest-declarations.ts). A declared interest makes the
 * member « déporté » for the SCIC's dossiers: out of their composition, quorum and vote.
 * One row in force per member and SCIC (`superseded_at IS NULL`), the earlier ones kept;
 * every act is in the journal of the dossier it was made through.
 */
@Entity('committee_interest_declaration')
@Index('UQ_committee_interest_declaration_current', ['scicId', 'userId'], {
  unique: true,
  where: '"superseded_at" IS NULL',
})
@Index('IDX_committee_interest_declaration_dossier', ['dossierId'])
@Check('CHK_committee_interest_declaration_nature', INTEREST_DECLARATION_CHECK)
@Check('CHK_committee_interest_declaration_withdrawal', `"withdrawal_reason" IS NULL OR NOT "has_interest"`)
export class InterestDeclaration {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'scic_id', type: 'uuid' })
  scicId!: string;

  @ManyToOne(() => Scic, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'scic_id', foreignKeyConstraintName: 'FK_committee_interest_declaration_scic' })
  scic?: Relation<Scic>;

  /** The session it was made at. */
  @Column({ name: 'session_id', type: 'uuid' })
  sessionId!: string;

  @ManyToOne(() => CommitteeSession, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'session_id', foreignKeyConstraintName: 'FK_committee_interest_declaration_session' })
  session?: Relation<CommitteeSession>;

  /** The dossier it was made through (its journal holds the act). */
  @Column({ name: 'dossier_id', type: 'uuid' })
  dossierId!: string;

  @ManyToOne(() => Dossier, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'dossier_id', foreignKeyConstraintName: 'FK_committee_interest_declaration_dossier' })
  dossier?: Relation<Dossier>;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @ManyToOne(() => User, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'FK_committee_interest_declaration_user' })
  user?: Relation<User>;

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
