/**
 * The workflow facts the analyses answer: each COMPLETE_* event needs its analysis
 * complete and valid (the 409 lists what is missing, field by field), and the amounts
 * proposed by the committee or decided by the élus must respect the public cap and the
 * ceiling (rules 3 and 5). Whole shares and "not above the request" are answered by the
 * dossiers module; this provider adds only what needs the cap table and thresholds.
 */
import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { FactName, Problem } from '../workflow/dossier.events.js';
import { FactsRegistry, type FactsProvider, type FactsQuery } from '../workflow/facts.registry.js';
import type { AnalysisStep } from './analysis-steps.js';
import { AnalysesService } from './analyses.service.js';
import { AmountCheckService } from './amount-check.service.js';

const STEP_OF_FACT: Partial<Record<FactName, AnalysisStep>> = {
  activityComplete: 'activity',
  essPracticesComplete: 'essPractices',
  economicComplete: 'economic',
};

/** The amount check's problems the dossiers module does not already report. */
const CAP_TABLE_CODES = new Set(['CAP_TABLE_UNKNOWN', 'PUBLIC_CAP_EXCEEDED', 'ABOVE_CEILING', 'ABOVE_ENVELOPE']);

@Injectable()
export class AnalysesFactsProvider implements FactsProvider, OnModuleInit {
  constructor(
    private readonly registry: FactsRegistry,
    private readonly analyses: AnalysesService,
    private readonly amounts: AmountCheckService,
  ) {}

  onModuleInit(): void {
    this.registry.register(this, [
      'activityComplete',
      'essPracticesComplete',
      'economicComplete',
      'proposedAmount',
      'decidedAmount',
    ]);
  }

  async gather(query: FactsQuery, facts: readonly FactName[]): Promise<Partial<Record<FactName, Problem[]>>> {
    const answers: Partial<Record<FactName, Problem[]>> = {};
    for (const fact of facts) {
      const step = STEP_OF_FACT[fact];
      if (step) answers[fact] = await this.analyses.completionProblems(query.manager, step, query.dossierId);
    }
    const { command } = query;
    if (facts.includes('proposedAmount') && command.type === 'RECORD_OPINION' && command.proposedAmountCents) {
      answers.proposedAmount = await this.capProblems(query, command.proposedAmountCents, 'proposedAmountCents');
    }
    // A rejection decides no amount: only an approval subscribes shares.
    if (
      facts.includes('decidedAmount') &&
      command.type === 'RECORD_DECISION' &&
      command.outcome === 'APPROVED' &&
      command.amountCents
    ) {
      answers.decidedAmount = await this.capProblems(query, command.amountCents, 'amountCents');
    }
    return answers;
  }

  private async capProblems(query: FactsQuery, amountCents: number, field: string): Promise<Problem[]> {
    const check = await this.amounts.check(query.manager, query.dossierId, amountCents, field);
    return check.problems.filter((problem) => CAP_TABLE_CODES.has(problem.code));
  }
}
