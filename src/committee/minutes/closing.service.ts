/**
 * Closing a session and its minutes. Closing happens once, in one transaction: the
 * session row is locked, then the rows of every dossier on its agenda (by id, the one
 * order every closer takes); the session must be held and have no dossier left without
 * an opinion or a move; the members' seats are frozen on their convocations; the minutes
 * are generated from the data as it stands (minutes-read-model.ts), and their bytes and SHA-256 stored on the
 * session; each dossier's journal records the hash; the session becomes read-only.
 * `GET …/minutes.pdf` then serves those stored bytes, identical every time — the file
 * whose hash the journals hold.
 */
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import type { Actor } from '../../common/actor.js';
import { CLOCK, isoDateIn, type Clock } from '../../common/clock.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { ErrorCode } from '../../common/errors/error-code.js';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { DossierLock } from '../../dossiers/dossier-lock.js';
import { JournalService } from '../../journal/journal.service.js';
import { MembersService } from '../members/members.service.js';
import { assertOpen, loadSession } from '../sessions/session-rows.js';
import { MinutesReadModel, type MinutesItemRow } from './minutes-read-model.js';
import { renderMinutes } from './minutes.pdf.js';

export interface CloseResult {
  sessionId: string;
  closedAt: string;
  minutesSha256: string;
  minutesBytes: number;
  dossiers: { dossierId: string; journalSeq: number }[];
}

@Injectable()
export class ClosingService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly journal: JournalService,
    private readonly members: MembersService,
    private readonly dossierLock: DossierLock,
    private readonly readModel: MinutesReadModel,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async close(sessionId: string, actor: Actor): Promise<CloseResult> {
    return this.dataSource.transaction(async (manager) => {
      const session = await loadSession(manager, sessionId, { lock: true });
      assertOpen(session);
      const now = this.clock.now();
      const today = isoDateIn(now, this.config.timeZone);
      if (session.session_date > today) {
        throw new DomainError(
          ErrorCode.CommitteeSessionNotHeldYet,
          { sessionId, sessionDate: session.session_date },
          'La séance n’a pas encore eu lieu : elle se clôt le jour de la séance ou après.',
        );
      }
      const { dossierIds, items } = await this.lockAgenda(manager, sessionId);
      await this.freezeSeats(manager, sessionId);
      const minutes = await renderMinutes(await this.readModel.data(manager, session, items, { now, today }));
      const sha256 = createHash('sha256').update(minutes).digest('hex');
      await manager.query(
        `UPDATE committee_session SET status = 'CLOSED', closed_at = $2, closed_by = $3, minutes_pdf = $4,
                minutes_sha256 = $5, version = version + 1, updated_at = $2
          WHERE id = $1`,
        [sessionId, now, actor.userId, minutes, sha256],
      );
      const journaled = await this.journalMinutes(manager, dossierIds, actor, now, {
        sessionId,
        sessionDate: session.session_date,
        minutesSha256: sha256,
        bytes: minutes.length,
      });
      return {
        sessionId,
        closedAt: now.toISOString(),
        minutesSha256: sha256,
        minutesBytes: minutes.length,
        dossiers: journaled,
      };
    });
  }

  /**
   * Locks the dossiers of the session's agenda, then reads the agenda (409 while a
   * dossier waits for an opinion or a move).
   */
  private async lockAgenda(
    manager: EntityManager,
    sessionId: string,
  ): Promise<{ dossierIds: string[]; items: MinutesItemRow[] }> {
    const dossierIds = (
      await manager.query<{ dossier_id: string }[]>(
        'SELECT DISTINCT dossier_id FROM committee_agenda_item WHERE session_id = $1 ORDER BY dossier_id',
        [sessionId],
      )
    ).map((row) => row.dossier_id);
    // Locked in one order; what they hold is read only once they are all held, so a
    // transition in flight on one of them is either seen whole or waits for the closing.
    await this.dossierLock.lockAll(manager, dossierIds);
    const items = await this.readModel.items(manager, sessionId);
    const pending = items.filter((item) => item.status === 'SCHEDULED');
    if (pending.length) {
      throw new DomainError(ErrorCode.CommitteeSessionPendingItems, {
        sessionId,
        dossiers: pending.map((item) => ({ dossierId: item.dossier_id, reference: item.reference })),
      });
    }
    return { dossierIds, items };
  }

  /** Each dossier's journal records the minutes' hash. */
  private async journalMinutes(
    manager: EntityManager,
    dossierIds: readonly string[],
    actor: Actor,
    now: Date,
    payload: { sessionId: string; sessionDate: string; minutesSha256: string; bytes: number },
  ): Promise<CloseResult['dossiers']> {
    const journaled: CloseResult['dossiers'] = [];
    for (const id of dossierIds) {
      const entry = await this.journal.append(manager, id, { type: 'COMMITTEE_MINUTES', actor, payload }, now);
      journaled.push({ dossierId: id, journalSeq: entry.seq });
    }
    return journaled;
  }

  /** The stored minutes of a closed session (409 before closing). */
  async minutes(sessionId: string, actor: Actor): Promise<{ pdf: Buffer; sha256: string; sessionDate: string }> {
    const session = await loadSession(this.dataSource.manager, sessionId, { actor });
    if (session.status !== 'CLOSED') throw new DomainError(ErrorCode.CommitteeMinutesNotAvailable, { sessionId });
    const [row] = await this.dataSource.query<{ minutes_pdf: Buffer; minutes_sha256: string }[]>(
      'SELECT minutes_pdf, minutes_sha256 FROM committee_session WHERE id = $1',
      [sessionId],
    );
    return { pdf: row.minutes_pdf, sha256: row.minutes_sha256, sessionDate: session.session_date };
  }

  /** The seats each convoked member holds now, kept on the convocation for the record. */
  private async freezeSeats(manager: EntityManager, sessionId: string): Promise<void> {
    const convoked = await manager.query<{ user_id: string }[]>(
      'SELECT user_id FROM committee_convocation WHERE session_id = $1',
      [sessionId],
    );
    const sitting = new Map(
      (
        await this.members.sitting(
          manager,
          convoked.map((row) => row.user_id),
        )
      ).map((m) => [m.userId, m.seats]),
    );
    for (const { user_id: userId } of convoked) {
      await manager.query('UPDATE committee_convocation SET frozen_seats = $3 WHERE session_id = $1 AND user_id = $2', [
        sessionId,
        userId,
        JSON.stringify(sitting.get(userId) ?? []),
      ]);
    }
  }
}
