/**
 * What the committee holds about one dossier, as the API shows it: the composition for
 * a session (which seats are filled, which missing, who is « déporté »), the members'
 * declarations and votes, and the opinions given. Reads only, within the caller's
 * visibility of the dossier.
 */
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { DomainError } from '../../common/errors/domain-error.js';
import { ErrorCode } from '../../common/errors/error-code.js';
import type { Composition, ServiceRef } from '../composition.js';
import {
  INTEREST_LABELS,
  OPINION_LABELS,
  RECUSED_LABEL,
  VOTE_LABELS,
  VOTE_POSITIONS,
  type InterestNature,
  type VotePosition,
} from '../seats.js';
import { opinionRecordedAt, sessionDeclarations } from '../interest-declarations.js';
import { currentAgendaItem, loadSession, type SessionRow } from '../sessions/session-rows.js';
import { tallyVotes, type VoteTally } from '../vote-tally.js';
import { CompositionService } from './composition.service.js';

export interface CompositionView extends Composition {
  sessionId: string;
  services: ServiceRef[];
  /** True when read from the opinion (the composition that allowed it), not computed now. */
  frozen: boolean;
}

export interface DeclarationView {
  userId: string;
  displayName: string;
  /** NONE: no interest · INTEREST: déporté · null: not declared yet. */
  status: 'NONE' | 'INTEREST' | null;
  nature: InterestNature | null;
  natureLabel: string | null;
  details: string | null;
  recused: boolean;
  /** « déporté » when the member declared an interest. */
  label: string | null;
  declaredAt: string | null;
  /** The dossier of the SCIC the declaration was made through (it concerns every dossier of the SCIC). */
  declaredThrough: string | null;
  /** Why an interest declared earlier was withdrawn. */
  withdrawalReason: string | null;
}

export interface VoteView {
  userId: string;
  displayName: string;
  position: VotePosition;
  positionLabel: string;
  comment: string | null;
  votedAt: string;
  /** The member declared an interest after voting: kept, not counted. */
  withdrawn: boolean;
}

export interface OpinionView {
  sessionId: string;
  sessionDate: string;
  opinion: string;
  opinionLabel: string;
  motivation: string;
  conditions: string | null;
  proposedAmountCents: number | null;
  proposedShares: number | null;
  composition: Composition;
  /** The sitting members' votes when the opinion was recorded (null: no vote was cast). */
  voteTally: VoteTally | null;
  recordedAt: string;
  recordedBy: string;
}

