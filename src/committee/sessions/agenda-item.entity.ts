import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Dossier } from '../../dossiers/dossier.entity.js';
import { CommitteeSession } from './committee-session.entity.js';

/**
 * SCHEDULED: on the agenda, to be examined · EXAMINED: the opinion is recorded ·
 * MOVED: re-scheduled to a later session (with a reason) · REMOVED: the dossier left the
 * committee step (withdrawn, closed) before being examined.
 */
export type AgendaItemStatus = 'SCHEDULED' | 'EXAMINED' | 'MOVED' | 'REMOVED';

/** A dossier on a session's agenda. Rows are kept: a move ends one row and opens another. */
@Entity('committee_agenda_item')
@Index('UQ_committee_agenda_item_session_dossier', ['sessionId', 'dossierId'], { unique: true })
// A dossier waits on one agenda at a time.
@Index('UQ_committee_agenda_item_scheduled', ['dossierId'], { unique: true, where: `"status" = 'SCHEDULED'` })
@Check('CHK_committee_agenda_item_status', `"status" IN ('SCHEDULED', 'EXAMINED', 'MOVED', 'REMOVED')`)
@Check('CHK_committee_agenda_item_moved', `("status" = 'MOVED') = ("moved_to_session_id" IS NOT NULL)`)
export class AgendaItem {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'session_id', type: 'uuid' })
  sessionId!: string;

  @ManyToOne(() => CommitteeSession, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'session_id', foreignKeyConstraintName: 'FK_committee_agenda_item_session' })
  session?: Relation<CommitteeSession>;

  @Column({ name: 'dossier_id', type: 'uuid' })
  dossierId!: string;

  @ManyToOne(() => Dossier, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'dossier_id', foreignKeyConstraintName: 'FK_committee_agenda_item_dossier' })
  dossier?: Relation<Dossier>;

  /** Order on the agenda (1, 2, …). */
  @Column({ type: 'int' })
  position!: number;

  @Column({ type: 'varchar', length: 12, default: 'SCHEDULED' })
  status!: AgendaItemStatus;

  /** Why the dossier was put on this agenda when it comes from another session or back from the élus. */
  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  @Column({ name: 'scheduled_at', type: 'timestamptz' })
  scheduledAt!: Date;

  @Column({ name: 'moved_to_session_id', type: 'uuid', nullable: true })
  movedToSessionId!: string | null;

  @ManyToOne(() => CommitteeSession, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'moved_to_session_id', foreignKeyConstraintName: 'FK_committee_agenda_item_moved_to' })
  movedTo?: Relation<CommitteeSession>;

  @Column({ name: 'moved_reason', type: 'text', nullable: true })
  movedReason!: string | null;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
