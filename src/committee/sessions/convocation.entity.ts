import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { User } from '../../identity/user.entity.js';
import type { SeatHeld } from '../composition.js';
import { CommitteeSession } from './committee-session.entity.js';

/**
 * A member convoked to a session (the messages themselves are outbox rows). Being
 * convoked is what lets a member see the dossiers of that agenda and be recorded present.
 */
@Entity('committee_convocation')
export class Convocation {
  @PrimaryColumn({ name: 'session_id', type: 'uuid' })
  sessionId!: string;

  @ManyToOne(() => CommitteeSession, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'session_id', foreignKeyConstraintName: 'FK_committee_convocation_session' })
  session?: Relation<CommitteeSession>;

  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @ManyToOne(() => User, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'FK_committee_convocation_user' })
  user?: Relation<User>;

  @Column({ name: 'first_sent_at', type: 'timestamptz' })
  firstSentAt!: Date;

  @Column({ name: 'last_sent_at', type: 'timestamptz' })
  lastSentAt!: Date;

  /** How many convocations went out (a second one carries an updated agenda). */
  @Column({ name: 'times_sent', type: 'int', default: 1 })
  timesSent!: number;

  /** The seats the member held, frozen when the session closes (null while open: the live seats count). */
  @Column({ name: 'frozen_seats', type: 'jsonb', nullable: true })
  frozenSeats!: SeatHeld[] | null;
}
