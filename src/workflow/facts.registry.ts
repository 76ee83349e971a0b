/**
 * Where feature modules plug the facts they know into the workflow. The workflow module
 * depends on no feature module: each registers its providers at start, and the runner
 * asks only the providers of the facts an event needs.
 */
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../common/actor.js';
import {
  factsAllMet,
  type DossierCommand,
  type DossierEventType,
  type DossierFacts,
  type FactName,
  type Problem,
} from './dossier.events.js';
import type { DossierContext } from './dossier.machine.js';

export interface FactsQuery {
  dossierId: string;
  command: DossierCommand;
  actor: Actor;
  /** The runner's transaction: read through it to see the locked dossier as it stands. */
  manager: EntityManager;
  today: string;
  machineContext: DossierContext;
}

export interface FactsProvider {
  /** Problems for each requested fact this provider answers (empty list = met). */
  gather(query: FactsQuery, facts: readonly FactName[]): Promise<Partial<Record<FactName, Problem[]>>>;
}

/** The facts each event's guard reads. */
export const EVENT_FACTS: { readonly [type in DossierEventType]: readonly FactName[] } = {
  SUBMIT: ['requestValid'],
  COMPLETE_ACTIVITY: ['activityComplete'],
  COMPLETE_ESS_PRACTICES: ['essPracticesComplete'],
  COMPLETE_ECONOMIC: ['economicComplete'],
  SEND_BACK: [],
  REQUEST_COMPLEMENTS: ['requestedPieces'],
  RECEIVE_COMPLEMENTS: [],
  SCHEDULE_COMMITTEE: ['sessionSchedulable'],
  RECORD_OPINION: ['committeeQuorum', 'opinionVotes', 'proposedAmount'],
  RECORD_DECISION: ['decidedAmount', 'deliberationAvailable'],
  SIGN: ['signature'],
  WITHDRAW: [],
  CLOSE: [],
};

@Injectable()
export class FactsRegistry {
  private readonly providers = new Map<FactName, FactsProvider[]>();

  register(provider: FactsProvider, answers: readonly FactName[]): void {
    for (const fact of answers) this.providers.set(fact, [...(this.providers.get(fact) ?? []), provider]);
  }

  /**
   * Gathers the facts `query.command` needs. Several providers may answer one fact (an
   * analysis and its required documents both condition a step): their problems add up.
   * A needed fact no provider answers is an unmet condition, never silently met.
   */
  async gather(query: FactsQuery): Promise<DossierFacts> {
    const facts = factsAllMet(query.today);
    const needed = EVENT_FACTS[query.command.type];
    const byProvider = new Map<FactsProvider, FactName[]>();
    for (const fact of needed) {
      const providers = this.providers.get(fact) ?? [];
      if (!providers.length) {
        facts[fact] = [{ field: fact, code: 'NO_FACTS_PROVIDER', message: `Aucun module ne renseigne « ${fact} ».` }];
      }
      for (const provider of providers) byProvider.set(provider, [...(byProvider.get(provider) ?? []), fact]);
    }
    for (const [provider, asked] of byProvider) {
      const answers = await provider.gather(query, asked);
      for (const fact of asked) facts[fact] = [...facts[fact], ...(answers[fact] ?? [])];
    }
    return facts;
  }
}
