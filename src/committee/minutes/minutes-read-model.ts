/**
 * What the minutes of a session say, read inside the closing's transaction once every
 * dossier of the agenda is locked: the session, its convoked members with the seats
 * frozen at the closing and their attendance, and for each dossier of the agenda its
 * SCIC, the services concerned, the declarations as they stood at the opinion, the votes
 * and the opinion. Dossiers and accounts come from the read models (rm_agenda_dossier,
 * rm_committee_account), listed in the database's order.
 */
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AnalysesReader } from '../../analyses/analyses-reader.service.js';
import { UserDirectory } from '../../identity/user-directory.js';
import type { AgendaDossierRow } from '../../read-models/agenda-dossier.js';
import { ReferentialsService } from '../../referentials/referentials.service.js';
import type { Composition } from '../composition.js';
import { opinionRecordedAt, sessionDeclarations, type MemberDeclarationRow } from '../interest-declarations.js';
import { votesOf } from '../opinions/opinions.service.js';
import { INTEREST_LABELS, SEAT_LABELS } from '../seats.js';
import type { SessionRow } from '../sessions/session-rows.js';
import type { VoteTally } from '../vote-tally.js';
import type { MinutesData, MinutesDossier } from './minutes.pdf.js';

/** A dossier on the session's agenda, with its SCIC. */
export interface MinutesItemRow extends Omit<AgendaDossierRow, 'id' | 'scic_id'> {
  dossier_id: string;
  position: number;
  status: MinutesDossier['status'];
  reason: string | null;
  moved_reason: string | null;
  moved_to_date: string | null;
}

interface MemberRow {
  user_id: string;
  display_name: string;
  frozen_seats: { category: keyof typeof SEAT_LABELS; serviceCode: string | null }[];
  present: boolean | null;
}

interface OpinionRow {
  opinion: string;
  motivation: string;
  conditions: string | null;
  proposed_amount_cents: string | null;
  proposed_shares: number | null;
  composition: Composition;
  vote_tally: VoteTally | null;
}

/** The closing's moment, as the minutes state it. */
export interface ClosingTime {
  now: Date;
  today: string;
}

@Injectable()
export class MinutesReadModel {
  constructor(
    private readonly referentials: ReferentialsService,
    private readonly analyses: AnalysesReader,
    private readonly directory: UserDirectory,
  ) {}

  /** The session's agenda, in order, each dossier with its SCIC and the date of the session it moved to. */
  items(manager: EntityManager, sessionId: string): Promise<MinutesItemRow[]> {
    return manager.query<MinutesItemRow[]>(
      `SELECT ai.dossier_id, ai.position, ai.status, ai.reason, ai.moved_reason,
              to_char(ms.session_date, 'YYYY-MM-DD') AS moved_to_date, d.reference, d.state,
              d.requested_amount_cents, d.nominal_share_value_cents, d.siren, d.name, d.legal_form, d.commune
         FROM committee_agenda_item ai
         JOIN rm_agenda_dossier d ON d.id = ai.dossier_id
         LEFT JOIN committee_session ms ON ms.id = ai.moved_to_session_id
        WHERE ai.session_id = $1 ORDER BY ai.position`,
      [sessionId],
    );
  }

  /** The minutes' content for the session being closed at `closing`, with its agenda `items`. */
  async data(
    manager: EntityManager,
    session: SessionRow,
    items: MinutesItemRow[],
    closing: ClosingTime,
  ): Promise<MinutesData> {
    const people = await this.directory.find(
      [session.chair_user_id, session.secretary_user_id].filter((id): id is string => id !== null),
      manager,
    );
    const nameOf = (id: string | null) => people.find((person) => person.id === id)?.displayName ?? null;
    const dossiers: MinutesDossier[] = [];
    for (const item of items) dossiers.push(await this.dossier(manager, session.id, item));
    return {
      sessionDate: session.session_date,
      startTime: session.start_time,
      place: session.place,
      videoLink: session.video_link,
      chairName: nameOf(session.chair_user_id),
      secretaryName: nameOf(session.secretary_user_id),
      closedAt: closing.now,
      closedDate: closing.today,
      members: await this.members(manager, session.id),
      dossiers,
    };
  }

  /** The convoked members by name, each with the seats frozen at the closing and their attendance. */
  private async members(manager: EntityManager, sessionId: string): Promise<MinutesData['members']> {
    const services = new Map((await this.referentials.services(manager)).map((s) => [s.code, s.label]));
    const rows = await manager.query<MemberRow[]>(
      `SELECT c.user_id, u.display_name, c.frozen_seats, a.present
         FROM committee_convocation c JOIN rm_committee_account u ON u.id = c.user_id
         LEFT JOIN committee_attendance a ON a.session_id = c.session_id AND a.user_id = c.user_id
        WHERE c.session_id = $1 ORDER BY u.display_name, c.user_id`,
      [sessionId],
    );
    return rows.map((row) => ({
      displayName: row.display_name,
      seats: (row.frozen_seats ?? []).map((seat) =>
        seat.serviceCode
          ? `${SEAT_LABELS[seat.category]} — ${services.get(seat.serviceCode) ?? seat.serviceCode}`
          : SEAT_LABELS[seat.category],
      ),
      present: row.present,
    }));
  }

  /** One dossier of the agenda as the minutes record it. */
  private async dossier(manager: EntityManager, sessionId: string, item: MinutesItemRow): Promise<MinutesDossier> {
    // The declarations for the dossier's SCIC as they stood when the opinion was given.
    const declarations = await sessionDeclarations(
      manager,
      sessionId,
      item.dossier_id,
      await opinionRecordedAt(manager, sessionId, item.dossier_id),
    );
    return {
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
      declarations: declarations.map((row) => declarationLine(row, item.reference)),
      votes: await votesOf(manager, sessionId, item.dossier_id),
      opinion: await this.opinion(manager, sessionId, item.dossier_id),
    };
  }

  private async opinion(
    manager: EntityManager,
    sessionId: string,
    dossierId: string,
  ): Promise<MinutesDossier['opinion']> {
    const [opinion] = await manager.query<OpinionRow[]>(
      `SELECT opinion, motivation, conditions, proposed_amount_cents, proposed_shares, composition, vote_tally
         FROM committee_opinion WHERE session_id = $1 AND dossier_id = $2`,
      [sessionId, dossierId],
    );
    if (!opinion) return null;
    return {
      opinion: opinion.opinion,
      motivation: opinion.motivation,
      conditions: opinion.conditions,
      proposedAmountCents: opinion.proposed_amount_cents === null ? null : Number(opinion.proposed_amount_cents),
      proposedShares: opinion.proposed_shares,
      composition: opinion.composition,
      voteTally: opinion.vote_tally,
    };
  }
}

/** A member's declaration as the minutes list it; "declared through" only when it was another dossier of the SCIC. */
function declarationLine(row: MemberDeclarationRow, reference: string): MinutesDossier['declarations'][number] {
  return {
    displayName: row.display_name,
    status: row.has_interest === null ? null : row.has_interest ? 'INTEREST' : 'NONE',
    natureLabel: row.nature ? INTEREST_LABELS[row.nature] : null,
    declaredThrough: row.declared_through === reference ? null : row.declared_through,
    details: row.details,
  };
}
