import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * The due date of the step a dossier is at. Kept in SQL, not as XState `after` timers,
 * which a restored snapshot would not restart. A suspension for complements keeps the
 * step's remaining days and gives them back on return.
 */
@Entity('dossier_deadline')
@Index('IDX_dossier_deadline_due', ['dueDate'])
export class DossierDeadline {
  @PrimaryColumn({ name: 'dossier_id', type: 'uuid' })
  dossierId!: string;

  /** The state the due date belongs to. */
  @Column({ type: 'varchar', length: 64 })
  state!: string;

  @Column({ name: 'due_date', type: 'date', nullable: true })
  dueDate!: string | null;

  /** While awaiting complements: the days the interrupted step had left. */
  @Column({ name: 'remaining_days', type: 'int', nullable: true })
  remainingDays!: number | null;

  /** The due date a reminder was sent for (one reminder per due date). */
  @Column({ name: 'reminded_for', type: 'date', nullable: true })
  remindedFor!: string | null;

  /** The due date an overdue notice was sent for. */
  @Column({ name: 'overdue_notified_for', type: 'date', nullable: true })
  overdueNotifiedFor!: string | null;
}
