import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Dossier } from '../../dossiers/dossier.entity.js';
import { User } from '../../identity/user.entity.js';
import { CommitteeSession } from '../sessions/committee-session.entity.js';

/**
 * A member's individual position on a dossier at a session. Only a present member who
 * declared no interest votes, for themself. A member who declares an interest after
 * voting is déporté: the vote is kept, marked withdrawn (nothing is deleted), and no
 * longer counts. Frozen once the opinion is recorded.
 */
@Entity('committee_vote')
@Index('UQ_committee_vote', ['sessionId', 'dossierId', 'userId'], { unique: true })
@Check(
  'CHK_committee_vote_position',
  `"position" IN ('FAVOURABLE', 'FAVOURABLE_WITH_CONDITIONS', 'UNFAVOURABLE', 'ABSTENTION')`,
)
export class Vote {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'session_id', type: 'uuid' })
  sessionId!: string;

  @ManyToOne(() => CommitteeSession, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'session_id', foreignKeyConstraintName: 'FK_committee_vote_session' })
  session?: Relation<CommitteeSession>;

  @Column({ name: 'dossier_id', type: 'uuid' })
  dossierId!: string;

  @ManyToOne(() => Dossier, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'dossier_id', foreignKeyConstraintName: 'FK_committee_vote_dossier' })
  dossier?: Relation<Dossier>;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @ManyToOne(() => User, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'FK_committee_vote_user' })
  user?: Relation<User>;

  @Column({ type: 'varchar', length: 32 })
  position!: string;

  @Column({ type: 'text', nullable: true })
  comment!: string | null;

  @Column({ name: 'voted_at', type: 'timestamptz' })
  votedAt!: Date;

  /** Set when the member declared an interest after voting: the vote no longer counts. */
  @Column({ name: 'withdrawn_at', type: 'timestamptz', nullable: true })
  withdrawnAt!: Date | null;
}
