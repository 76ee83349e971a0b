/**
 * The decisions module's part of a transition, in the transition's own transaction:
 * RECORD_DECISION stores the decision with the committee's proposal it answers; SIGN
 * renders the decision document, stores its bytes and hash with the signature, and gives
 * the hash to the journal entry. A failure here rolls the transition back.
 */
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { OpinionReader } from '../committee/opinions/opinion-reader.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { DossierReader } from '../dossiers/dossier-reader.js';
import { EnvelopeReader } from '../referentials/envelope-reader.js';
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
import { DeclaredRecusals } from './declared-recusals.js';

type RecordDecision = Extract<DossierCommand, { type: 'RECORD_DECISION' }>;

@Injectable()
export class DecisionsTransitionsListener implements TransitionListener, OnModuleInit {
  constructor(
    private readonly hooks: TransitionHooks,
    private readonly envelopes: EnvelopesService,
    private readonly documents: DecisionDocumentsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dossiers: DossierReader,
    private readonly envelopeReader: EnvelopeReader,
    private readonly opinions: OpinionReader,
    private readonly recusals: DeclaredRecusals,
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
    const dossier = await this.dossiers.get(dossierId, manager);
    const year = this.envelopes.currentYear();
    // The élus answer the committee's last opinion on the dossier.
    const decisionId = await insertDecision(manager, command, {
      dossierId,
      nominalShareValueCents: dossier.nominalShareValueCents,
      envelopeYear: year,
      programmeReference: await this.envelopeReader.programmeReference(manager, year),
      proposal: await this.opinions.lastOpinion(manager, dossierId),
      recordedAt: context.now,
      recordedBy: context.actor.userId,
      declaredRecusals: await this.recusals.of(manager, dossierId),
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
}
