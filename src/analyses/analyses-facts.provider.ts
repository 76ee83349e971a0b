/**
 * The workflow facts the analyses answer: each COMPLETE_* event needs its analysis
 * complete and valid (the 409 lists what is missing, field by field). The amounts are the
 * amount gate's (src/amounts).
 */
import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { FactName, Problem } from '../workflow/dossier.events.js';
import { FactsRegistry, type FactsProvider, type FactsQuery } from '../workflow/facts.registry.js';
import type { AnalysisStep } from './analysis-steps.js';
import { AnalysesService } from './analyses.service.js';

const STEP_OF_FACT: Partial<Record<FactName, AnalysisStep>> = {
  activityComplete: 'activity',
  essPracticesComplete: 'essPractices',
  economicComplete: 'economic',
};

@Injectable()
export class AnalysesFactsProvider implements FactsProvider, OnModuleInit {
  constructor(
    private readonly registry: FactsRegistry,
    private readonly analyses: AnalysesService,
  ) {}

  onModuleInit(): void {
    this.registry.register(this, ['activityComplete', 'essPracticesComplete', 'economicComplete']);
  }

  async gather(query: FactsQuery, facts: readonly FactName[]): Promise<Partial<Record<FactName, Problem[]>>> {
    const answers: Partial<Record<FactName, Problem[]>> = {};
    for (const fact of facts) {
      const step = STEP_OF_FACT[fact];
      if (step) answers[fact] = await this.analyses.completionProblems(query.manager, step, query.dossierId);
    }
    return answers;
  }
}
