/**
 * Closing a session and its minutes. Closing happens once, in one transaction: the
 * session row is locked, then the rows of every dossier on its agenda (by id, the one
 * order every closer takes); the session must be held and have no dossier left without
 * an opinion or a move; the members' seats are frozen on their convocations; the minutes
 * are generated from the data as it stands, and their bytes and SHA-256 stored on the
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
import { JournalService } from '../../journal/journal.service.js';
import { ReferentialsService } from '../../referentials/referentials.service.js';
import { AnalysesReader } from '../../analyses/analyses-reader.service.js';
import type { Composition } from '../composition.js';
import { MembersService } from '../members/members.service.js';
import { votesOf } from '../opinions/opinions.service.js';
import { opinionRecordedAt, sessionDeclarations } from '../interest-declarations.js';
import { INTEREST_LABELS, SEAT_LABELS } from '../seats.js';
import type { VoteTally } from '../vote-tally.js';
import { assertOpen, loadSession, type SessionRow } from '../sessions/session-rows.js';
import { renderMinutes, type MinutesData, type MinutesDossier } from './minutes.pdf.js';

export interface CloseResult {
  sessionId: string;
  closedAt: string;
  minutesSha256: string;
  minutesBytes: number;
  dossiers: { dossierId: string; journalSeq: number }[];
}

interface ItemRow {
  dossier_id: string;
  position: number;
  status: MinutesDossier['status'];
  reason: string | null;
  moved_reason: string | null;
  moved_to_date: string | null;
  reference: string;
  state: string;
  requested_amount_cents: string;
  nominal_share_value_cents: string;
  siren: string;
  name: string;
  legal_form: string;
  commune: string;
}

@Injectable()
export class ClosingService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly journal: JournalService,
    private readonly members: MembersService,
    private readonly referentials: ReferentialsService,
    private readonly analyses: AnalysesReader,
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
      const dossierIds = (
        await manager.query<{ dossier_id: string }[]>(
          'SELECT DISTINCT dossier_id FROM committee_agenda_item WHERE session_id = $1 ORDER BY dossier_id',
          [sessionId],
        )
      ).map((row) => row.dossier_id);
      // Locked in one order; what they hold is read only once they are all held, so a
      // transition in flight on one of them is either seen whole or waits for the closing.
      for (const id of dossierIds) await manager.query('SELECT id FROM dossier WHERE id = $1 FOR UPDATE', [id]);
      const items = await this.items(manager, sessionId);
      const pending = items.filter((item) => item.status === 'SCHEDULED');
      if (pending.length) {
        throw new DomainError(ErrorCode.CommitteeSessionPendingItems, {
          sessionId,
          dossiers: pending.map((item) => ({ dossierId: item.dossier_id, reference: item.reference })),
        });
      }

      await this.freezeSeats(manager, sessionId);
      const minutes = await renderMinutes(await this.minutesData(manager, session, items, now, today));
      const sha256 = createHash('sha256').update(minutes).digest('hex');
      await manager.query(
        `UPDATE committee_session SET status = 'CLOSED', closed_at = $2, closed_by = $3, minutes_pdf = $4,
                minutes_sha256 = $5, version = version + 1, updated_at = $2
          WHERE id = $1`,
        [sessionId, now, actor.userId, minutes, sha256],
      );
      const journaled: CloseResult['dossiers'] = [];
      for (const id of dossierIds) {
        const entry = await this.journal.append(
          manager,
          id,
          {
            type: 'COMMITTEE_MINUTES',
            actor,
            payload: { sessionId, sessionDate: session.session_date, minutesSha256: sha256, bytes: minutes.length },
          },
          now,
        );
        journaled.push({ dossierId: id, journalSeq: entry.seq });
      }
      return {
        sessionId,
        closedAt: now.toISOString(),
        minutesSha256: sha256,
        minutesBytes: minutes.length,
        dossiers: journaled,
      };
    });
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

  private items(manager: EntityManager, sessionId: string): Promise<ItemRow[]> {
    return manager.query<ItemRow[]>(
      `SELECT ai.dossier_id, ai.position, ai.status, ai.reason, ai.moved_reason,
              to_char(ms.session_date, 'YYYY-MM-DD') AS moved_to_date, d.reference, d.state,
              d.requested_amount_cents, d.nominal_share_value_cents, sc.siren, sc.name, sc.legal_form, sc.commune
         FROM committee_agenda_item ai
         JOIN dossier d ON d.id = ai.dossier_id
         JOIN scic sc ON sc.id = d.scic_id
         LEFT JOIN committee_session ms ON ms.id = ai.moved_to_session_id
        WHERE ai.session_id = $1 ORDER BY ai.position`,
      [sessionId],
    );
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

  private async minutesData(
    manager: EntityManager,
    session: SessionRow,
    items: ItemRow[],
    now: Date,
    today: string,
  ): Promise<MinutesData> {
    const services = new Map((await this.referentials.services(manager)).map((s) => [s.code, s.label]));
    const people = await manager.query<{ id: string; display_name: string }[]>(
      'SELECT id, display_name FROM app_user WHERE id = ANY ($1::uuid[])',
      [[session.chair_user_id, session.secretary_user_id].filter((id): id is string => id !== null)],
    );
    const nameOf = (id: string | null) => people.find((person) => person.id === id)?.display_name ?? null;
    const memberRows = await manager.query<
      {
        user_id: string;
        display_name: string;
        frozen_seats: { category: keyof typeof SEAT_LABELS; serviceCode: string | null }[];
        present: boolean | null;
      }[]
    >(
      `SELECT c.user_id, u.display_name, c.frozen_seats, a.present
         FROM committee_convocation c JOIN app_user u ON u.id = c.user_id
         LEFT JOIN committee_attendance a ON a.session_id = c.session_id AND a.user_id = c.user_id
        WHERE c.session_id = $1 ORDER BY u.display_name, c.user_id`,
      [session.id],
    );

    const dossiers: MinutesDossier[] = [];
    for (const item of items) {
      // The declarations for the dossier's SCIC as they stood when the opinion was given.
      const declarations = await sessionDeclarations(
        manager,
        session.id,
        item.dossier_id,
        await opinionRecordedAt(manager, session.id, item.dossier_id),
      );
      const [opinion] = await manager.query<
        {
          opinion: string;
          motivation: string;
          conditions: string | null;
          proposed_amount_cents: string | null;
          proposed_shares: number | null;
          composition: Composition;
          vote_tally: VoteTally | null;
        }[]
      >(
        `SELECT opinion, motivation, conditions, proposed_amount_cents, proposed_shares, composition, vote_tally
           FROM committee_opinion WHERE session_id = $1 AND dossier_id = $2`,
        [session.id, item.dossier_id],
      );
      dossiers.push({
        position: item.position,
        reference: item.reference,
        scicName: item.name,
        legalForm: item.legal_form,
        commune: item.commune,
        siren: item.siren,
        requestedAmountCents: Number(item.requested_amount_cents),
        nominalShareValueCents: Number(item.nominal_share_value_cents),
        services: (await this.analyses.servicesConcerned(manager, item.dossier_id)).map((s) => s.label),
        status: item.status,
        scheduledReason: item.reason,
        movedToDate: item.moved_to_date,
        movedReason: item.moved_reason,
        declarations: declarations.map((row) => ({
          displayName: row.display_name,
          status: row.has_interest === null ? null : row.has_interest ? 'INTEREST' : 'NONE',
          natureLabel: row.nature ? INTEREST_LABELS[row.nature] : null,
          declaredThrough: row.declared_through === item.reference ? null : row.declared_through,
          details: row.details,
        })),
        votes: await votesOf(manager, session.id, item.dossier_id),
        opinion: opinion
          ? {
              opinion: opinion.opinion,
              motivation: opinion.motivation,
              conditions: opinion.conditions,
              proposedAmountCents:
                opinion.proposed_amount_cents === null ? null : Number(opinion.proposed_amount_cents),
              proposedShares: opinion.proposed_shares,
              composition: opinion.composition,
              voteTally: opinion.vote_tally,
            }
          : null,
      });
    }
    return {
      sessionDate: session.session_date,
      startTime: session.start_time,
      place: session.place,
      videoLink: session.video_link,
      chairName: nameOf(session.chair_user_id),
      secretaryName: nameOf(session.secretary_user_id),
      closedAt: now,
      closedDate: today,
      members: memberRows.map((row) => ({
        displayName: row.display_name,
        seats: (row.frozen_seats ?? []).map((seat) =>
          seat.serviceCode
            ? `${SEAT_LABELS[seat.category]} — ${services.get(seat.serviceCode) ?? seat.serviceCode}`
            : SEAT_LABELS[seat.category],
        ),
        present: row.present,
      })),
      dossiers,
    };
  }
}
