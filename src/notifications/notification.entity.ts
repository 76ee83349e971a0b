import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A message sent to a person: kept in the application (in-app notifications) whether or
 * not it also left by e-mail, so that nothing promised depends on a mail server.
 */
@Entity('notification')
@Index('UQ_notification_message_recipient', ['outboxMessageId', 'recipient'], { unique: true })
@Index('IDX_notification_user', ['userId', 'createdAt'])
export class Notification {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** The outbox message it comes from: delivering that message twice adds nothing. */
  @Column({ name: 'outbox_message_id', type: 'uuid' })
  outboxMessageId!: string;

  /** `user:<id>` for a user of the application, `email:<address>` for an outside contact. */
  @Column({ type: 'varchar', length: 300 })
  recipient!: string;

  @Column({ name: 'user_id', type: 'uuid', nullable: true })
  userId!: string | null;

  @Column({ type: 'varchar', length: 254, nullable: true })
  email!: string | null;

  @Column({ name: 'dossier_id', type: 'uuid', nullable: true })
  dossierId!: string | null;

  @Column({ type: 'varchar', length: 64 })
  kind!: string;

  @Column({ type: 'varchar', length: 300 })
  subject!: string;

  @Column({ name: 'body_text', type: 'text' })
  bodyText!: string;

  @Column({ name: 'body_html', type: 'text' })
  bodyHtml!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  /** When the e-mail was accepted by the SMTP server (null: not sent, or no address). */
  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt!: Date | null;

  @Column({ name: 'read_at', type: 'timestamptz', nullable: true })
  readAt!: Date | null;
}
