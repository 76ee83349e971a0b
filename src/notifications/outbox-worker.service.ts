/**
 * Delivers the outbox after commit (DESIGN §5): takes due messages with
 * `FOR UPDATE SKIP LOCKED` and a lease (so several instances share the work and a
 * message taken by a process that died is taken again once its lease ends), keeps every
 * message in the application, sends e-mails once each, and retries failures with
 * exponential backoff until the limit, after which the message is `failed` and shown to
 * the administrator. At-least-once: a message may be processed twice, never lost; the
 * notifications it produces are unique per (message, recipient) and each e-mail is sent
 * only while its `sent_at` is empty.
 */
import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CLOCK, type Clock } from '../common/clock.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { Mailer } from './mailer.js';
import { OutboxHandlers, UnknownTopicError, type OutboxMessageView } from './outbox-handlers.js';

const LEASE_MS = 60_000;
const MAX_BACKOFF_MS = 3_600_000;
const BATCH = 20;

export interface WorkerRun {
  claimed: number;
  done: number;
  retried: number;
  failed: number;
}

interface ClaimedRow {
  id: string;
  dossier_id: string;
  topic: string;
  payload: Record<string, unknown>;
  attempts: number;
}

@Injectable()
export class OutboxWorker implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('Outbox');
  private timer?: NodeJS.Timeout;
  private running?: Promise<WorkerRun>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly handlers: OutboxHandlers,
    private readonly mailer: Mailer,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    if (!this.config.workersEnabled) return;
    this.timer = setInterval(() => {
      this.runOnce().catch((error: unknown) => this.logger.error(`outbox run failed: ${String(error)}`));
    }, this.config.outboxPollMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }

  /** One pass over the due messages; overlapping calls share the pass in progress. */
  runOnce(): Promise<WorkerRun> {
    this.running ??= this.pass().finally(() => (this.running = undefined));
    return this.running;
  }

  private async pass(): Promise<WorkerRun> {
    const now = this.clock.now();
    // TypeORM answers an UPDATE … RETURNING with [rows, count].
    const [claimed] = await this.dataSource.query<[ClaimedRow[], number]>(
      `UPDATE outbox_message SET status = 'sending', locked_until = $2, attempts = attempts + 1
        WHERE id IN (SELECT id FROM outbox_message
                      WHERE (status = 'pending' AND available_at <= $1) OR (status = 'sending' AND locked_until < $1)
                      ORDER BY available_at, created_at LIMIT $3 FOR UPDATE SKIP LOCKED)
        RETURNING id, dossier_id, topic, payload, attempts`,
      [now, new Date(now.getTime() + LEASE_MS), BATCH],
    );
    const run: WorkerRun = { claimed: claimed.length, done: 0, retried: 0, failed: 0 };
    for (const row of claimed) run[await this.deliver(row)]++;
    return run;
  }

  private async deliver(row: ClaimedRow): Promise<'done' | 'retried' | 'failed'> {
    const message: OutboxMessageView = {
      id: row.id,
      dossierId: row.dossier_id,
      topic: row.topic,
      payload: row.payload,
    };
    try {
      await this.keep(message);
      await this.sendPending(message.id);
      await this.dataSource.query(
        `UPDATE outbox_message SET status = 'done', processed_at = $2, locked_until = NULL, last_error = NULL WHERE id = $1`,
        [row.id, this.clock.now()],
      );
      return 'done';
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      const final = error instanceof UnknownTopicError || row.attempts >= this.config.outboxMaxAttempts;
      const retryAt = new Date(
        this.clock.now().getTime() + Math.min(MAX_BACKOFF_MS, this.config.outboxBackoffMs * 2 ** (row.attempts - 1)),
      );
      await this.dataSource.query(
        `UPDATE outbox_message SET status = $2, available_at = $3, locked_until = NULL, last_error = $4 WHERE id = $1`,
        [row.id, final ? 'failed' : 'pending', retryAt, reason.slice(0, 2000)],
      );
      if (final)
        this.logger.warn(`outbox message ${row.id} (${row.topic}) failed after ${row.attempts} attempts: ${reason}`);
      return final ? 'failed' : 'retried';
    }
  }

  /** Stores the messages in the application; a second delivery of the same message adds nothing. */
  private async keep(message: OutboxMessageView): Promise<void> {
    const outgoing = await this.handlers.messagesFor(message);
    for (const item of outgoing) {
      const recipient = item.recipient.userId ? `user:${item.recipient.userId}` : `email:${item.recipient.email}`;
      await this.dataSource.query(
        `INSERT INTO notification (outbox_message_id, recipient, user_id, email, dossier_id, kind, subject, body_text, body_html)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT (outbox_message_id, recipient) DO NOTHING`,
        [
          message.id,
          recipient,
          item.recipient.userId ?? null,
          item.recipient.email ?? null,
          message.dossierId,
          item.kind,
          item.subject,
          item.text,
          item.html,
        ],
      );
    }
  }

  /** Sends the message's e-mails not sent yet, marking each as it is accepted. */
  private async sendPending(outboxMessageId: string): Promise<void> {
    if (!this.mailer.enabled) return;
    const pending = await this.dataSource.query<
      { id: string; email: string; subject: string; body_text: string; body_html: string }[]
    >(
      `SELECT id, email, subject, body_text, body_html FROM notification
        WHERE outbox_message_id = $1 AND email IS NOT NULL AND sent_at IS NULL ORDER BY recipient`,
      [outboxMessageId],
    );
    for (const notification of pending) {
      await this.mailer.send({
        messageId: `<${notification.id}@scic-instruction>`,
        to: notification.email,
        subject: notification.subject,
        text: notification.body_text,
        html: notification.body_html,
      });
      await this.dataSource.query('UPDATE notification SET sent_at = $2 WHERE id = $1', [
        notification.id,
        this.clock.now(),
      ]);
    }
  }
}
