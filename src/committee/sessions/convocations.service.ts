/**
 * Convocations to a session: one outbox message per sitting member, written in the same
 * transaction as the convocation rows, delivered after commit like every side effect.
 * The message's content (French, text and HTML, with date, place or link, and agenda) is
 * rendered now and stored in the outbox payload, so it is kept — and shown in the
 * application — even when no mail server is configured, and says what the agenda was
 * when the member was convoked. Convoking again sends the updated agenda to everyone.
 */
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { Actor } from '../../common/actor.js';
import { CLOCK, type Clock } from '../../common/clock.js';
import { validationFailed } from '../../common/validation.js';
import { DossierReader } from '../../dossiers/dossier-reader.js';
import { UserDirectory } from '../../identity/user-directory.js';
import { COMMITTEE_CONVOCATION_TOPIC, type StoredMessagePayload } from '../../notifications/stored-messages.js';
import { Outbox } from '../../notifications/outbox.js';
import { MembersService } from '../members/members.service.js';
import { convocationMessage, type ConvocationAgendaItem } from './convocation.template.js';
import { assertOpen, loadSession } from './session-rows.js';

export interface ConvocationResult {
  sessionId: string;
  sent: number;
  recipients: { userId: string; displayName: string; email: string }[];
}

@Injectable()
export class ConvocationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly members: MembersService,
    private readonly outbox: Outbox,
    private readonly dossiers: DossierReader,
    private readonly directory: UserDirectory,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Convokes `userIds` (members holding a seat), or every member holding a seat. */
  async convoke(sessionId: string, actor: Actor, userIds?: readonly string[]): Promise<ConvocationResult> {
    return this.dataSource.transaction(async (manager) => {
      const session = await loadSession(manager, sessionId, { lock: true });
      assertOpen(session);
      const agenda = await this.scheduledAgenda(manager, sessionId);
      const chair = session.chair_user_id ? await this.directory.get(session.chair_user_id, manager) : null;
      const wanted = userIds ? [...new Set(userIds.map((id) => id.toLowerCase()))] : undefined;
      const recipients = await this.members.sitting(manager, wanted);
      const unknown = wanted?.filter((id) => !recipients.some((member) => member.userId === id)) ?? [];
      if (unknown.length) {
        throw validationFailed([
          {
            field: 'userIds',
            messages: [`Ces utilisateurs ne siègent pas au comité (aucun siège actif) : ${unknown.join(', ')}.`],
          },
        ]);
      }
      const now = this.clock.now();
      for (const member of recipients) {
        await manager.query(
          `INSERT INTO committee_convocation (session_id, user_id, first_sent_at, last_sent_at, times_sent)
           VALUES ($1, $2, $3, $3, 1)
           ON CONFLICT (session_id, user_id) DO UPDATE
             SET last_sent_at = $3, times_sent = committee_convocation.times_sent + 1`,
          [sessionId, member.userId, now],
        );
        const content = convocationMessage(
          member.displayName,
          {
            date: session.session_date,
            startTime: session.start_time,
            place: session.place,
            videoLink: session.video_link,
            chairName: chair?.displayName ?? null,
          },
          agenda,
        );
        const payload: StoredMessagePayload = {
          sessionId,
          recipient: { userId: member.userId, email: member.email },
          content,
          actor: { userId: actor.userId, role: actor.role },
        };
        // About a session, not a dossier: no dossier id (see the outbox entity).
        await this.outbox.enqueue(manager, [
          { dossierId: null, topic: COMMITTEE_CONVOCATION_TOPIC, payload, availableAt: now },
        ]);
      }
      return {
        sessionId,
        sent: recipients.length,
        recipients: recipients.map((member) => ({
          userId: member.userId,
          displayName: member.displayName,
          email: member.email,
        })),
      };
    });
  }

  /** The dossiers still scheduled on the session's agenda, numbered in order, as the convocation lists them. */
  private async scheduledAgenda(manager: EntityManager, sessionId: string): Promise<ConvocationAgendaItem[]> {
    const items = await manager.query<{ dossier_id: string }[]>(
      `SELECT dossier_id FROM committee_agenda_item
        WHERE session_id = $1 AND status = 'SCHEDULED' ORDER BY position`,
      [sessionId],
    );
    const dossiers = new Map(
      (
        await this.dossiers.many(
          items.map((item) => item.dossier_id),
          manager,
        )
      ).map((dossier) => [dossier.id, dossier]),
    );
    return items
      .flatMap((item) => {
        const dossier = dossiers.get(item.dossier_id);
        return dossier ? [dossier] : [];
      })
      .map((dossier, index) => ({
        position: index + 1,
        reference: dossier.reference,
        scicName: dossier.scic.name,
        commune: dossier.scic.commune,
        requestedAmountCents: dossier.requestedAmountCents,
      }));
  }
}
