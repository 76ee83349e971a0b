import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { User } from '../../identity/user.entity.js';

export type SessionStatus = 'OPEN' | 'CLOSED';

/**
 * A sitting of the comité d'engagement. Open while it is prepared and held; closed by
 * the secretary, after which nothing about it changes and its minutes (generated at
 * closing, bytes and SHA-256 kept here) are served as they were.
 */
@Entity('committee_session')
@Index('IDX_committee_session_date', ['sessionDate'])
@Check('CHK_committee_session_status', `"status" IN ('OPEN', 'CLOSED')`)
@Check('CHK_committee_session_where', `"place" IS NOT NULL OR "video_link" IS NOT NULL`)
@Check('CHK_committee_session_closed', `("status" = 'CLOSED') = ("closed_at" IS NOT NULL)`)
@Check('CHK_committee_session_minutes', `"minutes_sha256" IS NULL OR "minutes_sha256" ~ '^[0-9a-f]{64}$'`)
export class CommitteeSession {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** The day of the sitting in the département's time zone. */
  @Column({ name: 'session_date', type: 'date' })
  sessionDate!: string;

  /** `HH:MM`, local time; null when not fixed yet. */
  @Column({ name: 'start_time', type: 'varchar', length: 5, nullable: true })
  startTime!: string | null;

  @Column({ type: 'varchar', length: 300, nullable: true })
  place!: string | null;

  @Column({ name: 'video_link', type: 'varchar', length: 500, nullable: true })
  videoLink!: string | null;

  @Column({ name: 'chair_user_id', type: 'uuid', nullable: true })
  chairUserId!: string | null;

  @ManyToOne(() => User, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'chair_user_id', foreignKeyConstraintName: 'FK_committee_session_chair' })
  chair?: Relation<User>;

  @Column({ name: 'secretary_user_id', type: 'uuid', nullable: true })
  secretaryUserId!: string | null;

  @ManyToOne(() => User, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'secretary_user_id', foreignKeyConstraintName: 'FK_committee_session_secretary' })
  secretary?: Relation<User>;

  @Column({ type: 'varchar', length: 8, default: 'OPEN' })
  status!: SessionStatus;

  /** Bumped on every change of the session itself. */
  @Column({ type: 'int', default: 1 })
  version!: number;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'created_by', type: 'varchar', length: 100 })
  createdBy!: string;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt!: Date | null;

  @Column({ name: 'closed_by', type: 'varchar', length: 100, nullable: true })
  closedBy!: string | null;

  /** The minutes generated at closing: served byte for byte, whose hash the journals record. */
  @Column({ name: 'minutes_pdf', type: 'bytea', nullable: true })
  minutesPdf!: Buffer | null;

  @Column({ name: 'minutes_sha256', type: 'varchar', length: 64, nullable: true })
  minutesSha256!: string | null;
}
