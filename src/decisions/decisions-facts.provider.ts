/**
 * The decisions module's part of the workflow's conditions:
 * - RECORD_DECISION: the délibération number is not another decision's;
 * - SIGN: the signatory declared, for this dossier, no interest in the SCIC and is not
 *   among the élus who withdrew (DOMAIN rule 8); an approval still fits in what remains
 *   of its year's envelope, read under a lock on the envelope so that two signatures
 *   cannot together exceed it (rule 5). The signing delegation is identity's part.
 */
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { EnvelopesService } from '../referentials/envelopes.service.js';
import type { FactName, Problem } from '../workflow/dossier.events.js';
import { FactsRegistry, type FactsProvider, type FactsQuery } from '../workflow/facts.registry.js';
import { pendingDecision } from './decision-rows.js';
import { signatoryProblems } from './signatory-rules.js';

@Injectable()
export class DecisionsFactsProvider implements FactsProvider, OnModuleInit {
  constructor(
    private readonly registry: FactsRegistry,
    private readonly envelopes: EnvelopesService,
  ) {}

  onModuleInit(): void {
    this.registry.register(this, ['deliberationAvailable', 'signature']);
  }

  async gather(query: FactsQuery, facts: readonly FactName[]): Promise<Partial<Record<FactName, Problem[]>>> {
    const answers: Partial<Record<FactName, Problem[]>> = {};
    if (facts.includes('deliberationAvailable') && query.command.type === 'RECORD_DECISION') {
      answers.deliberationAvailable = await this.deliberationProblems(query, query.command.deliberation);
    }
    if (facts.includes('signature') && query.command.type === 'SIGN') {
      answers.signature = await this.signatureProblems(query);
    }
    return answers;
  }

  private async deliberationProblems(query: FactsQuery, deliberation: string): Promise<Problem[]> {
    const [taken] = await query.manager.query<{ reference: string }[]>(
      `SELECT d.reference FROM decision x JOIN dossier d ON d.id = x.dossier_id WHERE x.deliberation_number = $1`,
      [deliberation.trim()],
    );
    return taken
      ? [
          {
            field: 'deliberation',
            code: 'DELIBERATION_NUMBER_TAKEN',
            message: `La délibération n° ${deliberation.trim()} est déjà enregistrée (dossier ${taken.reference}).`,
          },
        ]
      : [];
  }

  private async signatureProblems(query: FactsQuery): Promise<Problem[]> {
    const decision = await pendingDecision(query.manager, query.dossierId);
    if (!decision) {
      return [{ field: 'decision', code: 'NO_DECISION', message: 'Aucune décision n’attend de signature.' }];
    }
    return signatoryProblems(query.manager, this.envelopes, decision, query.actor);
  }
}
