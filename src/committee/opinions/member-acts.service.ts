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
import { validationFailed, type FieldError } from '../../common/validation.js';
import { JournalService } from '../../journal/journal.service.js';
import {
  assertOpen,
  currentAgendaItem,
  isUuid,
  loadSession,
  lockDossier,
  type SessionRow,
} from '../sessions/session-rows.js';
import type { CastVoteDto, DeclareInterestDto } from './member-acts.dto.js';

interface Context {
  session: SessionRow;
}

@Injectable()
export class MemberActsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly journal: JournalService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * The dossier locked, its open session, and the caller convoked to it — or the reason
   * why the member cannot act on it now.
   */
  private async context(manager: EntityManager, dossierId: string, actor: Actor): Promise<Context> {
    await lockDossier(manager, dossierId);
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
    return { session };
  }

  async declare(dossierId: string, input: DeclareInterestDto, actor: Actor) {
    const fields: FieldError[] = [];
    if (input.hasInterest && !input.nature) {
      fields.push({ field: 'nature', messages: ['Précisez la nature de l’intérêt déclaré.'] });
    }
    if (!input.hasInterest && input.nature) {
      fields.push({ field: 'nature', messages: ['Une nature d’intérêt ne s’indique qu’avec un intérêt déclaré.'] });
    }
    if (input.nature === 'OTHER' && !input.details?.trim()) {
      fields.push({ field: 'details', messages: ['Décrivez l’intérêt déclaré (nature « autre »).'] });
    }
    if (fields.length) throw validationFailed(fields);

    return this.dataSource.transaction(async (manager) => {
      const { session } = await this.context(manager, dossierId, actor);
      const now = this.clock.now();
      const details = input.details?.trim() || null;
      await manager.query(
        `INSERT INTO committee_interest_declaration (session_id, dossier_id, user_id, has_interest, nature, details, declared_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (session_id, dossier_id, user_id)
           DO UPDATE SET has_interest = $4, nature = $5, details = $6, declared_at = $7`,
        [session.id, dossierId, actor.userId, input.hasInterest, input.nature ?? null, details, now],
      );
      // A member who declares an interest after voting is déporté: the vote stays on
      // record, marked withdrawn, and no longer counts.
      let voteWithdrawn = false;
      if (input.hasInterest) {
        const [rows] = await manager.query<[{ id: string }[], number]>(
          `UPDATE committee_vote SET withdrawn_at = $4
            WHERE session_id = $1 AND dossier_id = $2 AND user_id = $3 AND withdrawn_at IS NULL RETURNING id`,
          [session.id, dossierId, actor.userId, now],
        );
        voteWithdrawn = rows.length > 0;
      }
      const entry = await this.journal.append(
        manager,
        dossierId,
        {
          type: 'COMMITTEE_INTEREST_DECLARED',
          actor,
          payload: {
            sessionId: session.id,
            memberId: actor.userId,
            hasInterest: input.hasInterest,
            nature: input.nature ?? null,
            details,
            recused: input.hasInterest,
            voteWithdrawn,
          },
        },
        now,
      );
      return {
        sessionId: session.id,
        userId: actor.userId,
        hasInterest: input.hasInterest,
        nature: input.nature ?? null,
        details,
        recused: input.hasInterest,
        voteWithdrawn,
        journalSeq: entry.seq,
      };
    });
  }

  async vote(dossierId: string, input: CastVoteDto, actor: Actor) {
    return this.dataSource.transaction(async (manager) => {
      const { session } = await this.context(manager, dossierId, actor);
      const [state] = await manager.query<{ present: boolean | null; has_interest: boolean | null }[]>(
        `SELECT (SELECT present FROM committee_attendance WHERE session_id = $1 AND user_id = $3) AS present,
                (SELECT has_interest FROM committee_interest_declaration
                  WHERE session_id = $1 AND dossier_id = $2 AND user_id = $3) AS has_interest`,
        [session.id, dossierId, actor.userId],
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
