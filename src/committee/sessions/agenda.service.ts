/**
 * A dossier's place on the agendas. It enters an agenda by SCHEDULE_COMMITTEE (inside
 * the transition, see committee-transitions.listener.ts) and leaves it examined (the
 * opinion), removed (withdrawn or closed) or moved to a later session. The machine has
 * no event for a move — the dossier stays `committee.scheduled` — so a move is a route of
 * its own that rewrites the agenda rows and journals it, under the dossier's row lock.
 */
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { Actor } from '../../common/actor.js';
import { CLOCK, isoDateIn, type Clock } from '../../common/clock.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { ErrorCode } from '../../common/errors/error-code.js';
import { formatFrenchDate } from '../../common/french-format.js';
import { validationFailed } from '../../common/validation.js';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { DossierLock } from '../../dossiers/dossier-lock.js';
import { JournalService } from '../../journal/journal.service.js';
import { Outbox } from '../../notifications/outbox.js';
import type { RescheduleDto } from './session.dto.js';
import { assertOpen, currentAgendaItem, loadSession, type SessionRow } from './session-rows.js';

export interface RescheduleResult {
  dossierId: string;
  fromSessionId: string;
  toSessionId: string;
  reason: string;
  journalSeq: number;
}

/** Whether `b` sits after `a`: a later day, or the same day at a later known time. */
export function isLaterSession(a: SessionRow, b: SessionRow): boolean {
  if (b.session_date !== a.session_date) return b.session_date > a.session_date;
  return a.start_time !== null && b.start_time !== null && b.start_time > a.start_time;
}

@Injectable()
export class AgendaService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly journal: JournalService,
    private readonly outbox: Outbox,
    private readonly dossierLock: DossierLock,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Puts the dossier last on the session's agenda (inside SCHEDULE_COMMITTEE's transaction). */
  async add(
    manager: EntityManager,
    sessionId: string,
    dossierId: string,
    reason: string | null,
    now: Date,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO committee_agenda_item (session_id, dossier_id, position, status, reason, scheduled_at, updated_at)
       SELECT $1, $2, coalesce(max(position), 0) + 1, 'SCHEDULED', $3, $4, $4
         FROM committee_agenda_item WHERE session_id = $1`,
      [sessionId, dossierId, reason, now],
    );
  }

  /** Ends the dossier's scheduled item as EXAMINED or REMOVED; returns its session, if any. */
  async finish(
    manager: EntityManager,
    dossierId: string,
    status: 'EXAMINED' | 'REMOVED',
    now: Date,
  ): Promise<string | null> {
    const [rows] = await manager.query<[{ session_id: string }[], number]>(
      `UPDATE committee_agenda_item SET status = $2, updated_at = $3
        WHERE dossier_id = $1 AND status = 'SCHEDULED' RETURNING session_id`,
      [dossierId, status, now],
    );
    return rows[0]?.session_id ?? null;
  }

  /** Moves a scheduled dossier to a later open session, with the reason (journaled). */
  async reschedule(dossierId: string, input: RescheduleDto, actor: Actor): Promise<RescheduleResult> {
    return this.dataSource.transaction(async (manager) => {
      const dossier = await this.dossierLock.lock(manager, dossierId);
      const item = dossier.state === 'committee.scheduled' ? await currentAgendaItem(manager, dossierId) : null;
      if (!item) throw new DomainError(ErrorCode.CommitteeDossierNotOnAgenda, { dossierId, state: dossier.state });
      const from = await loadSession(manager, item.session_id);
      assertOpen(from);
      const targetId = input.sessionId.toLowerCase();
      await this.assertReschedulable(manager, dossierId, from, targetId);

      const now = this.clock.now();
      const reason = input.reason.trim();
      await manager.query(
        `UPDATE committee_agenda_item SET status = 'MOVED', moved_to_session_id = $2, moved_reason = $3, updated_at = $4
          WHERE id = $1`,
        [item.id, targetId, reason, now],
      );
      await this.add(
        manager,
        targetId,
        dossierId,
        `Reporté de la séance du ${formatFrenchDate(from.session_date)} : ${reason}`,
        now,
      );
      const entry = await this.journal.append(
        manager,
        dossierId,
        {
          type: 'COMMITTEE_RESCHEDULED',
          actor,
          payload: { fromSessionId: from.id, toSessionId: targetId, reason },
        },
        now,
      );
      // The secretaries learn that the dossier is on another agenda, as for a scheduling.
      await this.outbox.enqueue(manager, [
        {
          dossierId,
          topic: 'committee.scheduled',
          payload: { event: { type: 'RESCHEDULE', sessionId: targetId, reason }, journalSeq: entry.seq, actor },
          availableAt: now,
        },
      ]);
      return { dossierId, fromSessionId: from.id, toSessionId: targetId, reason, journalSeq: entry.seq };
    });
  }

  /**
   * The target is an open, future session held after the current one, where the dossier
   * has never been listed; every problem is reported at once on `sessionId` (422).
   */
  private async assertReschedulable(
    manager: EntityManager,
    dossierId: string,
    from: SessionRow,
    targetId: string,
  ): Promise<void> {
    const to = await loadSession(manager, targetId).catch((error: unknown) => {
      if (error instanceof DomainError) {
        throw validationFailed([{ field: 'sessionId', messages: ['Aucune séance n’a cet identifiant.'] }]);
      }
      throw error;
    });
    const today = isoDateIn(this.clock.now(), this.config.timeZone);
    const problems: string[] = [];
    if (to.status !== 'OPEN') problems.push('La nouvelle séance est close.');
    if (to.session_date < today) problems.push('La nouvelle séance est passée.');
    if (!isLaterSession(from, to)) {
      problems.push(
        `La nouvelle séance doit se tenir après la séance actuelle (${formatFrenchDate(from.session_date)}${from.start_time ? `, ${from.start_time}` : ''}).`,
      );
    }
    const [already] = await manager.query<{ id: string }[]>(
      'SELECT id FROM committee_agenda_item WHERE session_id = $1 AND dossier_id = $2',
      [targetId, dossierId],
    );
    if (already) problems.push('Le dossier a déjà été inscrit à cette séance.');
    if (problems.length) throw validationFailed([{ field: 'sessionId', messages: problems }]);
  }
}
