/**
 * The committee's part of a transition, in the transition's own transaction (a failure
 * here rolls the transition back): SCHEDULE_COMMITTEE puts the dossier on the session's
 * agenda; RECORD_OPINION stores the opinion with the composition that allowed it and
 * marks the agenda item examined, which freezes that dossier's declarations and votes;
 * WITHDRAW or CLOSE while scheduled takes the dossier off the agenda.
 */
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DossierReader } from '../dossiers/dossier-reader.js';
import { isFavourable } from '../workflow/dossier.requirements.js';
import {
  TransitionHooks,
  type TransitionContext,
  type TransitionEffects,
  type TransitionListener,
} from '../workflow/transition-hooks.js';
import { CommitteeOpinion } from './opinions/committee-opinion.entity.js';
import { CompositionService } from './opinions/composition.service.js';
import { dossierTally } from './opinions/opinions.service.js';
import { AgendaService } from './sessions/agenda.service.js';
import { currentAgendaItem, loadSession } from './sessions/session-rows.js';

@Injectable()
export class CommitteeTransitionsListener implements TransitionListener, OnModuleInit {
  constructor(
    private readonly hooks: TransitionHooks,
    private readonly agenda: AgendaService,
    private readonly compositions: CompositionService,
    private readonly dossiers: DossierReader,
  ) {}

  onModuleInit(): void {
    this.hooks.register(this);
  }

  async afterTransition(context: TransitionContext): Promise<TransitionEffects | void> {
    const { command, manager, dossierId, now } = context;
    if (command.type === 'SCHEDULE_COMMITTEE' && context.toState === 'committee.scheduled') {
      await this.agenda.add(manager, command.sessionId.toLowerCase(), dossierId, command.reason?.trim() || null, now);
      return;
    }
    if (command.type === 'RECORD_OPINION' && context.fromState === 'committee.scheduled') {
      // The guard (committeeQuorum) found the item and an open session in this transaction.
      const item = await currentAgendaItem(manager, dossierId);
      if (!item) throw new Error(`RECORD_OPINION on ${dossierId} without a scheduled agenda item`);
      const session = await loadSession(manager, item.session_id);
      const { composition } = await this.compositions.forDossier(manager, session, dossierId);
      // The tally the guard (opinionVotes) agreed with, recorded with the opinion, casting vote included.
      const voteTally = await dossierTally(manager, session, dossierId, composition);
      const dossier = await this.dossiers.get(dossierId, manager);
      const amount = isFavourable(command.opinion) ? (command.proposedAmountCents ?? null) : null;
      await manager.insert(CommitteeOpinion, {
        sessionId: session.id,
        dossierId,
        opinion: command.opinion,
        motivation: command.motivation.trim(),
        conditions: command.opinion === 'FAVOURABLE_WITH_CONDITIONS' ? (command.conditions?.trim() ?? null) : null,
        proposedAmountCents: amount,
        // Whole shares are checked by the guard (rule 4): the division is exact.
        proposedShares: amount === null ? null : (command.proposedShares ?? amount / dossier.nominalShareValueCents),
        composition,
        voteTally,
        recordedAt: now,
        recordedBy: context.actor.userId,
      });
      await this.agenda.finish(manager, dossierId, 'EXAMINED', now);
      return voteTally ? { voteTally } : undefined;
    }
    if ((command.type === 'WITHDRAW' || command.type === 'CLOSE') && context.fromState === 'committee.scheduled') {
      await this.agenda.finish(manager, dossierId, 'REMOVED', now);
    }
  }
}
