/**
 * Keeps each dossier's due date (a transition hook, inside the transition's transaction)
 * and, on a schedule, queues reminders before due dates and notices of overdue steps.
 * The scheduler runs on one instance at a time: each run takes a PostgreSQL advisory
 * lock and skips when another instance holds it.
 */
import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CLOCK, isoDateIn, type Clock } from '../common/clock.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { Outbox } from '../notifications/outbox.js';
import { TransitionHooks, type TransitionContext, type TransitionListener } from '../workflow/transition-hooks.js';
import { addDays, nextDeadline, type Deadline } from './deadline-rules.js';
import { DossierDeadline } from './dossier-deadline.entity.js';

/** Any constant will do, as long as every instance uses the same one. */
const SCHEDULER_LOCK = 727_274_003;

export interface SchedulerRun {
  ran: boolean;
  reminders: number;
  overdue: number;
}

@Injectable()
export class DeadlinesService implements TransitionListener, OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('Deadlines');
  private timer?: NodeJS.Timeout;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly hooks: TransitionHooks,
    private readonly outbox: Outbox,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.hooks.register(this);
    if (this.config.workersEnabled) {
      this.timer = setInterval(() => {
        this.runOnce().catch((error: unknown) => this.logger.error(`scheduler run failed: ${String(error)}`));
      }, this.config.schedulerIntervalMs);
      this.timer.unref();
    }
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  async afterTransition({ dossierId, fromState, toState, command, manager, today }: TransitionContext): Promise<void> {
    const current = await manager.findOneBy(DossierDeadline, { dossierId });
    const next: Deadline = nextDeadline(current, { fromState, toState, command, today }, this.config.stepDurationsDays);
    await manager.upsert(DossierDeadline, { dossierId, ...next }, ['dossierId']);
  }

  /** One scheduler pass: reminders for due dates close ahead, notices for passed ones. */
  async runOnce(): Promise<SchedulerRun> {
    const now = this.clock.now();
    const today = isoDateIn(now, this.config.timeZone);
    return this.dataSource.transaction(async (manager) => {
      const [{ locked }] = await manager.query<{ locked: boolean }[]>(
        'SELECT pg_try_advisory_xact_lock($1) AS locked',
        [SCHEDULER_LOCK],
      );
      if (!locked) return { ran: false, reminders: 0, overdue: 0 };
      const remind = await manager.query<{ dossier_id: string; state: string; due_date: string }[]>(
        `SELECT dossier_id, state, to_char(due_date, 'YYYY-MM-DD') AS due_date FROM dossier_deadline
          WHERE due_date BETWEEN $1::date AND $2::date AND reminded_for IS DISTINCT FROM due_date
          FOR UPDATE`,
        [today, addDays(today, this.config.reminderDaysBefore)],
      );
      const late = await manager.query<{ dossier_id: string; state: string; due_date: string }[]>(
        `SELECT dossier_id, state, to_char(due_date, 'YYYY-MM-DD') AS due_date FROM dossier_deadline
          WHERE due_date < $1::date AND overdue_notified_for IS DISTINCT FROM due_date
          FOR UPDATE`,
        [today],
      );
      const outbox = [
        ...remind.map((row) => ({ row, topic: 'deadline.reminder' })),
        ...late.map((row) => ({ row, topic: 'deadline.overdue' })),
      ];
      await this.outbox.enqueue(
        manager,
        outbox.map(({ row, topic }) => ({
          dossierId: row.dossier_id,
          topic,
          payload: { state: row.state, dueDate: row.due_date },
          availableAt: now,
        })),
      );
      if (remind.length) {
        await manager.query(`UPDATE dossier_deadline SET reminded_for = due_date WHERE dossier_id = ANY($1)`, [
          remind.map((row) => row.dossier_id),
        ]);
      }
      if (late.length) {
        await manager.query(`UPDATE dossier_deadline SET overdue_notified_for = due_date WHERE dossier_id = ANY($1)`, [
          late.map((row) => row.dossier_id),
        ]);
      }
      return { ran: true, reminders: remind.length, overdue: late.length };
    });
  }
}