@Injectable()
export class OpinionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly compositions: CompositionService,
  ) {}

  /** The session the question is about: the one named, else the dossier's current or latest one. */
  private async sessionOf(manager: EntityManager, dossierId: string, sessionId?: string): Promise<SessionRow> {
    const item = await currentAgendaItem(manager, dossierId, sessionId ? { sessionId } : { orLatest: true });
    if (!item)
      throw new DomainError(ErrorCode.CommitteeDossierNotOnAgenda, { dossierId, sessionId: sessionId ?? null });
    return loadSession(manager, item.session_id);
  }

  async composition(dossierId: string, sessionId: string | undefined): Promise<CompositionView> {
    const manager = this.dataSource.manager;
    const session = await this.sessionOf(manager, dossierId, sessionId);
    const [stored] = await manager.query<{ composition: Composition }[]>(
      'SELECT composition FROM committee_opinion WHERE session_id = $1 AND dossier_id = $2',
      [session.id, dossierId],
    );
    const live = await this.compositions.forDossier(manager, session, dossierId);
    return {
      sessionId: session.id,
      services: live.services,
      ...(stored ? stored.composition : live.composition),
      frozen: stored !== undefined,
    };
  }

  async declarations(
    dossierId: string,
    sessionId: string | undefined,
  ): Promise<{ sessionId: string; declarations: DeclarationView[] }> {
    const manager = this.dataSource.manager;
    const session = await this.sessionOf(manager, dossierId, sessionId);
    // Once the opinion is given, the declarations it relied on; before, those in force.
    const at = await opinionRecordedAt(manager, session.id, dossierId);
    const rows = await sessionDeclarations(manager, session.id, dossierId, at);
    return {
      sessionId: session.id,
      declarations: rows.map((row) => ({
        userId: row.user_id,
        displayName: row.display_name,
        status: row.has_interest === null ? null : row.has_interest ? 'INTEREST' : 'NONE',
        nature: row.nature,
        natureLabel: row.nature ? INTEREST_LABELS[row.nature] : null,
        details: row.details,
        recused: row.has_interest === true,
        label: row.has_interest === true ? RECUSED_LABEL : null,
        declaredAt: row.declared_at ? new Date(row.declared_at).toISOString() : null,
        declaredThrough: row.declared_through,
        withdrawalReason: row.withdrawal_reason,
      })),
    };
  }

  async votes(
    dossierId: string,
    sessionId: string | undefined,
  ): Promise<{
    sessionId: string;
    votes: VoteView[];
    tally: Record<VotePosition, number>;
    /** Pour / contre / abstention of the sitting members and the direction they give (null: no vote counts). */
    majority: VoteTally | null;
  }> {
    const manager = this.dataSource.manager;
    const session = await this.sessionOf(manager, dossierId, sessionId);
    const votes = await votesOf(manager, session.id, dossierId);
    const tally = Object.fromEntries(VOTE_POSITIONS.map((position) => [position, 0])) as Record<VotePosition, number>;
    for (const vote of votes) if (!vote.withdrawn) tally[vote.position]++;
    // Once the opinion is recorded, the tally that allowed it; before, the live one.
    const [stored] = await manager.query<{ vote_tally: VoteTally | null }[]>(
      'SELECT vote_tally FROM committee_opinion WHERE session_id = $1 AND dossier_id = $2',
      [session.id, dossierId],
    );
    const majority = stored
      ? stored.vote_tally
      : await dossierTally(
          manager,
          session,
          dossierId,
          (await this.compositions.forDossier(manager, session, dossierId)).composition,
        );
    return { sessionId: session.id, votes, tally, majority };
  }

  /** Every opinion given on the dossier, the latest first (an adjourned dossier may have several). */
  async opinions(dossierId: string): Promise<OpinionView[]> {
    return this.opinionsIn(this.dataSource.manager, dossierId);
  }

  /**
   * The same, read through the caller's manager, for a caller that has already checked
   * the dossier's visibility (the note de synthèse reads everything in one snapshot).
   */
  async opinionsIn(manager: EntityManager, dossierId: string): Promise<OpinionView[]> {
    const rows = await manager.query<
      {
        session_id: string;
        session_date: string;
        opinion: string;
        motivation: string;
        conditions: string | null;
        proposed_amount_cents: string | null;
        proposed_shares: number | null;
        composition: Composition;
        vote_tally: VoteTally | null;
        recorded_at: Date;
        recorded_by: string;
      }[]
    >(
      `SELECT o.session_id, to_char(s.session_date, 'YYYY-MM-DD') AS session_date, o.opinion, o.motivation, o.conditions,
              o.proposed_amount_cents, o.proposed_shares, o.composition, o.vote_tally, o.recorded_at, o.recorded_by
         FROM committee_opinion o JOIN committee_session s ON s.id = o.session_id
        WHERE o.dossier_id = $1 ORDER BY o.recorded_at DESC`,
      [dossierId],
    );
    return rows.map((row) => ({
      sessionId: row.session_id,
      sessionDate: row.session_date,
      opinion: row.opinion,
      opinionLabel: OPINION_LABELS[row.opinion] ?? row.opinion,
      motivation: row.motivation,
      conditions: row.conditions,
      proposedAmountCents: row.proposed_amount_cents === null ? null : Number(row.proposed_amount_cents),
      proposedShares: row.proposed_shares,
      composition: row.composition,
      voteTally: row.vote_tally,
      recordedAt: new Date(row.recorded_at).toISOString(),
      recordedBy: row.recorded_by,
    }));
  }
}

/**
 * The tally of the votes on a dossier at a session: only those of the members the
 * composition seats (present, no interest declared), the chair's casting vote on a tie.
 */
export async function dossierTally(
  manager: EntityManager,
  session: SessionRow,
  dossierId: string,
  composition: Composition,
): Promise<VoteTally | null> {
  const votes = await votesOf(manager, session.id, dossierId);
  return tallyVotes(votes, new Set(composition.sitting.map((member) => member.userId)), session.chair_user_id);
}

/** The votes on a dossier at a session, withdrawn ones included (and marked). */
export async function votesOf(manager: EntityManager, sessionId: string, dossierId: string): Promise<VoteView[]> {
  const rows = await manager.query<
    {
      user_id: string;
      display_name: string;
      position: VotePosition;
      comment: string | null;
      voted_at: Date;
      withdrawn_at: Date | null;
    }[]
  >(
    `SELECT v.user_id, u.display_name, v.position, v.comment, v.voted_at, v.withdrawn_at
       FROM committee_vote v JOIN rm_committee_account u ON u.id = v.user_id
      WHERE v.session_id = $1 AND v.dossier_id = $2 ORDER BY u.display_name, v.user_id`,
    [sessionId, dossierId],
  );
  return rows.map((row) => ({
    userId: row.user_id,
    displayName: row.display_name,
    position: row.position,
    positionLabel: VOTE_LABELS[row.position],
    comment: row.comment,
    votedAt: new Date(row.voted_at).toISOString(),
    withdrawn: row.withdrawn_at !== null,
  }));
}
