/**
 * Delivers the outbox after commit (DESIGN §5): takes due messages one at a time with
 * `FOR UPDATE SKIP LOCKED` and a lease (so several instances share the work and a message
 * taken by a process that died is taken again once its lease ends), keeps every message in
 * the application, sends e-mails once each, and retries failures with exponential backoff
 * until the limit, after which the message is `failed` and shown to the administrator.
 *
 * At-least-once: a message may be processed twice, never lost. Each claim increments
 * `attempts`, which serves as the lease's token: a worker renews its lease before each
 * e-mail and settles the message only while `attempts` is still the value it claimed, so
 * a worker that lost its lease (it stalled past it and another instance took over) neither
 * sends more nor overwrites the other's result. The notifications a message produces are
 * unique per (message, recipient), each e-mail is sent only while its `sent_at` is empty,
 * and its Message-ID (the notification's id) is the same on every attempt: the one case
 * left — the server accepted an e-mail and the process died before recording it — sends it
 * again with the same Message-ID, by which the receiving side can recognise it.
 */
import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CLOCK, type Clock } from '../common/clock.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { Mailer } from './mailer.js';
import { OutboxHandlers, UnknownTopicError, type OutboxMessageView } from './outbox-handlers.js';

const MAX_BACKOFF_MS = 3_600_000;
/** Messages taken per pass at most, so that a pass ends and shutdown does not wait long. */
const BATCH = 20;

export interface WorkerRun {
  claimed: number;
  done: number;
  retried: number;
  failed: number;
  /** Taken over by another worker after this one's lease ran out: left to that worker. */
  lost: number;
  /** Given up because their last allowed attempt never finished (the process died). */
  abandoned: number;
}

interface ClaimedRow {
  id: string;
  dossier_id: string;
  topic: string;
  payload: Record<string, unknown>;
  attempts: number;
}

/** The claim a worker holds: the message and the `attempts` value its claim set. */
interface Lease {
  id: string;
  attempt: number;
}

