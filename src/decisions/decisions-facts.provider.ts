/**
 * The decisions module's part of the workflow's conditions:
 * - RECORD_DECISION: the délibération number is not another decision's once normalised,
 *   and the sitting is not before the committee's opinion;
 * - SIGN: the signatory declared, for this dossier, no interest in the SCIC and is not
 *   among the élus who withdrew (DOMAIN rule 8); an approval still fits in what remains
 *   of its year's envelope, read under a lock on the envelope so that two signatures
 *   cannot together exceed it (rule 5). The signing delegation is identity's part.
 */
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { AmountGateService } from '../amounts/amount-gate.service.js';
import { OpinionReader } from '../committee/opinions/opinion-reader.js';
import { DossierReader } from '../dossiers/dossier-reader.js';
import type { FactName, Problem } from '../workflow/dossier.events.js';
import { FactsRegistry, type FactsProvider, type FactsQuery } from '../workflow/facts.registry.js';
import { deliberationNumberProblems, pendingDecision, sittingProblems } from './decision-rows.js';
import { signatoryProblems } from './signatory-rules.js';

@Injectable()
export class DecisionsFactsProvider implements FactsProvider, OnModuleInit {
  constructor(
    private readonly registry: FactsRegistry,
    private readonly gate: AmountGateService,
    private readonly dossiers: DossierReader,
    private readonly opinions: OpinionReader,
  ) {}

  onModuleInit(): void {
    this.registry.register(this, ['deliberationAvailable', 'signature']);
  }

  async gather(query: FactsQuery, facts: readonly FactName[]): Promise<Partial<Record<FactName, Problem[]>>> {
    const answers: Partial<Record<FactName, Problem[]>> = {};
    if (facts.includes('deliberationAvailable') && query.command.type === 'RECORD_DECISION') {
      answers.deliberationAvailable = await this.deliberationProblems(query, query.command);
    }
    if (facts.includes('signature') && query.command.type === 'SIGN') {
      answers.signature = await this.signatureProblems(query);
    }
    return answers;
  }

  private async deliberationProblems(
    query: FactsQuery,
    command: Extract<FactsQuery['command'], { type: 'RECORD_DECISION' }>,
  ): Promise<Problem[]> {
    const lastOpinion = await this.opinions.lastOpinion(query.manager, query.dossierId);
    return [
      ...(await deliberationNumberProblems(query.manager, command.deliberation ?? '', this.dossiers)),
      ...sittingProblems(command.sessionDate ?? '', lastOpinion?.committeeDate ?? null),
    ];
  }

  private async signatureProblems(query: FactsQuery): Promise<Problem[]> {
    const decision = await pendingDecision(query.manager, query.dossierId);
    if (!decision) {
      return [{ field: 'decision', code: 'NO_DECISION', message: 'Aucune décision n’attend de signature.' }];
    }
    return signatoryProblems(query.manager, this.gate, decision, query.actor);
  }
}
