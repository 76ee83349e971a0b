import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Dossier } from '../../dossiers/dossier.entity.js';
import { User } from '../../identity/user.entity.js';
import { CommitteeSession } from '../sessions/committee-session.entity.js';
import { INTEREST_DECLARATION_CHECK } from '../seats.js';

/**
 * A member's declaration of interest in the SCIC of a dossier, for the session that
 * examines it (DOMAIN rule 8). A declared interest makes the member « déporté » for that
 * dossier: out of its composition, quorum and vote. The current declaration is kept
 * here; every change is in the dossier's journal. Frozen once the opinion is recorded.
 */
@Entity('committee_interest_declaration')
@Index('UQ_committee_interest_declaration', ['sessionId', 'dossierId', 'userId'], { unique: true })
@Check('CHK_committee_interest_declaration_nature', INTEREST_DECLARATION_CHECK)
export class InterestDeclaration {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'session_id', type: 'uuid' })
  sessionId!: string;

  @ManyToOne(() => CommitteeSession, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'session_id', foreignKeyConstraintName: 'FK_committee_interest_declaration_session' })
  session?: Relation<CommitteeSession>;

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

  @Column({ name: 'declared_at', type: 'timestamptz' })
  declaredAt!: Date;
}
