/**
 * What a member records for themself on a dossier of the session: the declaration of
 * interests (DOMAIN rule 8), then the vote. Both are refused once the session is closed
 * or the opinion recorded (frozen), and both append to the dossier's journal under its
 * row lock. The acting member is always the caller: no route takes another member's id.
 */
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { Actor } from '../../common/actor.js';
import { CLOCK, type Clock } from '../../common/clock.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { ErrorCode } from '../../common/errors/error-code.js';
import { validationFailed } from '../../common/validation.js';
import { DossierLock } from '../../dossiers/dossier-lock.js';
import { DossierReader } from '../../dossiers/dossier-reader.js';
import { JournalService } from '../../journal/journal.service.js';
import { declarationFieldErrors, recordDeclaration } from '../interest-declarations.js';
import { assertOpen, currentAgendaItem, isUuid, loadSession, type SessionRow } from '../sessions/session-rows.js';
import type { CastVoteDto, DeclareInterestDto } from './member-acts.dto.js';

interface Context {
  session: SessionRow;
  /** The dossier's SCIC: declarations are per SCIC. */
  scicId: string;
}

@Injectable()
export class MemberActsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly journal: JournalService,
    private readonly dossierLock: DossierLock,
    private readonly dossiers: DossierReader,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * The dossier locked, its open session, and the caller convoked to it — or the reason
   * why the member cannot act on it now.
   */
  private async context(manager: EntityManager, dossierId: string, actor: Actor): Promise<Context> {
    const { scicId } = await this.dossierLock.lock(manager, dossierId);
    const item = await currentAgendaItem(manager, dossierId);
    if (!item) {
      const latest = await currentAgendaItem(manager, dossierId, { orLatest: true });
      if (latest?.status === 'EXAMINED') {
        throw new DomainError(ErrorCode.CommitteeOpinionRecorded, { dossierId, sessionId: latest.session_id });
      }
      throw new DomainError(ErrorCode.CommitteeDossierNotOnAgenda, { dossierId });
    }
    const session = await loadSession(manager, item.session_id);
    assertOpen(session);
    const [convoked] = isUuid(actor.userId)
      ? await manager.query<{ user_id: string }[]>(
          'SELECT user_id FROM committee_convocation WHERE session_id = $1 AND user_id = $2',
          [session.id, actor.userId],
        )
      : [];
    if (!convoked) {
      throw new DomainError(ErrorCode.CommitteeNotConvoked, { sessionId: session.id, userId: actor.userId });
    }
    return { session, scicId };
  }

  async declare(dossierId: string, input: DeclareInterestDto, actor: Actor) {
    const fields = declarationFieldErrors(input);
    if (fields.length) throw validationFailed(fields);

    return this.dataSource.transaction(async (manager) => {
      const { session } = await this.context(manager, dossierId, actor);
      const now = this.clock.now();
      const recorded = await recordDeclaration(
        manager,
        'committee_interest_declaration',
        { dossierId, sessionId: session.id },
        actor.userId,
        input,
        now,
      );
      const details = recorded.details;
      // A member who declares an interest after voting is déporté for every dossier of
      // the SCIC: the votes not yet frozen by an opinion stay on record, marked
      // withdrawn, and no longer count.
      const voteWithdrawn = input.hasInterest
        ? await this.withdrawOpenVotes(manager, recorded.scicId, actor.userId, now)
        : false;
      const entry = await this.journal.append(
        manager,
        dossierId,
        {
          type: 'COMMITTEE_INTEREST_DECLARED',
          actor,
          payload: {
            sessionId: session.id,
            memberId: actor.userId,
            scicId: recorded.scicId,
            siren: recorded.siren,
            declarationId: recorded.id,
            replacesDeclarationId: recorded.replaced?.id ?? null,
            hasInterest: input.hasInterest,
            nature: input.nature ?? null,
            details,
            ...(recorded.withdrawn ? { withdrawn: true, withdrawalReason: recorded.withdrawalReason } : {}),
            recused: input.hasInterest,
            voteWithdrawn,
          },
        },
        now,
      );
      return {
        sessionId: session.id,
        userId: actor.userId,
        siren: recorded.siren,
        hasInterest: input.hasInterest,
        nature: input.nature ?? null,
        details,
        withdrawalReason: recorded.withdrawalReason,
        recused: input.hasInterest,
        voteWithdrawn,
        journalSeq: entry.seq,
      };
    });
  }

  /**
   * Marks withdrawn the member's votes on the SCIC's dossiers that no opinion has frozen
   * yet (they stay on record but no longer count); true when there was one.
   */
  private async withdrawOpenVotes(manager: EntityManager, scicId: string, userId: string, now: Date) {
    const [rows] = await manager.query<[{ id: string }[], number]>(
      `UPDATE committee_vote v SET withdrawn_at = $3
        WHERE v.user_id = $2 AND v.withdrawn_at IS NULL
          AND v.dossier_id = ANY ($1::uuid[])
          AND NOT EXISTS (SELECT 1 FROM committee_opinion o WHERE o.session_id = v.session_id AND o.dossier_id = v.dossier_id)
        RETURNING v.id`,
      [await this.dossiers.idsOfScic(scicId, manager), userId, now],
    );
    return rows.length > 0;
  }

  async vote(dossierId: string, input: CastVoteDto, actor: Actor) {
    return this.dataSource.transaction(async (manager) => {
      const { session, scicId } = await this.context(manager, dossierId, actor);
      // The declaration in force for the dossier's SCIC, wherever it was made.
      const [state] = await manager.query<{ present: boolean | null; has_interest: boolean | null }[]>(
        `SELECT (SELECT present FROM committee_attendance WHERE session_id = $1 AND user_id = $3) AS present,
                (SELECT dcl.has_interest FROM committee_interest_declaration dcl
                  WHERE dcl.scic_id = $2 AND dcl.user_id = $3 AND dcl.superseded_at IS NULL) AS has_interest`,
        [session.id, scicId, actor.userId],
      );
      const refusal =
        state.present !== true
          ? { reason: 'ABSENT', message: 'Seuls les membres présents à la séance votent.' }
          : state.has_interest === null
            ? {
                reason: 'NO_DECLARATION',
                message: 'Déclarez d’abord vos intérêts pour ce dossier : le vote vient après.',
              }
            : state.has_interest
              ? {
                  reason: 'RECUSED',
                  message: 'Vous avez déclaré un intérêt dans cette SCIC : vous êtes déporté pour ce dossier.',
                }
              : null;
      if (refusal) {
        throw new DomainError(
          ErrorCode.CommitteeVoteRefused,
          { sessionId: session.id, dossierId, reason: refusal.reason },
          refusal.message,
        );
      }
      const now = this.clock.now();
      const comment = input.comment?.trim() || null;
      await manager.query(
        `INSERT INTO committee_vote (session_id, dossier_id, user_id, position, comment, voted_at, withdrawn_at)
         VALUES ($1, $2, $3, $4, $5, $6, NULL)
         ON CONFLICT (session_id, dossier_id, user_id)
           DO UPDATE SET position = $4, comment = $5, voted_at = $6, withdrawn_at = NULL`,
        [session.id, dossierId, actor.userId, input.position, comment, now],
      );
      const entry = await this.journal.append(
        manager,
        dossierId,
        {
          type: 'COMMITTEE_VOTE_RECORDED',
          actor,
          payload: { sessionId: session.id, memberId: actor.userId, position: input.position, comment },
        },
        now,
      );
      return {
        sessionId: session.id,
        userId: actor.userId,
        position: input.position,
        comment,
        journalSeq: entry.seq,
      };
    });
  }
}
