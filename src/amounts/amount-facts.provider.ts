/**
 * The workflow facts of the amounts: the committee's proposal (RECORD_OPINION) and the
 * élus' decision (RECORD_DECISION, approvals only — a rejection subscribes nothing) pass
 * the amount gate, on the SCIC's whole position. The signature's re-check is the decisions
 * module's (it knows the decision awaiting signature) and asks the same gate.
 */
import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { FactName, Problem } from '../workflow/dossier.events.js';
import { FactsRegistry, type FactsProvider, type FactsQuery } from '../workflow/facts.registry.js';
import { AmountGateService } from './amount-gate.service.js';

@Injectable()
export class AmountFactsProvider implements FactsProvider, OnModuleInit {
  constructor(
    private readonly registry: FactsRegistry,
    private readonly gate: AmountGateService,
  ) {}

  onModuleInit(): void {
    this.registry.register(this, ['proposedAmount', 'decidedAmount']);
  }

  async gather(query: FactsQuery, facts: readonly FactName[]): Promise<Partial<Record<FactName, Problem[]>>> {
    const { command, manager, dossierId } = query;
    const answers: Partial<Record<FactName, Problem[]>> = {};
    if (
      facts.includes('proposedAmount') &&
      command.type === 'RECORD_OPINION' &&
      command.proposedAmountCents !== undefined
    ) {
      const check = await this.gate.check(manager, {
        dossierId,
        amountCents: command.proposedAmountCents,
        purpose: 'PROPOSAL',
        field: 'proposedAmountCents',
      });
      answers.proposedAmount = check.problems;
    }
    if (
      facts.includes('decidedAmount') &&
      command.type === 'RECORD_DECISION' &&
      command.outcome === 'APPROVED' &&
      command.amountCents !== undefined
    ) {
      const check = await this.gate.check(manager, {
        dossierId,
        amountCents: command.amountCents,
        purpose: 'DECISION',
        proposedAmountCents: query.machineContext.proposedAmountCents,
        justification: command.justification,
        shares: command.shares,
      });
      answers.decidedAmount = check.problems;
    }
    return answers;
  }
}