class LeaseLostError extends Error {}

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
    const run: WorkerRun = { claimed: 0, done: 0, retried: 0, failed: 0, lost: 0, abandoned: 0 };
    run.abandoned = await this.abandonExhausted();
    // One message at a time: its lease starts when its work does, instead of running out
    // while it waits behind a slow message of the same batch. Each message is tried once
    // per pass, even when its backoff has already elapsed.
    const seen: string[] = [];
    while (seen.length < BATCH) {
      const row = await this.claim(seen);
      if (!row) break;
      seen.push(row.id);
      run.claimed++;
      run[await this.deliver(row)]++;
    }
    return run;
  }

  /**
   * A message whose lease ran out after its last allowed attempt: that attempt never
   * finished (the process died during it, perhaps because of the message). Retrying it
   * forever would hide it from the administrator; it is marked failed instead.
   */
  private async abandonExhausted(): Promise<number> {
    const [rows] = await this.dataSource.query<[{ id: string; topic: string }[], number]>(
      `UPDATE outbox_message SET status = 'failed', locked_until = NULL,
              last_error = 'Attempt ' || attempts || ' did not finish (the process stopped while delivering)'
        WHERE status = 'sending' AND locked_until < $1 AND attempts >= $2
        RETURNING id, topic`,
      [this.clock.now(), this.config.outboxMaxAttempts],
    );
    for (const row of rows) this.logger.warn(`outbox message ${row.id} (${row.topic}) failed: its last attempt died`);
    return rows.length;
  }

  private async claim(seen: string[]): Promise<ClaimedRow | undefined> {
    const now = this.clock.now();
    // TypeORM answers an UPDATE … RETURNING with [rows, count].
    const [rows] = await this.dataSource.query<[ClaimedRow[], number]>(
      `UPDATE outbox_message SET status = 'sending', locked_until = $2, attempts = attempts + 1
        WHERE id IN (SELECT id FROM outbox_message
                      WHERE ((status = 'pending' AND available_at <= $1)
                             OR (status = 'sending' AND locked_until < $1 AND attempts < $4))
                        AND NOT (id = ANY($3::uuid[]))
                      ORDER BY available_at, created_at LIMIT 1 FOR UPDATE SKIP LOCKED)
        RETURNING id, dossier_id, topic, payload, attempts`,
      [now, this.leaseEnd(), seen, this.config.outboxMaxAttempts],
    );
    return rows[0];
  }

  private leaseEnd(): Date {
    return new Date(this.clock.now().getTime() + this.config.outboxLeaseMs);
  }

  private async deliver(row: ClaimedRow): Promise<'done' | 'retried' | 'failed' | 'lost'> {
    const lease: Lease = { id: row.id, attempt: row.attempts };
    const message: OutboxMessageView = {
      id: row.id,
      dossierId: row.dossier_id,
      topic: row.topic,
      payload: row.payload,
    };
    try {
      await this.keep(message);
      await this.sendPending(lease);
      const settled = await this.settle(
        lease,
        `status = 'done', processed_at = $3, locked_until = NULL, last_error = NULL`,
        [this.clock.now()],
      );
      return settled ? 'done' : 'lost';
    } catch (error) {
      if (error instanceof LeaseLostError) return 'lost';
      const reason = error instanceof Error ? error.message : String(error);
      const final = error instanceof UnknownTopicError || row.attempts >= this.config.outboxMaxAttempts;
      const retryAt = new Date(
        this.clock.now().getTime() + Math.min(MAX_BACKOFF_MS, this.config.outboxBackoffMs * 2 ** (row.attempts - 1)),
      );
      const settled = await this.settle(lease, `status = $3, available_at = $4, locked_until = NULL, last_error = $5`, [
        final ? 'failed' : 'pending',
        retryAt,
        reason.slice(0, 2000),
      ]);
      if (!settled) return 'lost';
      if (final)
        this.logger.warn(`outbox message ${row.id} (${row.topic}) failed after ${row.attempts} attempts: ${reason}`);
      return final ? 'failed' : 'retried';
    }
  }

  /** Writes the outcome of this worker's attempt, unless another worker has taken the message since. */
  private async settle(lease: Lease, assignments: string, values: unknown[]): Promise<boolean> {
    const [rows] = await this.dataSource.query<[{ id: string }[], number]>(
      `UPDATE outbox_message SET ${assignments}
        WHERE id = $1 AND status = 'sending' AND attempts = $2 RETURNING id`,
      [lease.id, lease.attempt, ...values],
    );
    if (!rows.length) this.logger.warn(`outbox message ${lease.id}: lease lost to another worker, result left to it`);
    return rows.length > 0;
  }

  /** Extends the lease before an e-mail, or throws if another worker holds the message now. */
  private async renew(lease: Lease): Promise<void> {
    const [rows] = await this.dataSource.query<[{ id: string }[], number]>(
      `UPDATE outbox_message SET locked_until = $3
        WHERE id = $1 AND status = 'sending' AND attempts = $2 RETURNING id`,
      [lease.id, lease.attempt, this.leaseEnd()],
    );
    if (!rows.length) {
      this.logger.warn(`outbox message ${lease.id}: lease lost to another worker before sending`);
      throw new LeaseLostError(lease.id);
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
  private async sendPending(lease: Lease): Promise<void> {
    if (!this.mailer.enabled) return;
    const pending = await this.dataSource.query<
      { id: string; email: string; subject: string; body_text: string; body_html: string }[]
    >(
      `SELECT id, email, subject, body_text, body_html FROM notification
        WHERE outbox_message_id = $1 AND email IS NOT NULL AND sent_at IS NULL ORDER BY recipient`,
      [lease.id],
    );
    for (const notification of pending) {
      // A fresh lease for each e-mail, and none at all if another worker holds the message:
      // the send's timeouts keep it within the lease, so two workers never send at once.
      await this.renew(lease);
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
