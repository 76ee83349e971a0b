/**
 * The decisions module's part of a transition, in the transition's own transaction:
 * RECORD_DECISION stores the decision with the committee's proposal it answers; SIGN
 * renders the decision document, stores its bytes and hash with the signature, and gives
 * the hash to the journal entry. A failure here rolls the transition back.
 */
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
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
import { insertDecision, pendingDecision } from './decision-rows.js';
import type { DecisionProposal } from './decision.entity.js';

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
    const decisionId = await insertDecision(manager, command, {
      dossierId,
      nominalShareValueCents: Number(dossier.nominal_share_value_cents),
      envelopeYear: year,
      programmeReference: envelope?.programme_reference ?? null,
      proposal: await this.proposal(manager, dossierId),
      recordedAt: context.now,
      recordedBy: context.actor.userId,
    });
    return { decisionId };
  }

  private async sign(context: TransitionContext): Promise<TransitionEffects> {
    const decision = await pendingDecision(context.manager, context.dossierId);
    // The guard (signature) found it in this transaction.
    if (!decision) throw new Error(`SIGN on ${context.dossierId} without a pending decision`);
    const signed = await this.documents.signAndIssue(context.manager, decision, context.actor, context.now, {
      departementName: this.config.departementName,
      timeZone: this.config.timeZone,
    });
    return {
      decisionId: decision.id,
      documentSha256: signed.sha256,
      documentBytes: signed.bytes,
      ...(signed.recusedAdded.length ? { recusedAdded: signed.recusedAdded } : {}),
    };
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
