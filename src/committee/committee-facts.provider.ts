/**
 * The committee's facts for the workflow guards (DESIGN §4):
 * - `sessionSchedulable` (SCHEDULE_COMMITTEE): the session exists, is today or later in
 *   the département's time zone, is open, and has not had this dossier already;
 * - `committeeQuorum` (RECORD_OPINION): the dossier is on an open session's agenda and
 *   the composition of step 4 is met FOR THIS DOSSIER among present, non-recused members
 *   (DOMAIN rules 7–8), each missing seat named in French;
 * - `opinionVotes` (RECORD_OPINION): when sitting members voted, the opinion's direction
 *   is their majority's, a tie settled by the chair's vote (rule 7, vote-tally.ts);
 * - `proposedAmount` (RECORD_OPINION), alongside the dossiers module's amount rules: the
 *   number of shares given with the proposal buys exactly the proposed amount.
 */
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { formatEuros, plural } from '../common/french-format.js';
import { DossierReader } from '../dossiers/dossier-reader.js';
import { formatFrenchDate } from '../common/french-format.js';
import type { FactName, Problem } from '../workflow/dossier.events.js';
import { FactsRegistry, type FactsProvider, type FactsQuery } from '../workflow/facts.registry.js';
import { CompositionService } from './opinions/composition.service.js';
import { dossierTally } from './opinions/opinions.service.js';
import { opinionVotesProblems } from './vote-tally.js';
import { currentAgendaItem, isUuid, type SessionRow, SESSION_COLUMNS } from './sessions/session-rows.js';

const ANSWERS: readonly FactName[] = ['sessionSchedulable', 'committeeQuorum', 'opinionVotes', 'proposedAmount'];

@Injectable()
export class CommitteeFactsProvider implements FactsProvider, OnModuleInit {
  constructor(
    private readonly registry: FactsRegistry,
    private readonly compositions: CompositionService,
    private readonly dossiers: DossierReader,
  ) {}

  onModuleInit(): void {
    this.registry.register(this, ANSWERS);
  }

  async gather(query: FactsQuery, facts: readonly FactName[]): Promise<Partial<Record<FactName, Problem[]>>> {
    const answers: Partial<Record<FactName, Problem[]>> = {};
    const { command } = query;
    if (facts.includes('sessionSchedulable') && command.type === 'SCHEDULE_COMMITTEE') {
      answers.sessionSchedulable = await this.schedulable(query, command.sessionId);
    }
    if (facts.includes('committeeQuorum') && command.type === 'RECORD_OPINION') {
      answers.committeeQuorum = await this.quorum(query);
    }
    if (facts.includes('opinionVotes') && command.type === 'RECORD_OPINION') {
      answers.opinionVotes = await this.votes(query, command.opinion);
    }
    if (
      facts.includes('proposedAmount') &&
      command.type === 'RECORD_OPINION' &&
      command.proposedAmountCents !== undefined &&
      command.proposedShares !== undefined
    ) {
      answers.proposedAmount = await this.shares(query, command.proposedAmountCents, command.proposedShares);
    }
    return answers;
  }

  private async session(query: FactsQuery, sessionId: string): Promise<SessionRow | undefined> {
    if (!isUuid(sessionId)) return undefined;
    const [row] = await query.manager.query<SessionRow[]>(
      `SELECT ${SESSION_COLUMNS} FROM committee_session s WHERE s.id = $1`,
      [sessionId],
    );
    return row;
  }

  private async schedulable(query: FactsQuery, sessionId: string): Promise<Problem[]> {
    const session = await this.session(query, sessionId);
    if (!session) {
      return [
        { field: 'sessionId', code: 'SESSION_NOT_FOUND', message: 'Aucune séance du comité n’a cet identifiant.' },
      ];
    }
    const problems: Problem[] = [];
    if (session.status !== 'OPEN') {
      problems.push({ field: 'sessionId', code: 'SESSION_CLOSED', message: 'La séance est close.' });
    }
    if (session.session_date < query.today) {
      problems.push({
        field: 'sessionId',
        code: 'SESSION_PAST',
        message: `La séance du ${formatFrenchDate(session.session_date)} est passée : choisissez une séance d’aujourd’hui ou à venir.`,
      });
    }
    const [already] = await query.manager.query<{ id: string }[]>(
      'SELECT id FROM committee_agenda_item WHERE session_id = $1 AND dossier_id = $2',
      [session.id, query.dossierId],
    );
    if (already) {
      problems.push({
        field: 'sessionId',
        code: 'ALREADY_ON_THIS_AGENDA',
        message: 'Le dossier a déjà été inscrit à l’ordre du jour de cette séance.',
      });
    }
    return problems;
  }

  private async quorum(query: FactsQuery): Promise<Problem[]> {
    const item = await currentAgendaItem(query.manager, query.dossierId);
    const session = item ? await this.session(query, item.session_id) : undefined;
    if (!item || !session) {
      return [
        {
          field: 'sessionId',
          code: 'NOT_ON_AGENDA',
          message: 'Le dossier n’est inscrit à l’ordre du jour d’aucune séance.',
        },
      ];
    }
    if (session.status !== 'OPEN') {
      return [{ field: 'sessionId', code: 'SESSION_CLOSED', message: 'La séance est close.' }];
    }
    const { composition } = await this.compositions.forDossier(query.manager, session, query.dossierId);
    return composition.problems;
  }

  /** The opinion against the tally of the sitting members' votes (nothing to check off an open agenda: quorum says why). */
  private async votes(query: FactsQuery, opinion: string): Promise<Problem[]> {
    const item = await currentAgendaItem(query.manager, query.dossierId);
    const session = item ? await this.session(query, item.session_id) : undefined;
    if (!item || !session || session.status !== 'OPEN') return [];
    const { composition } = await this.compositions.forDossier(query.manager, session, query.dossierId);
    return opinionVotesProblems(opinion, await dossierTally(query.manager, session, query.dossierId, composition));
  }

  private async shares(query: FactsQuery, amountCents: number, shares: number): Promise<Problem[]> {
    const nominal = (await this.dossiers.get(query.dossierId, query.manager)).nominalShareValueCents;
    if (shares * nominal === amountCents) return [];
    return [
      {
        field: 'proposedShares',
        code: 'SHARES_MISMATCH',
        message: `${plural(shares, 'part')} de ${formatEuros(nominal)} font ${formatEuros(shares * nominal)}, non ${formatEuros(amountCents)} : le nombre de parts ne correspond pas au montant proposé.`,
      },
    ];
  }
}
