/**
 * The decisions module's part of a transition, in the transition's own transaction:
 * RECORD_DECISION stores the decision with the committee's proposal it answers; SIGN
 * renders the decision document, stores its bytes and hash with the signature, and gives
 * the hash to the journal entry. A failure here rolls the transition back.
 */
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { DomainError } from '../common/errors/domain-error.js';
import { ErrorCode } from '../common/errors/error-code.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { EnvelopesService } from '../referentials/envelopes.service.js';
import type { DossierCommand } from '../workflow/dossier.events.js';
import {
  TransitionHooks,
  type TransitionContext,
  type TransitionEffects,
  type TransitionListener,
} from '../workflow/transition-hooks.js';
import { DecisionDocumentsService } from './decision-documents.service.js';
import { pendingDecision } from './decision-rows.js';
import { Decision, type DecisionProposal } from './decision.entity.js';

type RecordDecision = Extract<DossierCommand, { type: 'RECORD_DECISION' }>;

@Injectable()
export class DecisionsTransitionsListener implements TransitionListener, OnModuleInit {
  constructor(
    private readonly hooks: TransitionHooks,
    private readonly envelopes: EnvelopesService,
    private readonly documents: DecisionDocumentsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.hooks.register(this);
  }

  async afterTransition(context: TransitionContext): Promise<TransitionEffects | void> {
    const { command } = context;
    if (command.type === 'RECORD_DECISION' && context.fromState === 'decision.awaitingDeliberation') {
      return this.record(context, command);
    }
    if (command.type === 'SIGN' && context.fromState === 'decision.decided') {
      return this.sign(context);
    }
  }

  private async record(context: TransitionContext, command: RecordDecision): Promise<TransitionEffects> {
    const { manager, dossierId } = context;
    const [dossier] = await manager.query<{ nominal_share_value_cents: string }[]>(
      'SELECT nominal_share_value_cents FROM dossier WHERE id = $1',
      [dossierId],
    );
    const year = this.envelopes.currentYear();
    const [envelope] = await manager.query<{ programme_reference: string }[]>(
      'SELECT programme_reference FROM budget_envelope WHERE year = $1',
      [year],
    );
    const approved = command.outcome === 'APPROVED' && command.amountCents !== undefined;
    const decision = {
      id: randomUUID(),
      dossierId,
      outcome: command.outcome,
      body: command.body,
      delegationReference: command.delegationReference?.trim() ?? null,
      sessionDate: command.sessionDate,
      deliberationNumber: command.deliberation.trim(),
      amountCents: approved ? command.amountCents : null,
      // Whole shares are a condition of the event (rule 4): the division is exact.
      shares: approved
        ? (command.shares ?? (command.amountCents as number) / Number(dossier.nominal_share_value_cents))
        : null,
      justification: command.justification?.trim() || null,
      recusedElectedOfficials: (command.recusedElectedOfficials ?? []).map((official) => ({
        name: official.name.trim(),
        ...(official.userId ? { userId: official.userId } : {}),
      })),
      proposal: await this.proposal(manager, dossierId),
      envelopeYear: year,
      programmeReference: envelope?.programme_reference ?? null,
      supersedesId: null,
      correctionReason: null,
      recordedAt: context.now,
      recordedBy: context.actor.userId,
      signedAt: null,
      signedBy: null,
      signatoryName: null,
      documentSha256: null,
    };
    try {
      await manager.insert(Decision, decision);
    } catch (error) {
      // Checked by the guard; two dossiers recording the same number at once meet here.
      if ((error as { constraint?: string }).constraint === 'UQ_decision_deliberation_number') {
        throw new DomainError(ErrorCode.DeliberationNumberTaken, { deliberation: decision.deliberationNumber });
      }
      throw error;
    }
    return { decisionId: decision.id };
  }

  private async sign(context: TransitionContext): Promise<TransitionEffects> {
    const decision = await pendingDecision(context.manager, context.dossierId);
    // The guard (signature) found it in this transaction.
    if (!decision) throw new Error(`SIGN on ${context.dossierId} without a pending decision`);
    const signed = await this.documents.signAndIssue(context.manager, decision, context.actor, context.now, {
      departementName: this.config.departementName,
      timeZone: this.config.timeZone,
    });
    return { decisionId: decision.id, documentSha256: signed.sha256, documentBytes: signed.bytes };
  }

  /** The committee's last opinion on the dossier, which the élus answer. */
  private async proposal(manager: EntityManager, dossierId: string): Promise<DecisionProposal | null> {
    const [row] = await manager.query<
      {
        opinion: string;
        motivation: string;
        conditions: string | null;
        proposed_amount_cents: string | null;
        proposed_shares: number | null;
        session_date: string;
      }[]
    >(
      `SELECT o.opinion, o.motivation, o.conditions, o.proposed_amount_cents, o.proposed_shares,
              to_char(s.session_date, 'YYYY-MM-DD') AS session_date
         FROM committee_opinion o JOIN committee_session s ON s.id = o.session_id
        WHERE o.dossier_id = $1 ORDER BY o.recorded_at DESC LIMIT 1`,
      [dossierId],
    );
    if (!row) return null;
    return {
      opinion: row.opinion,
      motivation: row.motivation,
      conditions: row.conditions,
      proposedAmountCents: row.proposed_amount_cents === null ? null : Number(row.proposed_amount_cents),
      proposedShares: row.proposed_shares,
      committeeDate: row.session_date,
    };
  }
}
