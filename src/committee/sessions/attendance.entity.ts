import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { User } from '../../identity/user.entity.js';
import { CommitteeSession } from './committee-session.entity.js';

/** Whether a convoked member attends the session, as the secretary records it. */
@Entity('committee_attendance')
export class Attendance {
  @PrimaryColumn({ name: 'session_id', type: 'uuid' })
  sessionId!: string;

  @ManyToOne(() => CommitteeSession, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'session_id', foreignKeyConstraintName: 'FK_committee_attendance_session' })
  session?: Relation<CommitteeSession>;

  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @ManyToOne(() => User, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'FK_committee_attendance_user' })
  user?: Relation<User>;

  @Column({ type: 'boolean' })
  present!: boolean;

  @Column({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt!: Date;

  @Column({ name: 'recorded_by', type: 'varchar', length: 100 })
  recordedBy!: string;
}
